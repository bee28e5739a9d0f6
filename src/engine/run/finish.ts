// The end of a pass: success (integrations, `succeeded`), a pause on a manual step (`waiting`, the lock
// kept), or a failure (step marked, rollback steps run, branch reset to base, `rolled_back`).
import { RunCancelledError, StepFailedError } from "../errors.ts";
import type { PlannedScenario } from "../plan/plan.ts";
import type { RunRecord, RunStatus } from "../ports.ts";
import { shellOutcome } from "./actions.ts";
import { releaseClaim } from "./claim.ts";
import { ConditionFailedError } from "./conditions.ts";
import {
  ALL_INTEGRATIONS,
  lockKey,
  type RunContext,
  saveStep,
  scenariosOf,
  sortedSteps,
  stepEvent,
  updateRun,
} from "./context.ts";
import { appendExecutionLog, leftManual, runHealthCheck } from "./integrations.ts";

export async function succeedRun(ctx: RunContext): Promise<RunRecord> {
  const on = { ...ALL_INTEGRATIONS, ...ctx.options.integrations };
  if (on.executionLog) await appendExecutionLog(ctx);
  const healthy = on.healthCheck ? await runHealthCheck(ctx) : undefined;
  const manual = on.devTask ? leftManual(ctx) : [];
  if (manual.length) {
    await ctx.ports.tasks.devTask(ctx.run, manual);
    ctx.ports.reporter.log(`left manual (a dev task was written): ${manual.join("; ")}`);
  }
  await updateRun(ctx, {
    status: "succeeded",
    headSha: await ctx.ports.workspace.headSha(),
    ...(healthy === false ? { error: "the health check failed after the run succeeded" } : {}),
  });
  return endRun(ctx);
}

export async function pauseRun(ctx: RunContext): Promise<RunRecord> {
  await updateRun(ctx, { status: "waiting", headSha: await ctx.ports.workspace.headSha() });
  await releaseClaim(ctx.ports.store, ctx.run.id);
  await ctx.ports.reporter.runFinished(ctx.run, sortedSteps(ctx));
  return ctx.run;
}

/** Maps any error of a pass to its outcome: the step failed, rollback, `rolled_back` (or `cancelled`). */
export async function failRun(ctx: RunContext, error: unknown): Promise<RunRecord> {
  const cancelled = error instanceof RunCancelledError || Boolean(ctx.options.signal?.aborted);
  const reason = describe(error);
  const failedIndex = error instanceof StepFailedError ? error.stepIndex : runningStep(ctx);
  if (failedIndex !== undefined) {
    const step = ctx.steps.get(failedIndex);
    if (step) {
      const outputTail =
        error instanceof StepFailedError || error instanceof ConditionFailedError
          ? error.outputTail
          : step.outputTail;
      await saveStep(ctx, {
        ...step,
        status: "failed",
        finishedAt: new Date(),
        error: reason,
        ...(outputTail ? { outputTail } : {}),
      });
      await ctx.ports.reporter.stepFinished(stepEvent(ctx, ctx.steps.get(failedIndex) ?? step));
    }
  }
  ctx.ports.reporter.log(`run ${ctx.run.id} failed: ${reason}`);
  await updateRun(ctx, { status: "failed", error: reason });
  return rollBack(ctx, reason, cancelled ? "cancelled" : "rolled_back");
}

/**
 * Runs the rollback steps of every scenario that changed something (last first), resets the branch
 * to its base and ends the run. Rollback steps are best effort: a failing one is logged, the reset still happens.
 */
export async function rollBack(
  ctx: RunContext,
  reason: string,
  status: RunStatus = "rolled_back",
): Promise<RunRecord> {
  const touched = scenariosOf(ctx.plan).filter((s) => changedSomething(ctx, s));
  // A cancelled run's rollback must still run: it gets a fresh signal.
  const rollbackCtx: RunContext = { ...ctx, options: { ...ctx.options, signal: undefined } };
  for (const scenario of touched.reverse()) {
    for (const item of scenario.rollback) {
      for (const action of item.actions) {
        const outcome = await shellOutcome(rollbackCtx, action);
        const output = outcome.output.trim();
        ctx.ports.reporter.log(
          `rollback ${scenario.scenarioId} #${item.number} ${item.name || ""}: ${outcome.ok ? "ok" : `failed (exit ${outcome.result.exitCode})`}${output ? `\n    ${output.slice(-1000).replaceAll("\n", "\n    ")}` : ""}`,
        );
      }
    }
  }
  if (ctx.run.baseSha) await ctx.ports.workspace.resetTo(ctx.run.baseSha);
  await updateRun(ctx, {
    status,
    error: reason,
    ...(ctx.run.baseSha ? { headSha: ctx.run.baseSha } : {}),
  });
  return endRun(ctx);
}

async function endRun(ctx: RunContext): Promise<RunRecord> {
  await ctx.ports.store.releaseLock(lockKey(ctx.run), ctx.run.id);
  await releaseClaim(ctx.ports.store, ctx.run.id);
  await ctx.ports.workspace.dispose?.();
  await ctx.ports.reporter.runFinished(ctx.run, sortedSteps(ctx));
  return ctx.run;
}

function changedSomething(ctx: RunContext, scenario: PlannedScenario): boolean {
  return scenario.stepIndexes.some((i) => {
    const status = ctx.steps.get(i)?.status;
    return (
      ctx.checkpoints.has(i) ||
      status === "succeeded" ||
      status === "failed" ||
      status === "running" ||
      status === "waiting"
    );
  });
}

function runningStep(ctx: RunContext): number | undefined {
  return [...ctx.steps.values()].find((s) => s.status === "running")?.index;
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
