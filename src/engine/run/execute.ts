// Starting a run: record it, take the lock, branch from the base, then the forward pass.
import { LockHeldError, RunCancelledError, WorkspaceError } from "../errors.ts";
import type { Plan } from "../plan/plan.ts";
import type { EnginePorts, RunRecord } from "../ports.ts";
import { claimRun, releaseClaim } from "./claim.ts";
import { lockKey, newContext, type RunContext, type RunOptions, updateRun } from "./context.ts";
import { failRun, pauseRun, succeedRun } from "./finish.ts";
import { acquireRunLock } from "./lock.ts";
import { runScenarios } from "./steps.ts";

export interface ExecuteOptions extends RunOptions {
  /** `owner/name`, or the absolute path of a local repository (part of the lock key). */
  repository: string;
  /** The branch the run branch starts from. */
  baseBranch: string;
  triggeredBy?: string;
  issueNumber?: number;
}

/**
 * Runs a plan to its end or to its first manual step. Returns the run record: `succeeded`, `waiting`,
 * `rolled_back` (a step failed; the reason is in `error`) or `cancelled`. Throws LockHeldError when
 * another run holds the target (and `wait` is off); nothing was changed then.
 */
export async function executeRun(
  plan: Plan,
  ports: EnginePorts,
  options: ExecuteOptions,
): Promise<RunRecord> {
  const run = await ports.store.createRun({
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
  const ctx = newContext(plan, ports, options, run);
  try {
    await acquireRunLock(ports.store, {
      key: lockKey(run),
      runId: run.id,
      ...(options.wait ? { wait: true } : {}),
      ...(options.waitPollMs ? { pollMs: options.waitPollMs } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      reporter: ports.reporter,
    });
  } catch (error) {
    const cancelledElsewhere = (await ports.store.getRun(run.id))?.status === "cancelled";
    if ((error instanceof LockHeldError || error instanceof RunCancelledError) && !cancelledElsewhere) {
      await updateRun(ctx, { status: "cancelled", error: error.message });
    }
    throw error;
  }
  await claimRun(ports.store, run.id, options.claim);
  try {
    const { baseSha, headSha } = await ports.workspace.startBranch(plan.branch, options.baseBranch);
    await updateRun(ctx, { status: "running", baseSha, headSha });
  } catch (error) {
    const reason = `could not start ${plan.branch} from "${options.baseBranch}": ${(error as Error).message.trim()}`;
    await updateRun(ctx, { status: "failed", error: reason });
    await ports.store.releaseLock(lockKey(run), run.id);
    await releaseClaim(ports.store, run.id);
    throw new WorkspaceError(run.id, `${reason}. Check that the base branch exists (pass --base <branch>).`);
  }
  return startAndForward(ctx);
}

/**
 * Reports the start, then the forward pass. A reporter that fails to start (GitHub answering 5xx to
 * the run's check) ends the run like any failure, so its lock and claim are not left held.
 */
export async function startAndForward(ctx: RunContext): Promise<RunRecord> {
  try {
    await ctx.ports.reporter.runStarted(ctx.run, { total: ctx.plan.steps.length });
  } catch (error) {
    return failRun(ctx, error);
  }
  return forward(ctx);
}

/** The forward pass and its three endings; shared by a fresh run and a resumed one. */
export async function forward(ctx: RunContext): Promise<RunRecord> {
  try {
    const outcome = await runScenarios(ctx, [...ctx.plan.dependencies.required, ctx.plan.scenario]);
    return outcome === "waiting" ? await pauseRun(ctx) : await succeedRun(ctx);
  } catch (error) {
    return failRun(ctx, error);
  }
}
