// The database going away in the middle of a run (connections refused and every backend terminated,
// right after a step's commit): the run stops with a message saying the database is unreachable and
// what to do, before any step that reaches outside its worktree; nothing is half-written in git, and once the database is back `resume` finishes it with
// the same end state as an unbroken run and no duplicate commit.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildPlan } from "../../src/engine/plan/build-plan.ts";
import { executeRun } from "../../src/engine/run/execute.ts";
import { resumeRun } from "../../src/engine/run/resume.ts";
import { migrate } from "../../src/store/migrations.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { localPorts, makeRepo } from "../support/engine-harness.ts";
import { file, scenario, shell, step } from "../support/engine-scenarios.ts";
import { adminQuery, createServerDatabase, dropServerDatabase } from "../support/test-db.ts";
import { threeSteps } from "./support/fault-scenario.ts";

const NAME = `scenario_test_hostile_dbgone_${process.pid}`;
let url: string;
const cleanups: (() => void)[] = [];
beforeAll(async () => {
  url = await createServerDatabase(NAME);
  const db = await openPostgres(url);
  await migrate(db);
  await db.close();
});
afterAll(() => dropServerDatabase(NAME));
afterEach(async () => {
  await adminQuery(`ALTER DATABASE ${NAME} ALLOW_CONNECTIONS true`);
  for (const c of cleanups.splice(0)) c();
});

/** The database disappears: no new connection, every open one terminated. */
async function databaseGoesAway(): Promise<void> {
  await adminQuery(`ALTER DATABASE ${NAME} ALLOW_CONNECTIONS false`);
  await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${NAME}'`);
}

const git = (dir: string, ...args: string[]) =>
  execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
const plan = (runId: string) =>
  buildPlan({
    catalog: [threeSteps],
    scenarioId: "three-steps",
    rawParams: { name: "alpha" },
    runId,
    now: new Date(),
  });

describe("the database going away mid-run", () => {
  it("stops the run with a clear error, and resume finishes it once the database is back", async () => {
    const r = makeRepo();
    cleanups.push(r.cleanup);
    const runId = "20261124-dbgone";
    const db = await openPostgres(url);
    const ports = await localPorts(db, r.dir, runId);
    // Checkpoints commit through commitChanges (a step that changed nothing makes no commit).
    const commit = ports.workspace.commitChanges.bind(ports.workspace);
    let cut = false;
    ports.workspace.commitChanges = async (message, trailers) => {
      const sha = await commit(message, trailers);
      if (trailers["Scenario-Step"] === "1" && !cut) {
        cut = true;
        await databaseGoesAway();
      }
      return sha;
    };
    const error = await executeRun(plan(runId), ports, { repository: r.dir, baseBranch: "main" }).then(
      () => undefined,
      (e: Error) => e,
    );
    await db.close().catch(() => {});
    expect(error, "the run must not report success without its store").toBeInstanceOf(Error);
    // PostgreSQL's own words reach the caller (the CLI prints them after "error: ").
    expect(error?.message).toBe(`database "${NAME}" is not currently accepting connections`);
    expect(error?.message).not.toMatch(/^\s+at /m);
    // Steps that only write files save their rows without waiting (journal.ts saveBehind): the run
    // sees the failure when it next waits on the store, here at its end. Every checkpoint is whole and
    // the tree clean; resume heals the rows from the branch.
    const branch = `scenario/three-steps/${runId}`;
    expect(git(r.dir, "rev-list", "--count", `main..${branch}`)).toBe("3");
    expect(git(ports.workspace.root, "status", "--porcelain")).toBe("");

    await adminQuery(`ALTER DATABASE ${NAME} ALLOW_CONNECTIONS true`);
    const back = await openPostgres(url);
    try {
      const resumed = await resumeRun(runId, await localPorts(back, r.dir, runId), { catalog: [threeSteps] });
      expect(resumed.status).toBe("succeeded");
      const steps = await (await localPorts(back, r.dir, runId)).store.listSteps(runId);
      expect(steps.map((s) => `${s.index} ${s.status}`)).toEqual([
        "0 succeeded",
        "1 succeeded",
        "2 succeeded",
      ]);
      const subjects = git(r.dir, "log", "--reverse", "--format=%s", `main..${branch}`).split("\n");
      expect(subjects.filter((s) => s.includes("Write part"))).toEqual([
        "three-steps: Write part 1",
        "three-steps: Write part 2",
        "three-steps: Write part 3",
      ]);
      expect(git(r.dir, "show", `${branch}:out/alpha-3.txt`)).toBe("part 3 of alpha");
      const locks = await back.query<{ n: string }>("SELECT count(*)::text AS n FROM scenario_locks");
      expect(locks.rows[0]?.n).toBe("0");
    } finally {
      await back.close();
    }
  });
});

describe("the database going away before a step that reaches outside the worktree", () => {
  it("never starts the step: its row must be in the store first", async () => {
    const r = makeRepo();
    cleanups.push(r.cleanup);
    const runId = "20261124-dbshel";
    const fileThenShell = scenario("file-then-shell", {
      steps: [
        step("Write a file", "automated", [file("out/first.txt", "first\n")]),
        step("Run a command", "automated", [shell("echo ran > out/shell-ran.txt")]),
      ],
    });
    const db = await openPostgres(url);
    const ports = await localPorts(db, r.dir, runId);
    const commit = ports.workspace.commitChanges.bind(ports.workspace);
    ports.workspace.commitChanges = async (message, trailers) => {
      const sha = await commit(message, trailers);
      if (trailers["Scenario-Step"] === "0") await databaseGoesAway();
      return sha;
    };
    const error = await executeRun(
      buildPlan({
        catalog: [fileThenShell],
        scenarioId: "file-then-shell",
        rawParams: {},
        runId,
        now: new Date(),
      }),
      ports,
      { repository: r.dir, baseBranch: "main" },
    ).then(
      () => undefined,
      (e: Error) => e,
    );
    await db.close().catch(() => {});
    expect(error?.message).toBe(`database "${NAME}" is not currently accepting connections`);
    expect(existsSync(path.join(ports.workspace.root, "out/first.txt"))).toBe(true);
    expect(existsSync(path.join(ports.workspace.root, "out/shell-ran.txt"))).toBe(false);
  });
});

describe("the database connections cut once mid-run", () => {
  it("the run carries on over fresh connections and ends with every row", async () => {
    const r = makeRepo();
    cleanups.push(r.cleanup);
    const runId = "20261124-dbblip";
    const db = await openPostgres(url);
    try {
      const ports = await localPorts(db, r.dir, runId);
      const commit = ports.workspace.commitChanges.bind(ports.workspace);
      ports.workspace.commitChanges = async (message, trailers) => {
        const sha = await commit(message, trailers);
        if (trailers["Scenario-Step"] === "0")
          await adminQuery(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${NAME}'`,
          );
        return sha;
      };
      const outcome = await executeRun(plan(runId), ports, { repository: r.dir, baseBranch: "main" }).then(
        (run) => run.status,
        (e: Error) => e.message,
      );
      // The pool drops the dead connections and opens new ones: the run never notices.
      expect(outcome).toBe("succeeded");
      const steps = await ports.store.listSteps(runId);
      expect(steps.map((s) => `${s.index} ${s.status}`)).toEqual([
        "0 succeeded",
        "1 succeeded",
        "2 succeeded",
      ]);
      const branch = `scenario/three-steps/${runId}`;
      expect(
        git(r.dir, "log", "--format=%s", `main..${branch}`)
          .split("\n")
          .filter((s) => s.includes("Write part")),
      ).toHaveLength(3);
    } finally {
      await db.close();
    }
  });
});
