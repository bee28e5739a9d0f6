// The run store for one job: PostgreSQL when database-url is set (shared with the App), else the
// job's memory (zero-server mode). A job's local state is gone with its runner either way: the pushed
// branch, the PR's state marker and the checklist comment carry the run to the next job (rehydrate.ts),
// so an embedded database on disk would only cost its initdb (~2 s on a fresh runner) and could go
// stale on a self-hosted runner that keeps its workspace.
import type { NewRun, RunRecord, RunStore } from "../engine/ports.ts";
import { MemoryRunStore } from "../store/memory-run-store.ts";
import { openRunStore } from "../store/open-run-store.ts";
import { ActionRefusedError } from "./errors.ts";

export interface OpenedStore {
  store: RunStore;
  close(): Promise<void>;
}

export async function openActionStore(options: { databaseUrl?: string }): Promise<OpenedStore> {
  if (!options.databaseUrl) {
    return { store: new DispatchedRunStore(new MemoryRunStore()), close: async () => {} };
  }
  const opened = await openRunStore({ databaseUrl: options.databaseUrl, repoRoot: "." });
  return { store: new DispatchedRunStore(opened.store), close: opened.close };
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
  lockHolder: RunStore["lockHolder"] = (key) => this.#inner.lockHolder(key);
  releaseLock: RunStore["releaseLock"] = (key, runId) => this.#inner.releaseLock(key, runId);
  saveTasks: RunStore["saveTasks"] = (tasks) => this.#inner.saveTasks(tasks);
  listTasks: RunStore["listTasks"] = (runId) => this.#inner.listTasks(runId);
  tickTask: RunStore["tickTask"] = (runId, step, item, by) => this.#inner.tickTask(runId, step, item, by);
}
