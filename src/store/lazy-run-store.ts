// A RunStore that opens the real one on first use, so starting the App never waits on the database.
import type { RunStore } from "../engine/ports.ts";

export function lazyRunStore(open: () => Promise<RunStore>): RunStore {
  let pending: Promise<RunStore> | undefined;
  const store = () => {
    pending ??= open();
    pending.catch(() => {
      pending = undefined;
    });
    return pending;
  };
  return {
    createRun: async (run) => (await store()).createRun(run),
    getRun: async (id) => (await store()).getRun(id),
    listRuns: async (filter) => (await store()).listRuns(filter),
    updateRun: async (id, patch) => (await store()).updateRun(id, patch),
    saveStep: async (step) => (await store()).saveStep(step),
    listSteps: async (runId) => (await store()).listSteps(runId),
    acquireLock: async (key, runId) => (await store()).acquireLock(key, runId),
    queueRun: async (run, key) => (await store()).queueRun(run, key),
    renewLock: async (key, holder) => (await store()).renewLock(key, holder),
    takeStaleLock: async (key, holder, ms) => (await store()).takeStaleLock(key, holder, ms),
    lockHolder: async (key) => (await store()).lockHolder(key),
    releaseLock: async (key, runId) => (await store()).releaseLock(key, runId),
    saveTasks: async (tasks) => (await store()).saveTasks(tasks),
    listTasks: async (runId) => (await store()).listTasks(runId),
    tickTask: async (runId, stepIndex, item, by) => (await store()).tickTask(runId, stepIndex, item, by),
  };
}
