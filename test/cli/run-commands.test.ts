import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { gitIn, makeRepo, useEngineDb } from "../support/engine-harness.ts";

const store = useEngineDb("cli_run");
const SCENARIOS = path.resolve("test/cli/engine-scenarios");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function repo(): string {
  const r = makeRepo();
  cleanups.push(r.cleanup);
  return r.dir;
}

async function cli(dir: string, ...argv: string[]) {
  return cliWith({ dir, isTTY: false, env: {} }, ...argv);
}

async function cliWith(o: { dir: string; isTTY: boolean; env: NodeJS.ProcessEnv }, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, "--scenarios", SCENARIOS, "--repo", o.dir], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: o.dir,
    env: { ...process.env, NO_COLOR: undefined, DATABASE_URL: store.url, USER: "dana", ...o.env },
    isTTY: o.isTTY,
  });
  return { code, out: out.join(""), err: err.join("") };
}

const runIdOf = (text: string) => /^Run (\d{8}-[0-9a-z]{6}):/m.exec(text)?.[1] ?? "";

describe("scenario plan / run --dry-run", () => {
  it("print the plan and change nothing", async () => {
    const dir = repo();
    const plan = await cli(dir, "plan", "note-table", "table=users");
    expect(plan.code).toBe(0);
    expect(plan.out).toContain("1/3 Write the note [automated]\n      write notes/users.md");
    const dry = await cli(dir, "run", "note-table", "table=users", "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("(dry run: nothing was changed)");
    expect(gitIn(dir, "status", "--porcelain", "--ignored")).toBe("");
    expect(gitIn(dir, "branch", "--list", "scenario/*")).toBe("");
  });

  it("refuse bad input with a message, not a stack trace", async () => {
    const dir = repo();
    const unknown = await cli(dir, "run", "note-tabel", "table=users");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe(
      `error: unknown scenario "note-tabel"; did you mean note-table? List the scenarios with \`scenario list --repo ${dir} --scenarios ${SCENARIOS}\`.\n`,
    );
    const bad = await cli(dir, "plan", "note-table", "table=Users;rm", "colour=red", "users");
    expect(bad.code).toBe(1);
    // The advice repeats the flags that chose the catalog and the repository.
    const flags = (text: string) => text.replaceAll(`--repo ${dir} --scenarios ${SCENARIOS}`, "<flags>");
    expect(flags(bad.err)).toMatchInlineSnapshot(`
      "error: note-table: a parameter is not valid:
        - "users" is not a parameter: write name=value (e.g. table=users).
      \`scenario show note-table <flags>\` lists its parameters and their rules.
      "
    `);
    const rules = await cli(dir, "plan", "note-table", "table=Users;rm", "colour=red");
    expect(flags(rules.err)).toMatchInlineSnapshot(`
      "error: note-table: 2 parameters are not valid:
        - unknown parameter "colour". Known parameters: table, fail.
        - "table" must match the pattern ^[a-z_][a-z0-9_]*$. Example: table=users (got "Users;rm")
      \`scenario show note-table <flags>\` lists its parameters and their rules.
      "
    `);
    expect(rules.err).not.toMatch(/\n\s+at /);
  });
});

describe("scenario run / tick / resume / status / runs / rollback", () => {
  it("runs to the manual step, ticks it, resumes to success, and lists it", async () => {
    const dir = repo();
    const run = await cli(dir, "run", "note-table", "table=users");
    expect(run.code).toBe(0);
    const id = runIdOf(run.out);
    expect(run.out).toContain(`Run ${id} waiting: note-table (target users)`);

    const status = await cli(dir, "status", id);
    expect(status.out).toContain("  [ ] step 3: The note on users is right");
    const wrongStep = await cli(dir, "tick", id, "2");
    expect(wrongStep.code).toBe(1);
    expect(wrongStep.err).toContain("step 2 is not a manual step of this run. Manual steps: 3.");

    const tick = await cli(dir, "tick", id, "3", "--resume");
    expect(tick.code).toBe(0);
    expect(tick.out).toContain("ticked 1 item(s) of step 3 (Review the note) as dana");
    expect(tick.out).toContain(`Run ${id} succeeded: note-table (target users)`);
    expect(gitIn(dir, "show", `scenario/note-table/${id}:notes/users.md`)).toBe("# users");

    const runs = await cli(dir, "runs");
    expect(runs.out).toMatch(new RegExp(`^${id}\\s+succeeded\\s+note-table\\s+users`, "m"));
    const inProgress = await cli(dir, "status");
    expect(inProgress.out).toBe("No run in progress. `scenario runs` lists past runs.\n");

    const rollback = await cli(dir, "rollback", id);
    expect(rollback.code).toBe(0);
    expect(rollback.out).toContain(`Run ${id} rolled_back`);
    expect(gitIn(dir, "rev-parse", `scenario/note-table/${id}`)).toBe(gitIn(dir, "rev-parse", "main"));
  });

  it("repeats --repo and --scenarios in every hint, and stops offering tick or resume once a waiting run is rolled back", async () => {
    const dir = repo();
    const run = await cli(dir, "run", "note-table", "table=users");
    const id = runIdOf(run.out);
    const flags = `--repo ${dir} --scenarios ${SCENARIOS}`;
    expect(run.out).toContain(`\`scenario tick ${id} 3 ${flags}\`, then \`scenario resume ${id} ${flags}\``);
    const taskFile = readFileSync(path.join(dir, ".scenario", "tasks", `${id}.md`), "utf8");
    expect(taskFile).toContain(`then \`scenario resume ${id} ${flags}\``);

    expect((await cli(dir, "rollback", id)).code).toBe(0);
    const status = await cli(dir, "status", id);
    expect(status.out).toContain(`Run ${id} rolled_back`);
    expect(status.out).not.toMatch(/tick|resume|\[ \]/);
    const tick = await cli(dir, "tick", id, "3");
    expect(tick.code).toBe(1);
    expect(tick.err).toContain(`run ${id} is rolled_back: nothing waits on people`);
    expect(tick.err).toContain(`\`scenario status ${id} ${flags}\``);
  });

  it("cancels a waiting run, and words a refused control's hint as a command with the same flags", async () => {
    const dir = repo();
    const id = runIdOf((await cli(dir, "run", "note-table", "table=users")).out);
    const cancel = await cli(dir, "cancel", id);
    expect(cancel.code).toBe(0);
    expect(cancel.out).toContain(`Run ${id} cancelled: note-table (target users)`);
    expect(gitIn(dir, "rev-parse", `scenario/note-table/${id}`)).toBe(gitIn(dir, "rev-parse", "main"));
    const again = await cli(dir, "cancel", id);
    expect(again.code).toBe(0);
    expect(again.out).toContain(`run ${id} is already cancelled: nothing to cancel`);
    const resume = await cli(dir, "resume", id);
    expect(resume.code).toBe(1);
    expect(resume.err).toBe(
      `error: run ${id} is cancelled: it was undone; there is nothing left to resume. Start a new run: \`scenario run note-table <name>=<value>... --repo ${dir} --scenarios ${SCENARIOS}\`.\n`,
    );
  });

  it("exits 1 for a run that failed and rolled back, and says why", async () => {
    const dir = repo();
    const run = await cli(dir, "run", "note-table", "table=orders", "fail=true");
    expect(run.code).toBe(1);
    expect(run.out).toContain("reason: engine-scenarios/note-table.md:");
    expect(run.out).toContain("the shell block exited with status 4: the note check was told to fail");
    expect(existsSync(path.join(dir, "notes"))).toBe(false);
  });

  it("refuses a second run on the same target and names the holder", async () => {
    const dir = repo();
    const first = runIdOf((await cli(dir, "run", "note-table", "table=users")).out);
    const second = await cli(dir, "run", "note-table", "table=users");
    expect(second.code).toBe(1);
    expect(second.err).toContain(`another run (${first}) is already changing`);
    expect(second.err).toContain(
      `See where it is: \`scenario status ${first} --repo ${dir} --scenarios ${SCENARIOS}\`. Roll it back: \`scenario rollback ${first} --repo ${dir} --scenarios ${SCENARIOS}\`. Or pass --wait to queue behind it.`,
    );
    // Its worktree was added while the store opened: refused, it leaves no branch, worktree or entry.
    expect(gitIn(dir, "branch", "--list", "--format=%(refname:short)", "scenario/*")).toBe(
      `scenario/note-table/${first}`,
    );
    expect(readdirSync(path.join(dir, ".scenario", "worktrees"))).toEqual([first]);
    expect(readdirSync(path.join(dir, ".git", "worktrees"))).toEqual([first]);
    expect(gitIn(dir, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(2);
  });

  it("resumes a run from its branch when the store lost it", async () => {
    const dir = repo();
    const id = runIdOf((await cli(dir, "run", "note-table", "table=users")).out);
    await store.db.exec(
      "TRUNCATE scenario_runs, scenario_step_runs, scenario_manual_tasks, scenario_locks CASCADE",
    );
    const resumed = await cli(dir, "resume", id);
    expect(resumed.out).toContain("was not in the store: recovered from the trailers");
    expect(resumed.out).toContain(`Run ${id} waiting`);
    const missing = await cli(dir, "resume", "20261124-zzzzzz");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(
      "run 20261124-zzzzzz was not found in the store, nor as a branch scenario/*/20261124-zzzzzz in",
    );
  });

  it("refuses a base branch that does not exist, naming it", async () => {
    const dir = repo();
    const run = await cli(dir, "run", "note-table", "table=users", "--base", "nope");
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^error: could not start scenario\/note-table\/\S+ from "nope": git rev-parse/);
    expect(run.err).toContain("Check that the base branch exists (pass --base <branch>).");
    expect((await cli(dir, "run", "note-table", "table=users")).code).toBe(0);
  });
});

describe("reading a run back", () => {
  it("shows why a step failed, then logs, status --json and runs --json tell it again", async () => {
    const dir = repo();
    const run = await cli(dir, "run", "note-table", "table=orders", "fail=true");
    const id = runIdOf(run.out);
    const flags = `--repo ${dir} --scenarios ${SCENARIOS}`;
    expect(run.out).toContain("[2/3] Check the note FAILED");
    expect(run.out).toContain("    | the note check was told to fail\n");
    expect(run.out).toContain(`    full output: scenario logs ${id} 2 ${flags}\n`);

    const logs = await cli(dir, "logs", id);
    expect(logs.code).toBe(0);
    expect(logs.out).toMatch(
      /^reason: engine-scenarios\/note-table\.md:\d+: the shell block exited with status 4: the note check was told to fail$/m,
    );
    expect(logs.out).toContain(
      "== step 1: Write the note (automated, succeeded) ==\nwrote notes/orders.md\n",
    );
    expect(logs.out).toContain("== step 2: Check the note (validation, failed) ==");
    const one = await cli(dir, "logs", id, "2");
    expect(one.out).not.toContain("== step 1");
    expect(one.out).toContain("the note check was told to fail");
    const none = await cli(dir, "logs", id, "9");
    expect(none.code).toBe(1);
    expect(none.err).toContain(`run ${id} is rolled_back: it has no step 9; its steps so far: 1, 2.`);

    const status = JSON.parse((await cli(dir, "status", id, "--json")).out);
    expect(status).toMatchObject({ id, status: "rolled_back", scenarioId: "note-table", openTasks: [] });
    expect(status.steps.map((s: { step: string; status: string }) => `${s.step} ${s.status}`)).toEqual([
      "1 succeeded",
      "2 failed",
    ]);
    const runs = JSON.parse((await cli(dir, "runs", "--json")).out);
    expect(runs.map((r: { id: string }) => r.id)).toContain(id);
  });

  it("prints its version", async () => {
    const out: string[] = [];
    const code = await main(["--version"], {
      stdout: (t) => out.push(t),
      stderr: () => {},
      cwd: ".",
      env: {},
      isTTY: false,
    });
    expect(code).toBe(0);
    expect(out.join("")).toBe(`${JSON.parse(readFileSync("package.json", "utf8")).version}\n`);
  });

  it("warns about uncommitted changes the run will not see", async () => {
    const dir = repo();
    writeFileSync(path.join(dir, "README.md"), "# edited, not committed\n");
    writeFileSync(path.join(dir, "draft.txt"), "new\n");
    const run = await cli(dir, "run", "note-table", "table=users");
    expect(run.code).toBe(0);
    expect(run.err).toMatch(
      /^warning: 2 uncommitted changes in this checkout \(README\.md, draft\.txt\) will not be seen by the run: it works in its own worktree from main at [0-9a-f]{8}\./,
    );
    // The run starts from the commit the warning names.
    const named = /from main at ([0-9a-f]{8})\./.exec(run.err)?.[1];
    expect(run.out).toContain(`(from main @ ${named})`);
    const clean = repo();
    expect((await cli(clean, "run", "note-table", "table=users")).err).toBe("");
  });

  it("refuses a checkout without commits, and runs from another checkout's work in a subfolder", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "run-unborn-"));
    cleanups.push(() => rmSync(empty, { recursive: true, force: true }));
    gitIn(empty, "init", "-q", "-b", "main");
    const refused = await cli(empty, "run", "note-table", "table=users");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `${empty} has no commit yet: commit something first, or pass --base <branch>.`,
    );
    // From a subfolder: the run's worktree (kept: it waits on a manual step) is under the top level.
    const dir = repo();
    mkdirSync(path.join(dir, "sub"));
    const run = await cli(path.join(dir, "sub"), "run", "note-table", "table=users");
    expect(run.code, run.err).toBe(0);
    expect(gitIn(dir, "branch", "--list", "scenario/*")).toMatch(/scenario\/note-table\//);
    expect(gitIn(dir, "worktree", "list")).toContain(`${dir}/.scenario/worktrees/`);
    expect(existsSync(path.join(dir, "sub", ".scenario"))).toBe(false);
  });

  it("runs from a detached HEAD: its commit is the base", async () => {
    const dir = repo();
    const sha = gitIn(dir, "rev-parse", "HEAD").trim();
    gitIn(dir, "checkout", "-q", "--detach");
    const run = await cli(dir, "run", "note-table", "table=users");
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain(`(from ${sha} @ ${sha.slice(0, 8)})`);
    expect(gitIn(dir, "rev-parse", "HEAD").trim()).toBe(sha);
  });

  it("colours only on a terminal without NO_COLOR", async () => {
    const GREEN = "\x1b[32m";
    const tty = await cliWith({ dir: repo(), isTTY: true, env: {} }, "run", "note-table", "table=users");
    expect(tty.out).toContain(GREEN);
    const noColor = await cliWith(
      { dir: repo(), isTTY: true, env: { NO_COLOR: "1" } },
      "run",
      "note-table",
      "table=users",
    );
    expect(noColor.out).not.toContain(GREEN);
    const piped = await cli(repo(), "run", "note-table", "table=users");
    expect(piped.out).not.toContain("\x1b[");
  });
});
