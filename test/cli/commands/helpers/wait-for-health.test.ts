import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { waitForHealth } from "../../../../src/cli/commands/helpers/wait-for-health.ts";
import { spawnCli } from "../../support/spawn-cli.ts";

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A server answering 503 `failures` times, then 200. */
async function flaky(failures: number): Promise<string> {
  let seen = 0;
  const server = createServer((_req, res) => {
    seen++;
    res.statusCode = seen > failures ? 200 : 503;
    res.end(seen > failures ? "ok" : "starting");
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
}

async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}/health`;
}

describe("scenario wait-for-health", { timeout: 120_000 }, () => {
  it("polls until the URL answers 2xx", async () => {
    const url = await flaky(2);
    const r = await spawnCli(process.cwd(), ["wait-for-health", url, "--timeout", "20", "--interval", "50"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^wait-for-health: ${url} answered 200 after [0-9.]+ s\\n$`));
  });

  it("exits 1 after the timeout with the last answer or error", async () => {
    const failing = await flaky(1_000_000);
    const r = await spawnCli(process.cwd(), [
      "wait-for-health",
      failing,
      "--timeout",
      "1",
      "--interval",
      "100",
    ]);
    expect(r).toMatchObject({
      code: 1,
      err: `wait-for-health: no 2xx from ${failing} within 1 s; last: HTTP 503 Service Unavailable\n`,
    });
    const closed = await closedPort();
    const c = await spawnCli(process.cwd(), ["wait-for-health", closed, "--timeout", "1"]);
    expect(c.code).toBe(1);
    expect(c.err).toMatch(/within 1 s; last: .*ECONNREFUSED/);
    const bad = await spawnCli(process.cwd(), ["wait-for-health", "file:///etc/passwd"]);
    expect(bad).toMatchObject({
      code: 1,
      err: 'wait-for-health: "file:///etc/passwd" is not an http(s) URL\n',
    });
  });

  it("keeps the last answer when the deadline cuts the next attempt short", async () => {
    // 503 once, then never an answer: the attempt after the 503 is cut by the deadline.
    let seen = 0;
    const server = createServer((_req, res) => {
      if (seen++ === 0) res.writeHead(503).end();
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const outcome = await waitForHealth(url, { timeoutMs: 400, intervalMs: 10, attemptMs: 5000 });
    expect(outcome).toEqual({ ok: false, last: "HTTP 503 Service Unavailable" });
    expect(seen).toBeGreaterThanOrEqual(2);
    server.closeAllConnections();
  });
});
