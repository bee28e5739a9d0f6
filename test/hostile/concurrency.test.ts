// Many at once against the real PostgreSQL server: 20 runs on different targets of one repository
// (each with its own connection pool, as separate jobs would have) all finish with every row; runs on
// the same target never both write (one wins, the others are refused naming it, or queue behind it).
import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { LockHeldError } from "../../src/engine/errors.ts";
import { buildPlan } from "../../src/engine/plan/build-plan.ts";
import type { RunRecord } from "../../src/engine/ports.ts";
import { executeRun } from "../../src/engine/run/execute.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { localPorts, makeRepo, useEngineDb } from "../support/engine-harness.ts";
import { threeSteps } from "./support/fault-scenario.ts";

const store = useEngineDb("hostile_concurrency");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function repo(): string {
  const r = makeRepo();
  cleanups.push(r.cleanup);
  return r.dir;
}

/** One run in its own pool, like a separate job: resolves with the record or the error it threw. */
async function startRun(dir: string, runId: string, name: string, wait = false): Promise<RunRecord | Error> {
  const db = await openPostgres(store.url);
  try {
    const plan = buildPlan({
      catalog: [threeSteps],
      scenarioId: "three-steps",
      rawParams: { name },
      runId,
      now: new Date(),
    });
    return await executeRun(plan, await localPorts(db, dir, runId), {
      repository: dir,
      baseBranch: "main",
      ...(wait ? { wait: true, waitPollMs: 50 } : {}),
    });
  } catch (error) {
    return error as Error;
  } finally {
    await db.close();
  }
}

const count = async (sql: string) => Number((await store.db.query<{ n: string }>(sql)).rows[0]?.n);
const git = (dir: string, ...args: string[]) =>
  execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();

describe("concurrent runs on the real PostgreSQL server", () => {
  it("20 runs on different targets at once all finish, and no row is lost", {
    timeout: 180_000,
  }, async () => {
    // One checkout per run, as separate jobs have.
    const names = Array.from({ length: 20 }, (_, i) => `t${String.fromCharCode(97 + i)}`);
    const dirs = names.map(() => repo());
    const results = await Promise.all(
      names.map((name, i) => startRun(dirs[i] as string, `20261124-c${String(i).padStart(5, "0")}`, name)),
    );
    expect(results.map((r) => (r instanceof Error ? r.message : r.status))).toEqual(
      names.map(() => "succeeded"),
    );
    expect(await count("SELECT count(*) AS n FROM scenario_runs WHERE status = 'succeeded'")).toBe(20);
    expect(await count("SELECT count(*) AS n FROM scenario_step_runs WHERE status = 'succeeded'")).toBe(60);
    expect(await count("SELECT count(*) AS n FROM scenario_step_runs WHERE commit_sha IS NULL")).toBe(0);
    expect(await count("SELECT count(*) AS n FROM scenario_locks")).toBe(0);
    for (const [i, name] of names.entries()) {
      const dir = dirs[i] as string;
      const branch = `scenario/three-steps/20261124-c${String(i).padStart(5, "0")}`;
      expect(git(dir, "show", `${branch}:out/${name}-3.txt`)).toBe(`part 3 of ${name}`);
      expect(git(dir, "ls-tree", "-r", "--name-only", branch, "out").split("\n")).toEqual(
        [1, 2, 3].map((n) => `out/${name}-${n}.txt`),
      );
    }
  });

  it("20 runs on different targets of ONE checkout at once all finish (each in its own worktree)", async () => {
    const dir = repo();
    const names = Array.from({ length: 20 }, (_, i) => `u${String.fromCharCode(97 + i)}`);
    const results = await Promise.all(
      names.map((name, i) => startRun(dir, `20261124-o${String(i).padStart(5, "0")}`, name)),
    );
    expect(results.map((r) => (r instanceof Error ? r.message : r.status))).toEqual(
      names.map(() => "succeeded"),
    );
    for (const [i, name] of names.entries()) {
      const branch = `scenario/three-steps/20261124-o${String(i).padStart(5, "0")}`;
      expect(git(dir, "ls-tree", "-r", "--name-only", branch, "out").split("\n")).toEqual(
        [1, 2, 3].map((n) => `out/${name}-${n}.txt`),
      );
    }
  });

  it("10 runs on the same target at once: exactly one writes, the others are refused naming it", async () => {
    const dir = repo();
    const ids = Array.from({ length: 10 }, (_, i) => `20261124-s${String(i).padStart(5, "0")}`);
    const results = await Promise.all(ids.map((id) => startRun(dir, id, "same")));
    const winners = results.filter((r): r is RunRecord => !(r instanceof Error));
    expect(winners.map((r) => r.status)).toEqual(["succeeded"]);
    const winner = winners[0]?.id ?? "";
    const refused = results.filter((r): r is Error => r instanceof Error);
    expect(refused).toHaveLength(9);
    for (const error of refused) {
      expect(error).toBeInstanceOf(LockHeldError);
      expect(error.message).toBe(
        `another run (${winner}) is already changing ${dir}#three-steps#same; two runs never write the same target at once`,
      );
      expect((error as LockHeldError).hints).toEqual([
        { do: "run", action: "status", runId: winner },
        { do: "run", action: "rollback", runId: winner },
        { do: "wait", holder: winner },
      ]);
    }
    // Only the winner has a branch; the refused runs are recorded as cancelled with the reason.
    expect(
      git(dir, "branch", "--list", "scenario/*")
        .split("\n")
        .map((b) => b.replace(/^[*+ ]+/, "")),
    ).toEqual([`scenario/three-steps/${winner}`]);
    expect(await count("SELECT count(*) AS n FROM scenario_runs WHERE status = 'cancelled'")).toBe(9);
    expect(await count("SELECT count(*) AS n FROM scenario_step_runs")).toBe(3);
  });

  it("with --wait, runs on the same target queue and write one after the other", async () => {
    const dir = repo();
    const ids = ["20261124-w00001", "20261124-w00002", "20261124-w00003"];
    const results = await Promise.all(ids.map((id) => startRun(dir, id, "queued", true)));
    expect(results.map((r) => (r instanceof Error ? r.message : r.status))).toEqual([
      "succeeded",
      "succeeded",
      "succeeded",
    ]);
    // One after the other: no run's steps overlap another's in time.
    const spans = (
      await store.db.query<{ run_id: string; first: Date; last: Date }>(
        "SELECT run_id, min(started_at) AS first, max(finished_at) AS last FROM scenario_step_runs GROUP BY run_id ORDER BY first",
      )
    ).rows;
    expect(spans).toHaveLength(3);
    for (let i = 1; i < spans.length; i++) {
      expect(new Date(spans[i]?.first ?? 0).getTime()).toBeGreaterThanOrEqual(
        new Date(spans[i - 1]?.last ?? 0).getTime(),
      );
    }
  });
});
