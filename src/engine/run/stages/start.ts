// Stage 1 of a new run: record it (`queued`), take the target's lock (refused, or queued with
// `wait`), claim it for this process, and start its branch from the base. Nothing is changed before
// the lock is held; a base that does not exist fails the run before any change.
import { LockHeldError, RunCancelledError, WorkspaceError } from "../../errors.ts";
import type { Plan } from "../../plan/plan.ts";
import type { EnginePorts } from "../../ports.ts";
import { BlockRunner } from "../blocks.ts";
import { claimRun, releaseClaim } from "../claim.ts";
import { RunJournal } from "../journal.ts";
import { acquireRunLock } from "../lock.ts";
import { type ActiveRun, lockKey, type RunOptions } from "../options.ts";

export interface ExecuteOptions extends RunOptions {
  /** `owner/name`, or the absolute path of a local repository (part of the lock key). */
  repository: string;
  /** The branch the run branch starts from. */
  baseBranch: string;
  triggeredBy?: string;
  issueNumber?: number;
}

export async function startRun(plan: Plan, ports: EnginePorts, options: ExecuteOptions): Promise<ActiveRun> {
  const record = await ports.store.createRun({
    id: plan.runId,
    scenarioId: plan.scenario.scenarioId,
    params: plan.params,
    status: "queued",
    repository: options.repository,
    target: plan.target,
    branch: plan.branch,
    baseBranch: options.baseBranch,
    ...(options.triggeredBy ? { triggeredBy: options.triggeredBy } : {}),
    ...(options.issueNumber ? { issueNumber: options.issueNumber } : {}),
  });
  const journal = RunJournal.fresh(ports.store, plan, record);
  try {
    await acquireRunLock(ports.store, {
      key: lockKey(record),
      runId: record.id,
      ...(options.wait ? { wait: true } : {}),
      ...(options.waitPollMs ? { pollMs: options.waitPollMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      reporter: ports.reporter,
    });
  } catch (error) {
    const cancelledElsewhere = (await ports.store.getRun(record.id))?.status === "cancelled";
    if ((error instanceof LockHeldError || error instanceof RunCancelledError) && !cancelledElsewhere) {
      await journal.update({ status: "cancelled", error: error.message });
    }
    throw error;
  }
  await claimRun(ports.store, record.id, options.claim);
  try {
    const { baseSha, headSha } = await ports.workspace.startBranch(plan.branch, options.baseBranch);
    await journal.update({ status: "running", baseSha, headSha });
  } catch (error) {
    const reason = `could not start ${plan.branch} from "${options.baseBranch}": ${(error as Error).message.trim()}`;
    await journal.update({ status: "failed", error: reason });
    await ports.store.releaseLock(lockKey(record), record.id);
    await releaseClaim(ports.store, record.id);
    throw new WorkspaceError(
      record.id,
      `${reason}. Check that the base branch exists (pass --base <branch>).`,
    );
  }
  const blocks = new BlockRunner({
    root: ports.workspace.root,
    runId: record.id,
    scenarioId: plan.scenario.scenarioId,
    options,
    documentEnv: [...plan.dependencies.required, plan.scenario].flatMap((s) => s.env ?? []),
  });
  return { plan, ports, options, journal, blocks };
}
