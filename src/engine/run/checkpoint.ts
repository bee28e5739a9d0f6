// A checkpoint is one commit on the run branch whose trailers say which run and step it closed, and
// carry enough (scenario, parameters, start, base) to rebuild the plan from git alone.
import type { PlannedStep } from "../plan/plan.ts";
import type { RunContext } from "./context.ts";

export const TRAILER = {
  run: "Scenario-Run",
  step: "Scenario-Step",
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

export async function checkpoint(ctx: RunContext, step: PlannedStep): Promise<string> {
  const total = ctx.plan.steps.length;
  const owner = step.scenarioId === ctx.plan.scenario.scenarioId ? "" : ` (${step.scenarioId})`;
  const message = `${ctx.plan.scenario.scenarioId}: ${step.name}${owner}\n\nStep ${step.index + 1}/${total} [${step.kind}] of run ${ctx.run.id}.`;
  const sha = await ctx.ports.workspace.commit(message, {
    [TRAILER.run]: ctx.run.id,
    [TRAILER.step]: String(step.index),
    ...runTrailers(ctx),
  });
  ctx.checkpoints.set(step.index, sha);
  return sha;
}
