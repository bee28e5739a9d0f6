// The engine's RunStore over SQL. Works on a server and on PGlite alike; the lock is a row with a
// unique key, so it holds across processes and app replicas.

import { ChecklistItemNotFoundError, RunNotFoundError } from "../engine/errors.ts";
import type {
  LockHolder,
  LockResult,
  ManualTask,
  NewRun,
  RunRecord,
  RunStatus,
  RunStore,
  StaleLockResult,
  StepRecord,
} from "../engine/ports.ts";
import type { Db } from "./db.ts";
import { LockContentionError } from "./errors.ts";
import {
  opt,
  RUN_COLUMNS,
  type RunRow,
  type StepRow,
  type TaskRow,
  toColumnValue,
  toRun,
  toStep,
} from "./run-rows.ts";

const TERMINAL: RunStatus[] = ["succeeded", "failed", "rolled_back", "cancelled"];

const INSERT_RUN = `INSERT INTO scenario_runs (id, scenario_id, params, status, repository, target, branch,
    base_branch, base_sha, head_sha, issue_number, pull_request, triggered_by, error)
  VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`;

function runValues(run: NewRun): unknown[] {
  return [
    run.id,
    run.scenarioId,
    JSON.stringify(run.params),
    run.status ?? "queued",
    run.repository,
    run.target,
    run.branch,
    run.baseBranch,
    run.baseSha ?? null,
    run.headSha ?? null,
    run.issueNumber ?? null,
    run.pullRequest ?? null,
    run.triggeredBy ?? null,
    run.error ?? null,
  ];
}

/**
 * Takes a lock: free when nobody holds it, when the same run already does, or when its holder's run has
 * ended. `row` gives (lock_key, run_id); `terminal` is the parameter holding the ended statuses.
 */
function takeLock(row: string, terminal: string): string {
  return `INSERT INTO scenario_locks (lock_key, run_id) ${row}
  ON CONFLICT (lock_key) DO UPDATE SET run_id = EXCLUDED.run_id, acquired_at = CURRENT_TIMESTAMP
    WHERE scenario_locks.run_id = EXCLUDED.run_id
       OR EXISTS (SELECT 1 FROM scenario_runs r WHERE r.id = scenario_locks.run_id AND r.status = ANY(${terminal}::text[]))
  RETURNING run_id`;
}

export class SqlRunStore implements RunStore {
  readonly #db: Db;
  /**
   * Step rows are written one after another in the order saveStep is called, and listSteps reads after
   * them: the engine writes a row without waiting for it (journal.ts), and a later write of the same row
   * (the Action's check run id) must not be overtaken on another connection of the pool.
   */
  #stepWrites: Promise<unknown> = Promise.resolve();

  constructor(options: { db: Db }) {
    this.#db = options.db;
  }

  async createRun(run: NewRun): Promise<RunRecord> {
    const { rows } = await this.#db.query<RunRow>(`${INSERT_RUN} RETURNING *`, runValues(run));
    return toRun(rows[0] as RunRow);
  }

  async queueRun(run: NewRun, lockKey: string): Promise<LockResult> {
    // One round trip on the App's hot path: the run's row and its lock row in one statement. The final
    // SELECT sees the statement's snapshot, i.e. the lock's holder from before it.
    const { rows } = await this.#db.query<{ acquired: boolean; holder: string | null }>(
      `WITH new_run AS (${INSERT_RUN} RETURNING id),
       taken AS (${takeLock("SELECT $15, id FROM new_run", "$16")})
       SELECT EXISTS (SELECT 1 FROM taken) AS acquired,
              (SELECT run_id FROM scenario_locks WHERE lock_key = $15) AS holder`,
      [...runValues(run), lockKey, TERMINAL],
      { name: "queue-run" },
    );
    if (rows[0]?.acquired) return { acquired: true };
    // The row that beat ours is not in this statement's snapshot (taken or let go meanwhile): ask again.
    const result = rows[0]?.holder
      ? { acquired: false as const, holder: rows[0].holder }
      : await this.acquireLock(lockKey, run.id);
    if (!result.acquired)
      await this.updateRun(run.id, { status: "cancelled", error: `${result.holder} holds ${lockKey}` });
    return result;
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const { rows } = await this.#db.query<RunRow>("SELECT * FROM scenario_runs WHERE id = $1", [id]);
    return rows[0] ? toRun(rows[0]) : undefined;
  }

  async listRuns(
    filter: { repository?: string; status?: RunStatus[]; limit?: number } = {},
  ): Promise<RunRecord[]> {
    const { rows } = await this.#db.query<RunRow>(
      `SELECT * FROM scenario_runs
       WHERE ($1::text IS NULL OR repository = $1) AND ($2::text[] IS NULL OR status = ANY($2::text[]))
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      [filter.repository ?? null, filter.status ?? null, filter.limit ?? 100],
    );
    return rows.map(toRun);
  }

  async updateRun(id: string, patch: Partial<Omit<RunRecord, "id" | "createdAt">>): Promise<RunRecord> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, value] of Object.entries(patch) as [keyof typeof RUN_COLUMNS, unknown][]) {
      const column = RUN_COLUMNS[key];
      if (!column || key === "updatedAt") continue;
      params.push(toColumnValue(key, value));
      sets.push(`${column} = $${params.length}${key === "params" ? "::jsonb" : ""}`);
    }
    params.push(patch.updatedAt ?? new Date());
    sets.push(`updated_at = $${params.length}`);
    const { rows } = await this.#db.query<RunRow>(
      `UPDATE scenario_runs SET ${sets.join(", ")} WHERE id = $1 RETURNING *`,
      params,
    );
    if (!rows[0]) {
      throw new RunNotFoundError(
        id,
        " in the store, so it cannot be updated (was it created with createRun?)",
      );
    }
    return toRun(rows[0]);
  }

  saveStep(step: StepRecord): Promise<void> {
    const write = this.#stepWrites.then(() => this.#writeStep(step));
    this.#stepWrites = write.catch(() => {});
    return write;
  }

  async #writeStep(step: StepRecord): Promise<void> {
    await this.#db.query(
      `INSERT INTO scenario_step_runs (run_id, step_index, scenario_id, step_number, name, kind, status,
         commit_sha, check_run_id, started_at, finished_at, output_tail, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (run_id, step_index) DO UPDATE SET
         scenario_id = EXCLUDED.scenario_id, step_number = EXCLUDED.step_number, name = EXCLUDED.name,
         kind = EXCLUDED.kind, status = EXCLUDED.status, commit_sha = EXCLUDED.commit_sha,
         check_run_id = EXCLUDED.check_run_id, started_at = EXCLUDED.started_at,
         finished_at = EXCLUDED.finished_at, output_tail = EXCLUDED.output_tail, error = EXCLUDED.error`,
      [
        step.runId,
        step.index,
        step.scenarioId,
        step.number,
        step.name,
        step.kind,
        step.status,
        step.commitSha ?? null,
        step.checkRunId ?? null,
        step.startedAt ?? null,
        step.finishedAt ?? null,
        step.outputTail ?? null,
        step.error ?? null,
      ],
    );
  }

  async listSteps(runId: string): Promise<StepRecord[]> {
    await this.#stepWrites;
    const { rows } = await this.#db.query<StepRow>(
      "SELECT * FROM scenario_step_runs WHERE run_id = $1 ORDER BY step_index",
      [runId],
    );
    return rows.map(toStep);
  }

  /**
   * Insert the lock row; on conflict keep it unless it is ours already or its run has finished
   * (a crashed run's lock is taken over only once the store says the run is over).
   */
  async acquireLock(key: string, runId: string): Promise<LockResult> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const taken = await this.#db.query<{ run_id: string }>(takeLock("VALUES ($1, $2)", "$3"), [
        key,
        runId,
        TERMINAL,
      ]);
      if (taken.rowCount > 0) return { acquired: true };
      const holder = await this.#db.query<{ run_id: string }>(
        "SELECT run_id FROM scenario_locks WHERE lock_key = $1",
        [key],
      );
      // Released between the two statements: try again.
      if (holder.rows[0]) return { acquired: false, holder: holder.rows[0].run_id };
    }
    throw new LockContentionError(key, runId);
  }

  async renewLock(key: string, holder: string): Promise<boolean> {
    const { rowCount } = await this.#db.query(
      "UPDATE scenario_locks SET acquired_at = CURRENT_TIMESTAMP WHERE lock_key = $1 AND run_id = $2",
      [key, holder],
    );
    return rowCount === 1;
  }

  async lockHolder(key: string): Promise<LockHolder | undefined> {
    const { rows } = await this.#db.query<{ run_id: string; idle_ms: number }>(
      `SELECT run_id, (EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP - acquired_at)) * 1000)::float8 AS idle_ms
       FROM scenario_locks WHERE lock_key = $1`,
      [key],
    );
    const row = rows[0];
    return row ? { holder: row.run_id, idleMs: Math.max(0, Math.round(Number(row.idle_ms))) } : undefined;
  }

  async takeStaleLock(key: string, holder: string, staleMs: number): Promise<StaleLockResult> {
    // One statement, so two processes finding the same stale holder cannot both take it over.
    const { rows } = await this.#db.query<{
      taken: string | null;
      holder: string | null;
      idle_ms: number | null;
    }>(
      `WITH current AS (
         SELECT run_id, EXTRACT(EPOCH FROM (CURRENT_TIMESTAMP - acquired_at)) * 1000 AS idle_ms
         FROM scenario_locks WHERE lock_key = $1),
       taken AS (
         UPDATE scenario_locks SET run_id = $2, acquired_at = CURRENT_TIMESTAMP
         WHERE lock_key = $1 AND acquired_at < CURRENT_TIMESTAMP - make_interval(secs => $3::float8 / 1000)
         RETURNING run_id)
       SELECT (SELECT run_id FROM taken) AS taken, (SELECT run_id FROM current) AS holder,
              (SELECT idle_ms FROM current)::float8 AS idle_ms`,
      [key, holder, staleMs],
    );
    const row = rows[0];
    if (row?.taken) return { taken: true };
    return {
      taken: false,
      ...(row?.holder ? { holder: row.holder } : {}),
      ...(row?.idle_ms != null ? { idleMs: Math.round(Number(row.idle_ms)) } : {}),
    };
  }

  async releaseLock(key: string, runId: string): Promise<void> {
    await this.#db.query("DELETE FROM scenario_locks WHERE lock_key = $1 AND run_id = $2", [key, runId]);
  }

  async saveTasks(tasks: ManualTask[]): Promise<void> {
    if (tasks.length === 0) return;
    // Re-publishing a checklist keeps ticks already made.
    await this.#db.query(
      `INSERT INTO scenario_manual_tasks (run_id, step_index, item, text, done, done_by)
       SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::boolean[], $6::text[])
       ON CONFLICT (run_id, step_index, item) DO UPDATE SET text = EXCLUDED.text,
         done = scenario_manual_tasks.done OR EXCLUDED.done,
         done_by = COALESCE(scenario_manual_tasks.done_by, EXCLUDED.done_by)`,
      [
        tasks.map((t) => t.runId),
        tasks.map((t) => t.stepIndex),
        tasks.map((t) => t.item),
        tasks.map((t) => t.text),
        tasks.map((t) => t.done),
        tasks.map((t) => t.doneBy ?? null),
      ],
    );
  }

  async listTasks(runId: string): Promise<ManualTask[]> {
    const { rows } = await this.#db.query<TaskRow>(
      "SELECT * FROM scenario_manual_tasks WHERE run_id = $1 ORDER BY step_index, item",
      [runId],
    );
    return rows.map((row) => ({
      runId: row.run_id,
      stepIndex: row.step_index,
      item: row.item,
      text: row.text,
      done: row.done,
      doneBy: opt(row.done_by),
    }));
  }

  async tickTask(runId: string, stepIndex: number, item: number, by: string): Promise<void> {
    const { rowCount } = await this.#db.query(
      `UPDATE scenario_manual_tasks SET done = true, done_by = $4, done_at = CURRENT_TIMESTAMP
       WHERE run_id = $1 AND step_index = $2 AND item = $3`,
      [runId, stepIndex, item, by],
    );
    if (rowCount === 0) {
      throw new ChecklistItemNotFoundError(runId, stepIndex, item);
    }
  }
}
