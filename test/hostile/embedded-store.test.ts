// Two `scenario run` processes at once on one checkout with the embedded store (no DATABASE_URL):
// PGlite is one process's database, so the second is refused with a message naming the holder (or
// queues behind it), never both write; a holder SIGKILLed mid-run leaves a lock the next run takes over.
// A run SIGKILLed mid-step: `status` knows from its claim that its process is gone, and resume finishes it.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { spawnCli } from "../cli/support/spawn-cli.ts";
import { gitIn, makeRepo } from "../support/engine-harness.ts";

const NODE = path.resolve("node_modules/.bin/node");
const BIN = path.resolve("bin/scenario.js");
const SCENARIOS = path.resolve("test/hostile/scenarios");
/** A step that waits for a file (the test makes it), after saying it started. */
const WAIT_FOR_FILE = `# Scenario: Wait for a file

## Metadata
- **ID**: \`wait-for-file\`
- **Object Type**: infra
- **Complexity**: simple
- **Automation**: 100%
- **Dependencies**: none
- **Target**: \`go\`

## Parameters
- \`go\` (required): The file to wait for. Pattern: \`^[A-Za-z0-9/._-]+$\`. Example: \`/tmp/go\`

## Steps
1. **Wait** [automated]
   \`\`\`bash
   touch {go}.started
   while [ ! -f {go} ]; do sleep 0.05; done
   \`\`\`

## Post-Validation
1. [ ] The file is there
   \`\`\`bash check
   test -f {go}
   \`\`\`

## Rollback
1. **Nothing to undo**
   \`\`\`bash
   true
   \`\`\`
`;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function cli(dir: string, ...argv: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    // An empty DATABASE_URL is no URL: the embedded store in .scenario/.
    const env = { ...process.env, PATH: `${path.dirname(NODE)}:${process.env.PATH}`, DATABASE_URL: "" };
    const child = spawn(NODE, [BIN, ...argv, "--scenarios", SCENARIOS, "--repo", dir], { cwd: dir, env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    const timer = setTimeout(() => {
      err += `\n[still running after 120 s: ${child.pid}]`;
      child.kill("SIGKILL");
    }, 120_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

// Each test starts several CLI processes that open PGlite: minutes on a loaded machine.
describe("the embedded store under two processes", { timeout: 300_000 }, () => {
  it("two runs at once: one writes, the other is refused with a message, never both", async () => {
    const r = makeRepo();
    cleanups.push(r.cleanup);
    // Create the embedded database first, so both start from the same point.
    expect((await cli(r.dir, "runs")).code).toBe(0);
    const [a, b] = await Promise.all([
      cli(r.dir, "run", "echo-text", "name=same", "value=a"),
      cli(r.dir, "run", "echo-text", "name=same", "value=b"),
    ]);
    const codes = [a.code, b.code].sort();
    expect(codes, JSON.stringify({ a, b })).toEqual([0, 1]);
    const loser = a.code === 1 ? a : b;
    expect(loser.err).toMatch(
      /^error: the embedded database \S+\/\.scenario\/db is in use by process \d+\. Wait for it to finish or stop it \(kill \d+\)\. Set DATABASE_URL or pass --database-url\./,
    );
    const branches = gitIn(r.dir, "branch", "--list", "scenario/*").split("\n").filter(Boolean);
    expect(branches).toHaveLength(1);
  }, 60_000);

  it("a run SIGKILLed while it holds the embedded database: the next run takes the lock over and finishes", async () => {
    const r = makeRepo();
    cleanups.push(r.cleanup);
    expect((await cli(r.dir, "runs")).code).toBe(0);
    // A run takes ~1.5-3 s here (opening PGlite, migrations check, the run): the kills land in
    // different phases, or after the end.
    for (const delay of process.env.HOSTILE_FULL ? [300, 700, 1000, 1300, 1600, 2000] : [1000]) {
      const child = spawn(
        NODE,
        [BIN, "run", "echo-text", `name=k${delay}`, "value=x", "--scenarios", SCENARIOS, "--repo", r.dir],
        {
          cwd: r.dir,
          env: { ...process.env, DATABASE_URL: "" },
          stdio: "ignore",
        },
      );
      const closed = new Promise((resolve) => child.on("close", resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill("SIGKILL");
      await closed;
      const next = await cli(r.dir, "run", "echo-text", `name=n${delay}`, "value=y");
      expect(next.err, `killed after ${delay} ms`).toBe("");
      expect(next.code).toBe(0);
    }
    const runs = await cli(r.dir, "runs");
    expect(runs.code, runs.err).toBe(0);
  }, 120_000);

  it("a run SIGKILLed mid-step: status says its process is gone and offers resume, which finishes it", async () => {
    const r = makeRepo();
    cleanups.push(r.cleanup);
    const scenarios = path.join(r.dir, "own-scenarios");
    mkdirSync(scenarios);
    writeFileSync(path.join(scenarios, "wait-for-file.md"), WAIT_FOR_FILE);
    const go = path.join(r.dir, "go");
    // An empty DATABASE_URL is no URL: the embedded store in .scenario/.
    const embedded = { DATABASE_URL: "" };
    const argv = ["--scenarios", scenarios, "--repo", r.dir];
    const child = spawn(NODE, [BIN, "run", "wait-for-file", `go=${go}`, ...argv], {
      cwd: r.dir,
      env: { ...process.env, ...embedded },
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    const closed = new Promise((resolve) => child.on("close", resolve));
    for (let i = 0; i < 1200 && !existsSync(`${go}.started`); i++)
      await new Promise((ok) => setTimeout(ok, 50));
    expect(existsSync(`${go}.started`), out).toBe(true);
    child.kill("SIGKILL");
    await closed;
    const runId = /\d{8}-[0-9a-z]{6}/.exec(out)?.[0] ?? "";
    try {
      const status = await spawnCli(r.dir, ["status", runId, ...argv], embedded);
      expect(status.code, status.err).toBe(0);
      expect(status.out).toContain(`Run ${runId} running`);
      expect(status.out).toContain(
        `its process (pid ${child.pid} on this machine) is gone: \`scenario resume ${runId}`,
      );
      // The lists say it too, on the run's line.
      for (const list of [["status"], ["runs"]]) {
        const listed = (await spawnCli(r.dir, [...list, ...argv], embedded)).out
          .split("\n")
          .find((l) => l.startsWith(runId));
        expect(listed, list[0]).toContain(
          `its process (pid ${child.pid} on this machine) is gone: scenario resume ${runId}`,
        );
      }
      const json = JSON.parse((await spawnCli(r.dir, ["status", runId, "--json", ...argv], embedded)).out);
      expect(json.driving).toEqual({ by: "here", pid: child.pid, alive: false });
    } finally {
      // The killed run's step lives on, waiting: this ends it.
      writeFileSync(go, "");
    }
    const resumed = await spawnCli(r.dir, ["resume", runId, ...argv], embedded);
    expect(resumed.code, resumed.out + resumed.err).toBe(0);
    const after = await spawnCli(r.dir, ["status", runId, ...argv], embedded);
    expect(after.out).toContain(`Run ${runId} succeeded`);
    expect(after.out).not.toContain("resume");
  }, 120_000);
});
