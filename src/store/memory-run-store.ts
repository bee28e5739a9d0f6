// The engine's RunStore held in one process's memory, for tests that are not about the database. It
// keeps SqlRunStore's semantics exactly (the contract suite in test/store/run-store.test.ts runs the
// same tests on both): it holds the tables' rows and reads them back through the same mapping
// (run-rows.ts), takes and renews locks by the same rules, upserts steps and tasks the same way, and
// refuses what the schema refuses (statuses and kinds outside its CHECK lists, steps and tasks of
// unknown runs, duplicate ids, NULL in a NOT NULL column). Each method does all its work before its
// first await, so concurrent calls land one after another, as row locks make them on the database.

import { ChecklistItemNotFoundError, RunNotFoundError } from "../engine/errors.ts";
import {
  type LockHolder,
  type LockResult,
  type ManualTask,
  type NewRun,
  RUN_STATUSES,
  type RunRecord,
  type RunStatus,
  type RunStore,
  STEP_STATUSES,
  type StaleLockResult,
  type StepRecord,
} from "../engine/ports.ts";
import { STEP_KINDS } from "../scenario/types.ts";
import { asJsonb } from "./jsonb.ts";
import { checkIn, checkIndex, checkRunExists, MemoryStoreConstraintError } from "./memory-constraints.ts";
import { RUN_COLUMNS, type RunRow, type StepRow, type TaskRow, toRun, toStep } from "./run-rows.ts";

const TERMINAL: readonly RunStatus[] = ["succeeded", "failed", "rolled_back", "cancelled"];
const NOT_NULL: readonly (keyof RunRow)[] = [
  "scenario_id",
  "params",
  "status",
  "repository",
  "target",
  "branch",
  "base_branch",
];

export interface MemoryRunStoreOptions {
  /** The store's clock (the database's CURRENT_TIMESTAMP): timestamps and lock ages. Defaults to the wall clock. */
  now?: () => Date;
}

interface LockRow {
  run_id: string;
  acquired_at: number;
}

const runOf = (row: RunRow): RunRecord => toRun({ ...row, params: structuredClone(row.params) });

export class MemoryRunStore implements RunStore {
  readonly #now: () => Date;
  readonly #runs = new Map<string, RunRow>();
  /** Order of creation: the database's timestamps have microseconds, so runs created one after another never tie. */
  readonly #created = new Map<string, number>();
  /** `runId` -> step index -> row. */
  readonly #steps = new Map<string, Map<number, StepRow>>();
  /** `runId` -> `stepIndex:item` -> row. */
  readonly #tasks = new Map<string, Map<string, TaskRow>>();
  readonly #locks = new Map<string, LockRow>();

  constructor(options: MemoryRunStoreOptions = {}) {
    this.#now = options.now ?? (() => new Date());
  }

  async createRun(run: NewRun): Promise<RunRecord> {
    return runOf(this.#insertRun(run));
  }

  async queueRun(run: NewRun, lockKey: string): Promise<LockResult> {
    this.#insertRun(run);
    const result = this.#takeLock(lockKey, run.id);
    if (!result.acquired) {
      this.#patchRun(run.id, { status: "cancelled", error: `${result.holder} holds ${lockKey}` });
    }
    return result;
  }

  async getRun(id: string): Promise<RunRecord | undefined> {
    const row = this.#runs.get(id);
    return row ? runOf(row) : undefined;
  }

  async listRuns(
    filter: { repository?: string; status?: RunStatus[]; limit?: number } = {},
  ): Promise<RunRecord[]> {
    const { repository, status, limit = 100 } = filter;
    if (limit < 0)
      throw new MemoryStoreConstraintError(`LIMIT must not be negative (listRuns limit ${limit})`);
    const order = (r: RunRow) => this.#created.get(r.id) ?? 0;
    return [...this.#runs.values()]
      .filter(
        (r) => (repository == null || r.repository === repository) && (!status || status.includes(r.status)),
      )
      .sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || order(b) - order(a))
      .slice(0, limit)
      .map(runOf);
  }

  async updateRun(id: string, patch: Partial<Omit<RunRecord, "id" | "createdAt">>): Promise<RunRecord> {
    return runOf(this.#patchRun(id, patch));
  }

  async saveStep(step: StepRecord): Promise<void> {
    const table = "scenario_step_runs";
    checkIndex(step.index, table, "step_index");
    checkIn(step.kind, STEP_KINDS, table, "kind");
    checkIn(step.status, STEP_STATUSES, table, "status");
    checkRunExists(this.#runs, table, step.runId);
    let steps = this.#steps.get(step.runId);
    if (!steps) {
      steps = new Map();
      this.#steps.set(step.runId, steps);
    }
    steps.set(step.index, {
      run_id: step.runId,
      step_index: step.index,
      scenario_id: step.scenarioId,
      step_number: step.number,
      name: step.name,
      kind: step.kind,
      status: step.status,
      commit_sha: step.commitSha ?? null,
      check_run_id: step.checkRunId ?? null,
      started_at: step.startedAt ? new Date(step.startedAt) : null,
      finished_at: step.finishedAt ? new Date(step.finishedAt) : null,
      output_tail: step.outputTail ?? null,
      error: step.error ?? null,
    });
  }

  async listSteps(runId: string): Promise<StepRecord[]> {
    return [...(this.#steps.get(runId)?.values() ?? [])]
      .sort((a, b) => a.step_index - b.step_index)
      .map(toStep);
  }

  async acquireLock(key: string, runId: string): Promise<LockResult> {
    return this.#takeLock(key, runId);
  }

  async renewLock(key: string, holder: string): Promise<boolean> {
    const lock = this.#locks.get(key);
    if (lock?.run_id !== holder) return false;
    lock.acquired_at = this.#now().getTime();
    return true;
  }

  async takeStaleLock(key: string, holder: string, staleMs: number): Promise<StaleLockResult> {
    const lock = this.#locks.get(key);
    if (!lock) return { taken: false };
    const now = this.#now().getTime();
    if (lock.acquired_at < now - staleMs) {
      this.#locks.set(key, { run_id: holder, acquired_at: now });
      return { taken: true };
    }
    return { taken: false, holder: lock.run_id, idleMs: Math.round(now - lock.acquired_at) };
  }

  async lockHolder(key: string): Promise<LockHolder | undefined> {
    const lock = this.#locks.get(key);
    if (!lock) return undefined;
    return { holder: lock.run_id, idleMs: Math.max(0, Math.round(this.#now().getTime() - lock.acquired_at)) };
  }

  async releaseLock(key: string, runId: string): Promise<void> {
    if (this.#locks.get(key)?.run_id === runId) this.#locks.delete(key);
  }

  async saveTasks(tasks: ManualTask[]): Promise<void> {
    const table = "scenario_manual_tasks";
    const seen = new Set<string>();
    for (const task of tasks) {
      checkIndex(task.item, table, "item");
      checkRunExists(this.#runs, table, task.runId);
      const key = `${task.runId}\n${task.stepIndex}\n${task.item}`;
      if (seen.has(key)) {
        throw new MemoryStoreConstraintError(
          `ON CONFLICT DO UPDATE command cannot affect row a second time (item ${task.item} of step ${task.stepIndex} of run ${task.runId} is listed twice)`,
        );
      }
      seen.add(key);
    }
    for (const task of tasks) {
      let items = this.#tasks.get(task.runId);
      if (!items) {
        items = new Map();
        this.#tasks.set(task.runId, items);
      }
      const key = `${task.stepIndex}:${task.item}`;
      const old = items.get(key);
      // Re-publishing a checklist keeps ticks already made.
      items.set(key, {
        run_id: task.runId,
        step_index: task.stepIndex,
        item: task.item,
        text: task.text,
        done: (old?.done ?? false) || task.done,
        done_by: old?.done_by ?? task.doneBy ?? null,
      });
    }
  }

  async listTasks(runId: string): Promise<ManualTask[]> {
    return [...(this.#tasks.get(runId)?.values() ?? [])]
      .sort((a, b) => a.step_index - b.step_index || a.item - b.item)
      .map((row) => ({
        runId: row.run_id,
        stepIndex: row.step_index,
        item: row.item,
        text: row.text,
        done: row.done,
        doneBy: row.done_by ?? undefined,
      }));
  }

  async tickTask(runId: string, stepIndex: number, item: number, by: string): Promise<void> {
    const row = this.#tasks.get(runId)?.get(`${stepIndex}:${item}`);
    if (!row) {
      throw new ChecklistItemNotFoundError(runId, stepIndex, item);
    }
    row.done = true;
    row.done_by = by;
  }

  #insertRun(run: NewRun): RunRow {
    const at = this.#now();
    const row: RunRow = {
      id: run.id,
      scenario_id: run.scenarioId,
      params: asJsonb(run.params),
      status: run.status ?? "queued",
      repository: run.repository,
      target: run.target,
      branch: run.branch,
      base_branch: run.baseBranch,
      base_sha: run.baseSha ?? null,
      head_sha: run.headSha ?? null,
      issue_number: run.issueNumber ?? null,
      pull_request: run.pullRequest ?? null,
      checklist_comment_id: run.checklistCommentId ?? null,
      triggered_by: run.triggeredBy ?? null,
      error: run.error ?? null,
      created_at: new Date(at),
      updated_at: new Date(at),
    };
    this.#checkRunRow(row);
    if (this.#runs.has(run.id)) {
      throw new MemoryStoreConstraintError(
        `duplicate key value violates unique constraint "scenario_runs_pkey" (Key (id)=(${run.id}) already exists)`,
      );
    }
    this.#runs.set(run.id, row);
    this.#created.set(run.id, this.#created.size);
    return row;
  }

  #patchRun(id: string, patch: Partial<Omit<RunRecord, "id" | "createdAt">>): RunRow {
    const current = this.#runs.get(id);
    if (!current) {
      throw new RunNotFoundError(
        id,
        " in the store, so it cannot be updated (was it created with createRun?)",
      );
    }
    // Only the run's columns change (never `id` or `createdAt`); an undefined value stores NULL.
    const row: Record<string, unknown> = { ...current };
    for (const [key, value] of Object.entries(patch) as [keyof typeof RUN_COLUMNS, unknown][]) {
      const column = RUN_COLUMNS[key];
      if (!column || key === "updatedAt") continue;
      row[column] = value === undefined ? null : key === "params" ? asJsonb(value) : value;
    }
    row.updated_at = new Date(patch.updatedAt ?? this.#now());
    const next = row as unknown as RunRow;
    this.#checkRunRow(next);
    this.#runs.set(id, next);
    return next;
  }

  #checkRunRow(row: RunRow): void {
    for (const column of NOT_NULL) {
      if (row[column] == null) {
        throw new MemoryStoreConstraintError(
          `null value in column "${column}" of relation "scenario_runs" violates not-null constraint (run ${row.id})`,
        );
      }
    }
    checkIn(row.status, RUN_STATUSES, "scenario_runs", "status");
  }

  /** Free when nobody holds it, when the same run already does, or when its holder's run has ended. */
  #takeLock(key: string, runId: string): LockResult {
    const lock = this.#locks.get(key);
    const holderRun = lock ? this.#runs.get(lock.run_id) : undefined;
    if (!lock || lock.run_id === runId || (holderRun && TERMINAL.includes(holderRun.status))) {
      this.#locks.set(key, { run_id: runId, acquired_at: this.#now().getTime() });
      return { acquired: true };
    }
    return { acquired: false, holder: lock.run_id };
  }
}
