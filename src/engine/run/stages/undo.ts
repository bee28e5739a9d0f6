// Stage 5, when something failed (or on request): the failed step recorded with its output, the
// rollback steps of every scenario that changed something (last first, best effort, each logged), the
// branch reset to its base, and the run `rolled_back` (or `cancelled`).
import { RunCancelledError, StepFailedError } from "../../errors.ts";
import type { RollbackActionOutcome, RunRecord, RunStatus } from "../../ports.ts";
import { ConditionFailedError } from "../conditions.ts";
import { tail } from "../env.ts";
import type { ActiveRun } from "../options.ts";
import { endRun } from "./finish.ts";
import { scenariosOf } from "./preflight.ts";

/** Maps any error of a pass to its outcome: the step failed, rollback, `rolled_back` (or `cancelled`). */
export async function failRun(run: ActiveRun, error: unknown): Promise<RunRecord> {
  const { journal, ports } = run;
  const cancelled = error instanceof RunCancelledError || Boolean(run.options.signal?.aborted);
  const reason = error instanceof Error ? error.message : String(error);
  const failedIndex = error instanceof StepFailedError ? error.stepIndex : journal.running()?.index;
  const step = failedIndex === undefined ? undefined : journal.step(failedIndex);
  if (step) {
    const outputTail =
      error instanceof StepFailedError || error instanceof ConditionFailedError
        ? error.outputTail
        : step.outputTail;
    const failed = {
      ...step,
      status: "failed" as const,
      finishedAt: new Date(),
      error: reason,
      ...(outputTail ? { outputTail } : {}),
    };
    await journal.save(failed);
    await ports.reporter.stepFinished(journal.event(failed));
  }
  ports.reporter.log(`run ${journal.run.id} failed: ${reason}`);
  await journal.update({ status: "failed", error: reason });
  return rollBack(run, reason, cancelled ? "cancelled" : "rolled_back");
}

/**
 * Runs the rollback steps of every scenario that changed something (last first), resets the branch
 * to its base and ends the run. Rollback steps are best effort: a failing one is logged, the reset still
 * happens. What the steps left differing from the base is said before the reset removes it: a document
 * whose rollback is not exact is told so (`scenario test` fails on it).
 */
export async function rollBack(
  run: ActiveRun,
  reason: string,
  status: RunStatus = "rolled_back",
): Promise<RunRecord> {
  const { journal, ports } = run;
  const actions = await rollbackSteps(run);
  const baseSha = journal.run.baseSha;
  if (baseSha) {
    const leftBehind = await ports.workspace.differencesFrom?.(baseSha);
    if (leftBehind?.length && actions.length)
      ports.reporter.log(
        `the rollback steps left ${leftBehind.length} path(s) differing from the base (the reset to it removes them): ${leftBehind.slice(0, 10).join(", ")}${leftBehind.length > 10 ? ", ..." : ""}`,
      );
    await ports.reporter.rolledBack?.({ run: journal.run, actions, ...(leftBehind ? { leftBehind } : {}) });
    await ports.workspace.resetTo(baseSha);
  }
  await journal.update({ status, error: reason, ...(baseSha ? { headSha: baseSha } : {}) });
  return endRun(run);
}

async function rollbackSteps(run: ActiveRun): Promise<RollbackActionOutcome[]> {
  const { journal, ports } = run;
  const touched = scenariosOf(run).filter((s) => journal.changedSomething(s));
  // A cancelled run's rollback must still run: its blocks run without the cancel signal.
  const blocks = run.blocks.withoutSignal();
  const ran: RollbackActionOutcome[] = [];
  for (const scenario of touched.reverse()) {
    for (const item of scenario.rollback) {
      for (const action of item.actions) {
        const outcome = await blocks.shell(action);
        const output = outcome.output.trim();
        ports.reporter.log(
          `rollback ${scenario.scenarioId} #${item.number} ${item.name || ""}: ${outcome.ok ? "ok" : `failed (exit ${outcome.result.exitCode})`}${output ? `\n    ${output.slice(-1000).replaceAll("\n", "\n    ")}` : ""}`,
        );
        ran.push({
          scenarioId: scenario.scenarioId,
          number: item.number,
          name: item.name,
          where: action.where,
          ok: outcome.ok,
          exitCode: outcome.result.exitCode,
          outputTail: tail(output, 1000),
        });
      }
    }
  }
  return ran;
}
