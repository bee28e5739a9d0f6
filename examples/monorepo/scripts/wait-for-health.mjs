#!/usr/bin/env node
// Waits until a health endpoint answers 2xx with {"ok":true}; gives up at once if the server's
// process died, or after the timeout. Used by the proxy scenarios and by CI smoke tests.
// Usage: node scripts/wait-for-health.mjs <url> [--pid PID] [--timeout-ms 10000]
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  options: { pid: { type: "string" }, "timeout-ms": { type: "string", default: "10000" } },
  allowPositionals: true,
});
const url = positionals[0];
if (!url) {
  console.error("Usage: node scripts/wait-for-health.mjs <url> [--pid PID] [--timeout-ms 10000]");
  process.exit(2);
}
const deadline = Date.now() + Number(values["timeout-ms"]);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

while (Date.now() < deadline) {
  if (values.pid && !alive(Number(values.pid))) {
    console.error("the server (pid " + values.pid + ") exited before " + url + " answered");
    process.exit(1);
  }
  let response;
  try {
    response = await fetch(url);
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 100));
    continue;
  }
  const body = await response.text();
  let ok = false;
  try {
    ok = response.ok && JSON.parse(body).ok === true;
  } catch {
    // not JSON: unhealthy
  }
  console.log(url + " answered " + response.status + " " + body);
  process.exit(ok ? 0 : 1);
}
console.error("no answer from " + url + " within " + values["timeout-ms"] + " ms");
process.exit(1);
