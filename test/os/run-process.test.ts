// A process run through runProcess gives its exit code and output, keeps its output within the bound
// (head and tail, the cut marked), is stopped at its limit or on abort with SIGINT and then SIGKILL,
// and never leaves anything of its process group running: not on a kill, not after a clean exit.
import { describe, expect, it } from "vitest";
import { isProcessAlive } from "../../src/os/process-alive.ts";
import { type RunProcessOptions, runProcess } from "../../src/os/run-process.ts";

const options = (more: Partial<RunProcessOptions> = {}): RunProcessOptions => ({
  cwd: process.cwd(),
  env: process.env,
  timeoutMs: 10_000,
  graceMs: 10_000,
  ...more,
});
const sh = (script: string, more: Partial<RunProcessOptions> = {}) =>
  runProcess("sh", ["-c", script], options(more));
/** The pid a script printed on a line `pid <n>`. */
const printedPid = (stdout: string) => Number(/^pid (\d+)$/m.exec(stdout)?.[1]);
/** A killed process may still be exiting when its output closes; it is gone within moments. */
async function gone(pid: number): Promise<boolean> {
  if (!(pid > 0)) throw new Error(`no pid printed (${pid})`);
  const until = Date.now() + 5000;
  while (isProcessAlive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe("runProcess", () => {
  it("resolves with a non-zero exit code and the output of both streams", async () => {
    const result = await sh("echo out; echo err >&2; exit 3");
    expect(result).toEqual({
      code: 3,
      signal: null,
      timedOut: false,
      aborted: false,
      stdout: "out\n",
      stderr: "err\n",
      stdoutDroppedBytes: 0,
      stderrDroppedBytes: 0,
    });
  });

  it("keeps the head and the tail of output over its bound and marks the cut", async () => {
    const script = "echo first line; head -c 200000 /dev/zero | tr '\\0' x; echo; echo last line";
    const result = await sh(script, { maxStdoutBytes: 1000 });
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith("first line\n")).toBe(true);
    expect(result.stdout.endsWith("\nlast line\n")).toBe(true);
    const dropped = 11 + 200_000 + 1 + 10 - 1000;
    expect(result.stdout).toContain(`\n[… ${dropped} bytes of output dropped …]\n`);
    expect([result.stdoutDroppedBytes, result.stderrDroppedBytes]).toEqual([dropped, 0]);
    expect(result.stdout.replace(/\n\[… \d+ bytes of output dropped …\]\n/, "")).toHaveLength(1000);
  });

  it("cuts at characters, never inside one", async () => {
    // 3-byte characters against a bound of 10: each half ends inside one.
    const result = await sh("printf '€€€€€€€€€€'", { maxStdoutBytes: 10 });
    expect(result.stdout).toBe("€\n[… 20 bytes of output dropped …]\n€");
  });

  it("sends SIGINT at the limit and SIGKILL to the whole group after the grace", async () => {
    // A limit of a second: the shell must have set its trap first, and a loaded machine starts it late.
    const ignoresInt = "trap '' INT; sleep 100 & echo pid $!; wait; echo never";
    const result = await sh(ignoresInt, { timeoutMs: 1000, graceMs: 300 });
    expect(result).toMatchObject({ code: null, signal: "SIGKILL", timedOut: true, aborted: false });
    expect(result.stdout).not.toContain("never");
    const grandchild = printedPid(result.stdout);
    expect(grandchild).toBeGreaterThan(0);
    expect(await gone(grandchild)).toBe(true);
  });

  it("lets a process that handles SIGINT end cleanly within the grace", async () => {
    const handlesInt = "trap 'echo rolled back; exit 0' INT; echo started; sleep 100 & echo pid $!; wait";
    const result = await sh(handlesInt, { timeoutMs: 1000, graceMs: 20_000 });
    expect(result).toMatchObject({ code: 0, signal: null, timedOut: true, aborted: false });
    expect(result.stdout).toMatch(/^started\npid \d+\nrolled back\n$/);
    // The shell's `sleep &` ignores SIGINT; it ended with its parent, not after the grace.
    expect(await gone(printedPid(result.stdout))).toBe(true);
  });

  it("stops the group when the caller's signal aborts, and does not start when already aborted", async () => {
    const controller = new AbortController();
    const running = sh("sleep 100 & echo pid $!; wait", { graceMs: 300, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const result = await running;
    expect(result).toMatchObject({ timedOut: false, aborted: true });
    expect(result.code).not.toBe(0);
    // The shell may not have printed before the abort; what it printed is gone.
    if (result.stdout) expect(await gone(printedPid(result.stdout))).toBe(true);

    const before = await sh("echo ran", { signal: AbortSignal.abort() });
    expect(before).toEqual({
      code: null,
      signal: null,
      timedOut: false,
      aborted: true,
      stdout: "",
      stderr: "",
      stdoutDroppedBytes: 0,
      stderrDroppedBytes: 0,
    });
  });

  it("ends what a process left in its group when it exits", async () => {
    // Without that, `sleep` would hold the output open for 100 s.
    const result = await sh("sleep 100 & echo pid $!", { timeoutMs: 60_000 });
    expect(result).toMatchObject({ code: 0, timedOut: false });
    expect(await gone(printedPid(result.stdout))).toBe(true);
  });

  it("does not wait past the grace on a process that left the group and holds the output", async () => {
    // Its pid is printed once it runs, so it has left the group (spawn's setsid) before its parent ends.
    const escapes = `const c = require("node:child_process").spawn("sleep", ["100"], { detached: true, stdio: "inherit" });
      c.on("spawn", () => { console.log("pid " + c.pid); process.exit(0); });`;
    const result = await runProcess(
      process.execPath,
      ["-e", escapes],
      options({ timeoutMs: 60_000, graceMs: 300 }),
    );
    const escaped = printedPid(result.stdout);
    try {
      expect(result).toMatchObject({ code: 0, timedOut: false });
      expect(isProcessAlive(escaped)).toBe(true);
    } finally {
      if (escaped > 0) process.kill(escaped, "SIGKILL");
    }
  });

  it("rejects when the program cannot be started", async () => {
    await expect(runProcess("/nonexistent/scenario", [], options())).rejects.toThrow(/ENOENT/);
  });
});
