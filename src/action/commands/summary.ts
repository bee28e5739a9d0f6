// The job summary of a run command, and failed steps as annotations on the scenario document.
import type { RunRecord, StepRecord } from "../../engine/ports.ts";
import { runReport } from "../render/run-report.ts";
import type { ActionContext, ActionResult } from "./context.ts";

export async function reportRun(
  ctx: ActionContext,
  run: RunRecord,
  steps: StepRecord[],
  whereOf: (step: StepRecord) => string | undefined,
  heading: string,
  how: { undo?: boolean; note?: string } = {},
): Promise<ActionResult> {
  for (const step of steps.filter((s) => s.status === "failed")) {
    const where = whereOf(step);
    const m = where ? /^(.*):(\d+)$/.exec(where) : null;
    ctx.io.error(`step ${step.index + 1} "${step.name}" failed: ${step.error ?? "no reason recorded"}`, {
      title: `scenario ${run.scenarioId}`,
      ...(m ? { file: m[1] as string, startLine: Number(m[2]) } : {}),
    });
  }
  await ctx.io.appendSummary(
    `## ${heading}\n\n${how.note ? `${how.note}\n\n` : ""}${runReport({ run, steps, links: ctx.links, ...(ctx.runner.runUrl ? { runUrl: ctx.runner.runUrl } : {}) })}\n`,
  );
  const result: ActionResult = { status: run.status, runId: run.id, branch: run.branch };
  if (run.pullRequest) result.pullRequest = run.pullRequest;
  if (how.note) result.note = how.note;
  // A rollback or cancel that leaves the run rolled back did what it was asked.
  if (run.status === "failed" || (run.status === "rolled_back" && !how.undo)) {
    result.failure = `run ${run.id} of ${run.scenarioId} ${run.status.replace("_", " ")}: ${run.error ?? "see the steps"}`;
  }
  return result;
}
