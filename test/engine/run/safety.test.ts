import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { PathEscapeError } from "../../../src/engine/errors.ts";
import { buildPlan } from "../../../src/engine/plan/build-plan.ts";
import { executeRun } from "../../../src/engine/run/execute.ts";
import { gitIn, localPorts, makeRepo, useMemoryStore } from "../../support/engine-harness.ts";
import { catalog } from "./fixtures.ts";

const runs = useMemoryStore();
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

let n = 0;
async function run(scenarioId: string, rawParams: Record<string, string>, options = {}) {
  const r = makeRepo();
  cleanups.push(r.cleanup);
  const runId = `20261124-s${String(++n).padStart(5, "0")}`;
  const plan = buildPlan({ catalog, scenarioId, rawParams, runId, now: new Date(), root: r.dir });
  const ports = await localPorts(runs.store, r.dir, runId);
  const record = await executeRun(plan, ports, { repository: r.dir, baseBranch: "main", ...options });
  return { record, dir: r.dir, branch: plan.branch, ports };
}

const canary = path.join(tmpdir(), `scenario-canary-${process.pid}`);
const hostile = [
  `$(touch ${canary})`,
  `\`touch ${canary}\``,
  `; touch ${canary}`,
  `x\ntouch ${canary}\n`,
  `"; touch ${canary}; echo "`,
  `'; touch ${canary}; echo '`,
  `$'\\n'touch ${canary}`,
  `\${IFS}touch\${IFS}${canary}`,
  `../../${path.basename(canary)}`,
  "x".repeat(64 * 1024),
];

describe("a hostile parameter corpus", () => {
  it.each(hostile.map((v) => [JSON.stringify(v).slice(0, 40), v]))(
    "%s is data, never code",
    async (_label, value) => {
      rmSync(canary, { force: true });
      const { record, dir, branch } = await run("echo-value", { value });
      expect(record.status).toBe("succeeded");
      for (const file of ["bare.txt", "double.txt", "single.txt"]) {
        expect(readFileFromBranch(dir, branch, file), file).toBe(value);
      }
      // A file block writes a text file: the value, then a newline if it had none.
      expect(readFileFromBranch(dir, branch, "file.txt")).toBe(value.endsWith("\n") ? value : `${value}\n`);
      expect(existsSync(canary)).toBe(false);
    },
  );

  it.each([
    ["../../escape", "leaves the workspace"],
    ["../../../../etc/passwd", "leaves the workspace"],
    ["a/../../../x", "leaves the workspace"],
    ["line\nbreak", "line break"],
  ])("refuses the path %j at plan time and writes nothing", async (name, why) => {
    const r = makeRepo();
    cleanups.push(r.cleanup);
    const before = readdirSync(path.dirname(r.dir)).length;
    expect(() =>
      buildPlan({
        catalog,
        scenarioId: "path-value",
        rawParams: { name },
        runId: "r",
        now: new Date(),
        root: r.dir,
      }),
    ).toThrow(PathEscapeError);
    expect(() =>
      buildPlan({ catalog, scenarioId: "path-value", rawParams: { name }, runId: "r", now: new Date() }),
    ).toThrow(why === "line break" ? "line break" : /leaves the workspace|absolute/);
    expect(readdirSync(path.dirname(r.dir)).length).toBe(before);
    expect(gitIn(r.dir, "status", "--porcelain")).toBe("");
  });
});

describe("time limits and cancel", () => {
  const pidfile = path.join(tmpdir(), `scenario-sleepy-${process.pid}`);
  afterAll(() => rmSync(pidfile, { force: true }));
  // A killed process whose parent is gone may linger as a zombie until PID 1 reaps it: that is dead.
  const alive = (pid: number) => {
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
    } catch {
      return false;
    }
  };

  it("a step past its timeout fails, its whole process group ends, and the run rolls back", async () => {
    const started = Date.now();
    const { record, ports } = await run("sleepy", {}, { env: { ...process.env, PIDFILE: pidfile } });
    // The block sleeps 30 s; the run (git, the store, the rollback) takes ~2.5 s on a loaded machine.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(record.status).toBe("rolled_back");
    expect(record.error).toMatch(/the shell block timed out after 1s$/);
    const background = Number(readFileSync(pidfile, "utf8"));
    // Killed with its group; on a loaded machine the kernel may take a moment to end it.
    await vi.waitFor(() => expect(alive(background)).toBe(false), { timeout: 5_000 });
    expect(ports.output.join("")).toContain("rolled back sleepy");
  }, 60_000);

  it("cancel kills the running block and ends the run cancelled, rolled back", async () => {
    rmSync(pidfile, { force: true });
    const controller = new AbortController();
    // Cancel once the block runs (its background child has written the pid file), not on a timer a
    // loaded machine may fire before the block starts.
    const started = (async () => {
      while (!(existsSync(pidfile) && readFileSync(pidfile, "utf8").trim())) await sleep(20);
      controller.abort();
    })();
    const { record, dir, branch } = await run(
      "sleepy",
      {},
      { signal: controller.signal, env: { ...process.env, PIDFILE: pidfile }, defaultTimeoutMs: 60_000 },
    );
    await started;
    expect(record.status).toBe("cancelled");
    expect(record.error).toMatch(/^cancelled during/);
    expect(alive(Number(readFileSync(pidfile, "utf8")))).toBe(false);
    expect(gitIn(dir, "rev-parse", branch)).toBe(gitIn(dir, "rev-parse", "main"));
  });

  it("keeps secrets out of the step environment and out of stored output", async () => {
    const { record, ports, dir, branch } = await run(
      "echo-value",
      { value: "ok" },
      {
        env: { ...process.env, GITHUB_TOKEN: "ghp_supersecretvalue" },
      },
    );
    expect(record.status).toBe("succeeded");
    expect(gitIn(dir, "cat-file", "-p", `${branch}:bare.txt`)).toBe("ok");
    const steps = await ports.store.listSteps(record.id);
    expect(JSON.stringify(steps)).not.toContain("ghp_supersecretvalue");
  });
});

function readFileFromBranch(dir: string, branch: string, file: string): string {
  const worktree = path.join(dir, ".check");
  gitIn(dir, "worktree", "add", "-q", "--detach", worktree, branch);
  try {
    return readFileSync(path.join(worktree, file), "utf8");
  } finally {
    gitIn(dir, "worktree", "remove", "--force", worktree);
  }
}
