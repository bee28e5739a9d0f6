// The run store for one job: PostgreSQL when database-url is set (shared with the App), else the
// embedded PGlite in the checkout's .scenario/ (gone with the runner: the pushed branch, the PR's state
// marker and the checklist comment then carry the run to the next job).
import type { NewRun, RunRecord, RunStore } from "../engine/ports.ts";
import { type OpenedStore, openRunStore } from "../store/open-run-store.ts";
import { ActionRefusedError } from "./errors.ts";

export type { OpenedStore };

export async function openActionStore(options: {
  databaseUrl?: string;
  workspace: string;
}): Promise<OpenedStore> {
  const opened = await openRunStore({
    repoRoot: options.workspace,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  return { ...opened, store: new DispatchedRunStore(opened.store) };
}

/**
 * The App records a run as `queued` before it dispatches the workflow; the engine then creates the
 * run it starts. With a shared database that is the same id: take over the queued record instead of
 * failing on the duplicate. One cancelled meanwhile is not started.
 */
export class DispatchedRunStore implements RunStore {
  readonly #inner: RunStore;
  constructor(inner: RunStore) {
    this.#inner = inner;
  }
  async createRun(run: NewRun): Promise<RunRecord> {
    const existing = await this.#inner.getRun(run.id);
    if (existing?.status === "queued" && existing.scenarioId === run.scenarioId) {
      const { id: _id, ...patch } = run;
      return this.#inner.updateRun(run.id, { ...patch, status: run.status ?? "queued" });
    }
    // Cancelled (or refused its target) before this job started: there is nothing to do, and doing it
    // anyway would undo the cancel.
    if (existing?.status === "cancelled") {
      throw new ActionRefusedError(
        `run ${run.id} was cancelled before its job started (${existing.error ?? "no reason recorded"}); nothing was changed. Start a new run to make the change.`,
      );
    }
    return this.#inner.createRun(run);
  }
  getRun: RunStore["getRun"] = (id) => this.#inner.getRun(id);
  listRuns: RunStore["listRuns"] = (filter) => this.#inner.listRuns(filter);
  updateRun: RunStore["updateRun"] = (id, patch) => this.#inner.updateRun(id, patch);
  saveStep: RunStore["saveStep"] = (step) => this.#inner.saveStep(step);
  listSteps: RunStore["listSteps"] = (runId) => this.#inner.listSteps(runId);
  acquireLock: RunStore["acquireLock"] = (key, runId) => this.#inner.acquireLock(key, runId);
  queueRun: RunStore["queueRun"] = (run, key) => this.#inner.queueRun(run, key);
  renewLock: RunStore["renewLock"] = (key, holder) => this.#inner.renewLock(key, holder);
  takeStaleLock: RunStore["takeStaleLock"] = (key, holder, ms) => this.#inner.takeStaleLock(key, holder, ms);
  releaseLock: RunStore["releaseLock"] = (key, runId) => this.#inner.releaseLock(key, runId);
  saveTasks: RunStore["saveTasks"] = (tasks) => this.#inner.saveTasks(tasks);
  listTasks: RunStore["listTasks"] = (runId) => this.#inner.listTasks(runId);
  tickTask: RunStore["tickTask"] = (runId, step, item, by) => this.#inner.tickTask(runId, step, item, by);
}
