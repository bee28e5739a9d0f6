import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { LockHeldError } from "../../../src/engine/errors.ts";
import { buildPlan } from "../../../src/engine/plan/build-plan.ts";
import { executeRun } from "../../../src/engine/run/execute.ts";
import { resumeRun } from "../../../src/engine/run/resume.ts";
import { rollbackRun } from "../../../src/engine/run/rollback.ts";
import { DEFAULT_LAYOUT } from "../../../src/scenario/layout.ts";
import { gitIn, localPorts, makeRepo, useEngineDb } from "../../support/engine-harness.ts";
import { check, file, rollbackStep, scenario, step } from "../../support/engine-scenarios.ts";
import { catalog } from "./fixtures.ts";

const store = useEngineDb("execute");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function repo() {
  // A docs/ folder, as dhg-mono has: the execution log goes in it.
  const r = makeRepo({ "README.md": "# demo\n", "db/.keep": "", "docs/README.md": "# docs\n" });
  cleanups.push(r.cleanup);
  return r.dir;
}

let counter = 0;
async function start(dir: string, scenarioId: string, rawParams: Record<string, string>, extra = {}) {
  const runId = `20261124-t${String(++counter).padStart(5, "0")}`;
  const plan = buildPlan({ catalog, scenarioId, rawParams, runId, now: new Date("2026-11-24T10:00:00Z") });
  const ports = await localPorts(store.db, dir, runId);
  const run = await executeRun(plan, ports, { repository: dir, baseBranch: "main", ...extra });
  return { run, ports, plan, runId };
}

describe("executeRun", () => {
  it("runs a scenario green: one commit per step with trailers, the log, the user's checkout untouched", async () => {
    const dir = repo();
    const before = gitIn(dir, "rev-parse", "HEAD");
    const { run, ports, runId } = await start(dir, "add-index", { table: "users" });
    expect(run.status).toBe("succeeded");
    const branch = `scenario/add-index/${runId}`;
    expect(gitIn(dir, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
    expect(gitIn(dir, "rev-parse", "HEAD")).toBe(before);
    expect(gitIn(dir, "status", "--porcelain")).toBe("");
    const log = gitIn(dir, "log", "--format=%s|%(trailers:key=Scenario-Step,valueonly)", `main..${branch}`)
      .split("\n")
      .filter(Boolean);
    // Check and Done changed nothing: no empty commit for them.
    expect(log).toEqual(["add-index: execution log|", "add-index: Write the index|0"]);
    expect(gitIn(dir, "show", `${branch}:db/index_users.sql`)).toBe("create index on users (user_id);");
    expect(gitIn(dir, "show", `${branch}:notes.txt`)).toBe("indexed users.user_id");
    expect(gitIn(dir, "show", `${branch}:docs/continuous-improvement/execution-log.md`)).toContain(
      `| ${runId} | add-index | table=users column=user_id | 3 ran |`,
    );
    const steps = await ports.store.listSteps(runId);
    expect(steps.map((s) => [s.index, s.status, s.commitSha?.length])).toEqual([
      [0, "succeeded", 40],
      [1, "succeeded", undefined],
      [2, "succeeded", undefined],
    ]);
    expect(await ports.store.acquireLock(`${dir}#add-index#users`, "other")).toEqual({ acquired: true });
    expect(existsSync(ports.workspace.root)).toBe(false);
    expect(ports.output.join("")).toContain(`Run ${runId} succeeded: add-index (target users)`);
  });

  it("writes no execution log in a repository without a docs/ folder (psteinroe/supasample has none)", async () => {
    const bare = makeRepo();
    cleanups.push(bare.cleanup);
    const { run, ports, runId } = await start(bare.dir, "add-index", { table: "users" });
    expect(run.status).toBe("succeeded");
    const branch = `scenario/add-index/${runId}`;
    expect(gitIn(bare.dir, "log", "--format=%s", `main..${branch}`)).toBe("add-index: Write the index");
    expect(ports.output.join("")).toContain(
      "no execution log: the repository has no docs/ folder for docs/continuous-improvement/execution-log.md",
    );
  });

  it("makes no empty commit: a step that changed nothing is carried by the next commit's trailer", async () => {
    const dir = repo();
    const { run, ports, runId } = await start(dir, "two-writes", { name: "x" });
    expect(run.status).toBe("succeeded");
    const log = gitIn(
      dir,
      "log",
      "--format=%s|%(trailers:key=Scenario-Step,valueonly,separator=;)|%(trailers:key=Scenario-Unchanged,valueonly,separator=;)",
      `main..scenario/two-writes/${runId}`,
    );
    expect(log.split("\n")).toEqual([
      "two-writes: execution log||",
      "two-writes: Write b|3|1,2",
      "two-writes: Write a|0|",
    ]);
    expect(gitIn(dir, "log", "-1", "--format=%b", `scenario/two-writes/${runId}~1`)).toContain(
      "Also done, changing nothing: step 2 (Check a), step 3 (Ready).",
    );
    const steps = await ports.store.listSteps(runId);
    expect(steps.map((s) => [s.number, s.status, Boolean(s.commitSha)])).toEqual([
      [1, "succeeded", true],
      [2, "succeeded", false],
      [3, "succeeded", false],
      [4, "succeeded", true],
    ]);
  });

  it("leaves out the integrations a repository turns off", async () => {
    const dir = repo();
    const { run, ports, runId } = await start(
      dir,
      "add-index",
      { table: "users" },
      { integrations: { executionLog: false } },
    );
    expect(run.status).toBe("succeeded");
    const log = gitIn(dir, "log", "--format=%s", `main..scenario/add-index/${runId}`);
    expect(log).not.toContain("execution log");
    expect(ports.output.join("")).toContain(`Run ${runId} succeeded`);
  });

  it("runs a required dependency first, pauses on a manual step, and resumes once the task file is ticked", async () => {
    const dir = repo();
    const { run, ports, runId } = await start(dir, "add-rls-policies", { table: "users" });
    expect(run.status).toBe("waiting");
    const taskFile = path.join(dir, ".scenario", "tasks", `${runId}.md`);
    const tasks = readFileSync(taskFile, "utf8");
    // The step's number in its document everywhere a person looks; the plan index only in the marker.
    expect(tasks).toContain(
      "## Step 3: Review with the data owner\n\n- [ ] Policies match who may read `users` <!-- scenario:step=3 item=0 -->",
    );
    const output = ports.output.join("");
    expect(output).toContain("[create-database-table 1/1] Write the table migration ok");
    expect(output).toContain("[1/4] Write the policy migration ok");
    expect(output).toMatch(/\[3\/4\] Review with the data owner waiting/);
    expect(output).toContain(`scenario tick ${runId} 3`);
    const branch = `scenario/add-rls-policies/${runId}`;
    expect(gitIn(dir, "log", "-1", "--format=%B", branch)).toMatch(
      new RegExp(
        `^add-rls-policies: Write the policy migration\n\nStep 1/4 \\[automated\\] of run ${runId}\\.\n`,
      ),
    );
    expect((await ports.store.listSteps(runId)).map((s) => `${s.scenarioId}:${s.status}`)).toEqual([
      "create-database-table:succeeded",
      "add-rls-policies:succeeded",
      "add-rls-policies:succeeded",
      "add-rls-policies:waiting",
    ]);

    // Not ticked yet: resume keeps waiting and changes nothing.
    const again = await resumeRun(runId, await localPorts(store.db, dir, runId), { catalog });
    expect(again.status).toBe("waiting");

    writeFileSync(taskFile, tasks.replaceAll("- [ ]", "- [x]"));
    const resumePorts = await localPorts(store.db, dir, runId);
    const resumed = await resumeRun(runId, resumePorts, { catalog });
    expect(resumed.status).toBe("succeeded");
    // The dependency's write, the policy, the execution log: check, review and ready changed nothing.
    expect(gitIn(dir, "rev-list", "--count", `main..${branch}`)).toBe("3");
    expect((await ports.store.listTasks(runId)).every((t) => t.done && t.doneBy === "task-file")).toBe(true);
    expect(readFileSync(taskFile, "utf8")).toContain("Confirm: The team agreed on the policy model");
    // Said as what it is: a pre-condition the run could not check, listed for a person in the task file.
    expect(resumePorts.output.join("")).toContain(
      `not checked by the run, for a person to confirm (listed in ${taskFile}): pre-condition 2 "The team agreed on the policy model" has no check`,
    );
    expect(resumePorts.output.join("")).not.toContain("left manual");
  });

  it("skips a required dependency whose post-validation already holds", async () => {
    const dir = makeRepo({ "db/001_create_users.sql": "create table users (id int);\n" });
    cleanups.push(dir.cleanup);
    const { run, ports, runId } = await start(dir.dir, "add-rls-policies", { table: "users" });
    expect(run.status).toBe("waiting");
    const [dep] = await ports.store.listSteps(runId);
    expect(dep).toMatchObject({
      scenarioId: "create-database-table",
      status: "skipped",
      error: "create-database-table: its post-validation already holds",
    });
    expect(ports.output.join("")).toContain(
      "create-database-table: skipped, its post-validation already holds",
    );
  });

  it("rolls back when a validation fails: failed step recorded, rollback steps run, branch at base", async () => {
    const dir = repo();
    const { run, ports, runId } = await start(dir, "add-rls-policies", { table: "users", strict: "true" });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(/^t\.md:\d+: the shell block exited with status 3: strict mode refuses$/);
    const steps = await ports.store.listSteps(runId);
    expect(steps[2]).toMatchObject({ status: "failed", outputTail: "strict mode refuses\n" });
    const branch = `scenario/add-rls-policies/${runId}`;
    expect(gitIn(dir, "rev-parse", branch)).toBe(gitIn(dir, "rev-parse", "main"));
    expect(ports.output.join("")).toMatch(
      /rollback add-rls-policies #1 Remove the policy migration: ok\n\s+removed policy/,
    );
    expect(ports.output.join("")).toContain(
      "rollback create-database-table #1 Remove the table migration: ok",
    );
    expect(await ports.store.acquireLock(`${dir}#add-rls-policies#users`, "other")).toEqual({
      acquired: true,
    });
  });

  it("names a failed step by the line that explains it (stderr first), not its last line", async () => {
    const dir = repo();
    const { run, ports, runId } = await start(dir, "node-throws", {});
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^t\.md:\d+: the shell block exited with status 1: Error: config missing: config\.json$/,
    );
    const [step] = await ports.store.listSteps(runId);
    expect(step?.outputTail).toContain("Node.js v");
  });

  it("stops before any change when a pre-condition does not hold", async () => {
    const dir = repo();
    const { run, ports, runId } = await start(dir, "guarded", { config: "app.json" });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^guarded: pre-condition 1 "app\.json exists" does not hold \(t\.md:\d+, checked before any change\)$/,
    );
    expect(await ports.store.listSteps(runId)).toEqual([]);
    expect(gitIn(dir, "rev-parse", `scenario/guarded/${runId}`)).toBe(gitIn(dir, "rev-parse", "main"));
    expect(ports.output.join("")).not.toContain("rollback guarded");
  });

  it("checks every pre-condition it can before a required dependency changes anything", async () => {
    const dir = makeRepo({ "locks/users.lock": "locked by hand\n" });
    cleanups.push(dir.cleanup);
    const { run, ports, runId } = await start(dir.dir, "lock-table", { table: "users" });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^lock-table: pre-condition 2 "No lock for users yet" does not hold \(t\.md:\d+, checked before any change\): locks\/users\.lock is there$/,
    );
    // The dependency never ran: no step row, no commit, nothing to roll back.
    expect(await ports.store.listSteps(runId)).toEqual([]);
    expect(gitIn(dir.dir, "reflog", "--format=%gs", `scenario/lock-table/${runId}`).split("\n")).toHaveLength(
      1,
    );
    const output = ports.output.join("");
    expect(output).not.toContain("Write the table migration");
    expect(output).not.toContain("rollback create-database-table");
  });

  it("defers a pre-condition that a required dependency's post-validation establishes", async () => {
    const dir = repo();
    const { run, ports } = await start(dir, "lock-table", { table: "users" });
    expect(run.status).toBe("succeeded");
    expect(ports.output.join("")).toContain(
      'lock-table: pre-condition 1 "A migration creates the table" is checked after create-database-table has run',
    );
  });

  it("defers a pre-condition whose established-by names a required dependency that runs, though the checks differ", async () => {
    const dir = repo();
    const { run, ports, runId } = await start(dir, "seed-table", { table: "users" });
    expect(run.status).toBe("succeeded");
    const output = ports.output.join("");
    expect(output).toContain(
      `seed-table: pre-condition 1 "The table's migration declares its primary key" is checked after create-database-table has run`,
    );
    // Checked once the dependency has run, before the scenario's own first step.
    expect(output.indexOf("seed-table: pre-condition holds")).toBeGreaterThan(
      output.indexOf("create-database-table: post-validation holds"),
    );
    expect(gitIn(dir, "show", `scenario/seed-table/${runId}:db/seed_users.sql`)).toContain(
      "insert into users",
    );
  });

  it("without established-by, the same differing pre-condition is refused before any change", async () => {
    const dir = repo();
    const { run, ports, runId } = await start(dir, "seed-unlinked", { table: "users" });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^seed-unlinked: pre-condition 1 "The table's migration declares its primary key" does not hold \(t\.md:\d+, checked before any change\)/,
    );
    expect(await ports.store.listSteps(runId)).toEqual([]);
  });

  it("checks an established-by pre-condition before any change when its dependency is skipped", async () => {
    // The table exists without a primary key: create-database-table is skipped, so nothing would make it hold.
    const made = makeRepo({ "db/20260101000000_create_users.sql": "create table users (id int);\n" });
    cleanups.push(made.cleanup);
    const { run, ports, runId } = await start(made.dir, "seed-table", { table: "users" });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^seed-table: pre-condition 1 "The table's migration declares its primary key" does not hold \(t\.md:\d+, checked before any change\)$/,
    );
    expect(ports.output.join("")).not.toContain("is checked after");
    expect(await ports.store.listSteps(runId)).toEqual([]);
  });

  it("an established-by that the dependency does not make true fails after it ran, says so and rolls back", async () => {
    const dir = repo();
    const { run, ports, runId } = await start(dir, "seed-wrong-link", { table: "users" });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toBe(
      `seed-wrong-link: pre-condition 1 "The table's migration declares its primary key" does not hold (${run.error?.match(/t\.md:\d+/)?.[0]}): db/users.seed is missing, although create-database-table has run, which its established-by says makes it hold. Fix seed-wrong-link's document: that check, or its established-by=create-database-table`,
    );
    expect(ports.output.join("")).toContain(
      "rollback create-database-table #1 Remove the table migration: ok",
    );
    expect(gitIn(dir, "rev-parse", `scenario/seed-wrong-link/${runId}`)).toBe(
      gitIn(dir, "rev-parse", "main"),
    );
  });

  it("says why a required dependency is not skipped: the check that did not hold and its output", async () => {
    const dir = repo();
    const { ports } = await start(dir, "lock-table", { table: "users" });
    expect(ports.output.join("")).toMatch(
      /create-database-table: runs: its post-validation "A migration creates the table" does not hold yet \(t\.md:\d+, exit 2\)\n\s+grep: db\/\*\.sql: No such file or directory\n/,
    );
  });

  it("says in the refusal why a required dependency refused by its own pre-condition was not skipped", async () => {
    // The widget exists in a shape the dependency's post-validation does not know (a folder).
    const dir = makeRepo({ "widgets/gauge/index.ts": "export const widget = 1;\n" });
    cleanups.push(dir.cleanup);
    const { run, ports, runId } = await start(dir.dir, "test-widget", { name: "gauge" });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^create-widget: pre-condition 1 "No widget of that name yet" does not hold \(t\.md:\d+, checked before any change\)\. It runs as a dependency that test-widget requires, not skipped since its post-validation 1 "The widget file exists" does not hold \(t\.md:\d+\)$/,
    );
    expect(await ports.store.listSteps(runId)).toEqual([]);
  });

  it("refuses a second run on the same target, naming the holder", async () => {
    const dir = repo();
    const first = await start(dir, "add-rls-policies", { table: "users" });
    expect(first.run.status).toBe("waiting");
    const second = start(dir, "add-rls-policies", { table: "users" });
    await expect(second).rejects.toThrow(LockHeldError);
    await expect(second).rejects.toThrow(`another run (${first.runId}) is already changing`);
    // Another target is fine.
    const other = await start(dir, "add-index", { table: "orders" });
    expect(other.run.status).toBe("succeeded");
  });

  it("rolls back a waiting run on request and frees the target", async () => {
    const dir = repo();
    const { runId } = await start(dir, "add-rls-policies", { table: "users" });
    const ports = await localPorts(store.db, dir, runId);
    const run = await rollbackRun(runId, ports, { catalog });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toBe("rolled back on request (was waiting)");
    expect(gitIn(dir, "rev-parse", `scenario/add-rls-policies/${runId}`)).toBe(
      gitIn(dir, "rev-parse", "main"),
    );
    await expect(rollbackRun(runId, ports, { catalog })).rejects.toThrow("already rolled back");
    expect((await start(dir, "add-rls-policies", { table: "users" })).run.status).toBe("waiting");
  });

  it("resumes with the layout the run was planned with (migrations inside an app)", async () => {
    // webscopeio/supabase-modules keeps its migrations in apps/next/supabase/migrations: a plan rebuilt
    // with DEFAULT_LAYOUT's supabase/migrations would check, write and roll back in the wrong folder.
    const at = { file: "m.md", line: 1, column: 1 };
    const migration = scenario("app-migration", {
      steps: [
        step("Write the migration", "automated", [
          file("{layout_migrations}/{timestamp}_x.sql", "select 1;\n"),
        ]),
        step("Review it", "manual", [], { checklist: [{ text: "Reviewed", position: at }] }),
        step("Write its down companion", "automated", [
          file("{layout_migrations}/{timestamp}_x_down.sql", "select 2;\n"),
        ]),
      ],
      postValidation: [check("The migration exists", "test -f {layout_migrations}/{timestamp}_x.sql")],
      rollback: [rollbackStep("Remove it", "rm {layout_migrations}/{timestamp}_x*.sql")],
    });
    const layout = { ...DEFAULT_LAYOUT, migrations: "apps/next/supabase/migrations" };
    const dir = makeRepo({ "apps/next/supabase/migrations/20240507084838_profiles.sql": "select 0;\n" });
    cleanups.push(dir.cleanup);
    const runId = "20261124-layout";
    const now = new Date("2026-11-24T10:00:00Z");
    const plan = buildPlan({
      catalog: [migration],
      scenarioId: "app-migration",
      rawParams: {},
      runId,
      now,
      layout,
    });
    const ports = await localPorts(store.db, dir.dir, runId);
    expect((await executeRun(plan, ports, { repository: dir.dir, baseBranch: "main" })).status).toBe(
      "waiting",
    );
    const taskFile = path.join(dir.dir, ".scenario", "tasks", `${runId}.md`);
    writeFileSync(taskFile, readFileSync(taskFile, "utf8").replaceAll("- [ ]", "- [x]"));
    const resumed = await resumeRun(runId, await localPorts(store.db, dir.dir, runId), {
      catalog: [migration],
      layout,
    });
    expect(resumed.status).toBe("succeeded");
    const files = gitIn(dir.dir, "ls-tree", "-r", "--name-only", `scenario/app-migration/${runId}`).split(
      "\n",
    );
    expect(files.filter((f) => f.includes("_x"))).toEqual([
      "apps/next/supabase/migrations/20261124100000_x.sql",
      "apps/next/supabase/migrations/20261124100000_x_down.sql",
    ]);
  });

  it("queues a second run with wait until the holder ends, then runs it", async () => {
    const dir = repo();
    const first = await start(dir, "add-rls-policies", { table: "users" });
    expect(first.run.status).toBe("waiting");
    const second = start(dir, "add-rls-policies", { table: "users" }, { wait: true, waitPollMs: 50 });
    let settled = false;
    void second.then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(settled).toBe(false);
    await rollbackRun(first.runId, await localPorts(store.db, dir, first.runId), { catalog });
    const { run, ports } = await second;
    expect(run.status).toBe("waiting");
    expect(ports.output.join("")).toContain(`queued: run ${first.runId} holds`);
  });

  it("runs the health check after success: a failing one is recorded, the run stays succeeded", async () => {
    const dir = repo();
    const up = await start(dir, "healthy-service", { name: "billing" });
    expect(up.run.status).toBe("succeeded");
    expect(up.run.error).toBeUndefined();
    expect(up.ports.output.join("")).toContain("health check passed");
    const down = await start(dir, "healthy-service", { name: "ledger", up: "false" });
    expect(down.run.status).toBe("succeeded");
    expect(down.run.error).toBe("the health check failed after the run succeeded");
    expect(down.ports.output.join("")).toMatch(/health check FAILED \(t\.md:\d+\): service ledger is down/);
  });
});
