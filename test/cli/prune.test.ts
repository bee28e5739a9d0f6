import { execSync, spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { claimKey } from "../../src/engine/run/claim.ts";
import { SqlRunStore } from "../../src/store/run-store.ts";
import { gitIn, makeRepo, useEngineDb } from "../support/engine-harness.ts";

const store = useEngineDb("cli_prune");
const SCENARIOS = path.resolve("test/cli/engine-scenarios");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function cli(dir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, "--scenarios", SCENARIOS, "--repo", dir], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: dir,
    env: { ...process.env, DATABASE_URL: store.url, USER: "dana" },
    isTTY: false,
  });
  return { code, out: out.join(""), err: err.join("") };
}

const runIdOf = (text: string) => /^Run (\d{8}-[0-9a-z]{6}):/m.exec(text)?.[1] ?? "";
const branches = (dir: string) =>
  gitIn(dir, "branch", "--list", "scenario/*", "--format=%(refname:short)")
    .split("\n")
    .filter(Boolean)
    .sort();

describe("scenario prune", () => {
  it("lists, then removes with --apply, the branches and worktrees of finished runs only", async () => {
    const r = makeRepo();
    cleanups.push(r.cleanup);
    const dir = r.dir;
    const start = async (table: string) =>
      runIdOf((await cli(dir, "run", "note-table", `table=${table}`)).out);
    // Waiting first: the runs that end after it leave their worktree as the spare for the next.
    const waiting = await start("e");
    const rolledBack = await start("a");
    await cli(dir, "rollback", rolledBack);
    const cancelled = await start("b");
    await cli(dir, "cancel", cancelled);
    const merged = await start("c");
    await cli(dir, "tick", merged, "3", "--resume");
    gitIn(dir, "merge", "-q", "--ff-only", `scenario/note-table/${merged}`);
    const unmerged = await start("d");
    await cli(dir, "tick", unmerged, "3", "--resume");
    // A branch the store does not know, named like a run's.
    gitIn(dir, "branch", "scenario/note-table/20261124-zzzzzz");
    // Runs the store holds as queued and running: one whose process was killed, one still driven.
    const runs = new SqlRunStore({ db: store.db });
    for (const [id, status] of [
      ["20261124-qqqqqq", "queued"],
      ["20261124-rrrrrr", "running"],
      ["20261124-ssssss", "running"],
    ] as const) {
      const branch = `scenario/note-table/${id}`;
      gitIn(dir, "branch", branch);
      await runs.createRun({
        id,
        scenarioId: "note-table",
        params: {},
        status,
        repository: dir,
        target: id,
        branch,
        baseBranch: "main",
      });
    }
    // Their claims: a process on this machine that is gone, and this one.
    const gone = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" }).stdout.trim();
    await runs.acquireLock(claimKey("20261124-rrrrrr"), `20261124-rrrrrr@${hostname()}:${gone}`);
    await runs.acquireLock(claimKey("20261124-ssssss"), `20261124-ssssss@${hostname()}:${process.pid}`);
    // A run killed before it was recorded: its worktree and branch, unknown to the store.
    const killed = path.join(dir, ".scenario", "worktrees", "20261124-yyyyyy");
    gitIn(dir, "worktree", "add", "-q", "-b", "scenario/note-table/20261124-yyyyyy", killed, "main");
    // A killed run's worktree left behind.
    mkdirSync(path.join(dir, ".scenario", "worktrees"), { recursive: true });
    gitIn(
      dir,
      "worktree",
      "add",
      "-q",
      "--detach",
      path.join(dir, ".scenario", "worktrees", rolledBack),
      "main",
    );
    const all = branches(dir);

    const dry = await cli(dir, "prune");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(
      `  ${rolledBack}  scenario/note-table/${rolledBack} + worktree  (rolled back: its branch holds nothing)`,
    );
    expect(dry.out).toContain(
      `  ${cancelled}  scenario/note-table/${cancelled}  (cancelled: its branch holds nothing)`,
    );
    expect(dry.out).toContain(`  ${merged}  scenario/note-table/${merged}  (succeeded and merged into main)`);
    expect(dry.out).toContain(
      `  ${unmerged}  scenario/note-table/${unmerged}  (succeeded, not merged into main; --succeeded removes it)`,
    );
    expect(dry.out).toContain(
      `  ${waiting}  scenario/note-table/${waiting} + worktree  (waiting: still going)`,
    );
    expect(dry.out).toContain(
      "  20261124-zzzzzz  scenario/note-table/20261124-zzzzzz  (not in this store, so not touched: another store's run, or one killed before it was recorded; if no such run is going on: git branch -D scenario/note-table/20261124-zzzzzz)",
    );
    expect(dry.out).toContain(
      "  20261124-qqqqqq  scenario/note-table/20261124-qqqqqq  (queued: not started; if its process was killed: scenario cancel 20261124-qqqqqq)",
    );
    expect(dry.out).toContain(
      `  20261124-rrrrrr  scenario/note-table/20261124-rrrrrr  (running: its process (pid ${gone} on this machine) is gone: scenario resume 20261124-rrrrrr)`,
    );
    expect(dry.out).toContain(
      `  20261124-ssssss  scenario/note-table/20261124-ssssss  (running: under way in process ${process.pid} on this machine)`,
    );
    const hint = "if no such run is going on: ";
    const unknown = dry.out.split("\n").find((l) => l.startsWith("  20261124-yyyyyy")) ?? "";
    expect(unknown).toBe(
      `  20261124-yyyyyy  scenario/note-table/20261124-yyyyyy + worktree  (not in this store, so not touched: another store's run, or one killed before it was recorded; ${hint}git worktree remove --force .scenario/worktrees/20261124-yyyyyy && git branch -D scenario/note-table/20261124-yyyyyy)`,
    );
    // The worktree the last finished run left for the next one.
    const spare = path.join(dir, ".git", "scenario-spare");
    expect(existsSync(spare)).toBe(true);
    expect(dry.out).toContain(
      "  spare worktree  (.git/scenario-spare: a finished run's, kept for the next run)",
    );
    expect(dry.out).toContain(
      `Nothing was removed. To remove them: scenario prune --apply --repo ${dir} --scenarios ${SCENARIOS}`,
    );
    expect(branches(dir)).toEqual(all);

    const applied = await cli(dir, "prune", "--apply");
    expect(applied.code).toBe(0);
    expect(branches(dir)).toEqual(
      [
        unmerged,
        waiting,
        "20261124-zzzzzz",
        "20261124-yyyyyy",
        "20261124-qqqqqq",
        "20261124-rrrrrr",
        "20261124-ssssss",
      ]
        .map((id) => `scenario/note-table/${id}`)
        .sort(),
    );
    expect(existsSync(path.join(dir, ".scenario", "worktrees", rolledBack))).toBe(false);
    expect(existsSync(spare)).toBe(false);
    expect(applied.out).toContain("Removed the branches and worktrees of 3 runs, and the spare worktree.\n");
    expect(gitIn(dir, "worktree", "list")).not.toContain("scenario-spare");

    await cli(dir, "prune", "--apply", "--succeeded");
    expect(branches(dir)).toEqual(
      [waiting, "20261124-zzzzzz", "20261124-yyyyyy", "20261124-qqqqqq", "20261124-rrrrrr", "20261124-ssssss"]
        .map((id) => `scenario/note-table/${id}`)
        .sort(),
    );
    expect(existsSync(killed)).toBe(true);
    // What the line says to do removes it.
    execSync(unknown.slice(unknown.indexOf(hint) + hint.length, -1), { cwd: dir, stdio: "ignore" });
    expect(existsSync(killed)).toBe(false);
    expect(branches(dir)).not.toContain("scenario/note-table/20261124-yyyyyy");
    // The waiting run goes on as before.
    expect((await cli(dir, "status", waiting)).out).toContain(`Run ${waiting} waiting`);
  });
});

describe("scenario prune and a scenario-spare no run left", () => {
  it("lists and removes neither a link to the checkout nor what it points at", async () => {
    const r = makeRepo();
    cleanups.push(r.cleanup);
    const dir = r.dir;
    symlinkSync("..", path.join(dir, ".git", "scenario-spare"));
    writeFileSync(path.join(dir, "mine.txt"), "untracked work\n");
    const dry = await cli(dir, "prune");
    expect(dry.out).toBe("Nothing to prune.\n");
    const applied = await cli(dir, "prune", "--apply");
    expect(applied.code).toBe(0);
    expect(lstatSync(path.join(dir, ".git", "scenario-spare")).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(dir, "mine.txt"), "utf8")).toBe("untracked work\n");
    expect(readFileSync(path.join(dir, "README.md"), "utf8")).toBe("# demo\n");
  });
});
