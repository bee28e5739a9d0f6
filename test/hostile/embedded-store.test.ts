// Two `scenario run` processes at once on one checkout with the embedded store (no DATABASE_URL):
// PGlite is one process's database, so the second is refused with a message naming the holder (or
// queues behind it), never both write; a holder SIGKILLed mid-run leaves a lock the next run takes over.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gitIn, makeRepo } from "../support/engine-harness.ts";

const NODE = path.resolve("node_modules/.bin/node");
const BIN = path.resolve("bin/scenario.js");
const SCENARIOS = path.resolve("test/hostile/scenarios");
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
});
