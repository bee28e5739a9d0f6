// A checkpoint is one commit on the run branch whose trailers say which run and step it closed, and
// carry enough (scenario, parameters, start, base) to rebuild the plan from git alone.
import type { PlannedStep } from "../plan/plan.ts";
import { stepNumber, stepProgress } from "../plan/step-number.ts";
import { type RunContext, scenariosOf, stepAt } from "./context.ts";

export const TRAILER = {
  run: "Scenario-Run",
  /** The plan index (0-based, dependencies first) of the step the commit closed: an internal key. */
  step: "Scenario-Step",
  /** Plan indexes of the steps since the previous checkpoint that changed nothing (no commit of their own). */
  unchanged: "Scenario-Unchanged",
  scenario: "Scenario-Id",
  params: "Scenario-Params",
  started: "Scenario-Started",
  base: "Scenario-Base",
  baseBranch: "Scenario-Base-Branch",
  log: "Scenario-Log",
} as const;

export function runTrailers(ctx: RunContext): Record<string, string> {
  return {
    [TRAILER.run]: ctx.run.id,
    [TRAILER.scenario]: ctx.plan.scenario.scenarioId,
    [TRAILER.params]: JSON.stringify(ctx.run.params),
    [TRAILER.started]: ctx.plan.startedAt.toISOString(),
    [TRAILER.base]: ctx.run.baseSha ?? "",
    [TRAILER.baseBranch]: ctx.run.baseBranch,
  };
}

/**
 * Commits what the step changed, with the trailers. A step that changed nothing makes no commit: it is
 * recorded by its store row, and by the next commit's `Scenario-Unchanged` trailer. Returns the sha,
 * or undefined when nothing changed.
 */
export async function checkpoint(ctx: RunContext, step: PlannedStep): Promise<string | undefined> {
  const scenario = ctx.plan.scenario.scenarioId;
  const of = scenariosOf(ctx.plan).find((s) => s.scenarioId === step.scenarioId)?.stepIndexes.length;
  const owner = step.scenarioId === scenario ? "" : ` (${step.scenarioId})`;
  const carried = ctx.unrecorded.filter((i) => i !== step.index);
  const also = carried.length
    ? `\nAlso done, changing nothing: ${carried.map((i) => `step ${stepNumber(stepAt(ctx.plan, i), scenario)} (${stepAt(ctx.plan, i).name})`).join(", ")}.`
    : "";
  const message = `${scenario}: ${step.name}${owner}\n\nStep ${stepProgress(step, of, scenario)} [${step.kind}] of run ${ctx.run.id}.${also}`;
  const trailers = {
    [TRAILER.run]: ctx.run.id,
    [TRAILER.step]: String(step.index),
    ...(carried.length ? { [TRAILER.unchanged]: carried.join(",") } : {}),
    ...runTrailers(ctx),
  };
  const workspace = ctx.ports.workspace;
  const sha = workspace.commitChanges
    ? await workspace.commitChanges(message, trailers)
    : await workspace.commit(message, trailers);
  if (!sha) {
    if (!ctx.unrecorded.includes(step.index)) ctx.unrecorded.push(step.index);
    return undefined;
  }
  ctx.checkpoints.set(step.index, sha);
  for (const index of carried) ctx.unchanged.set(index, sha);
  ctx.unrecorded = [];
  return sha;
}
