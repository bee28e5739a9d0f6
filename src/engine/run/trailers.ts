// The trailers of a run's commits: which run and step a checkpoint closed, which earlier steps it also
// records (those that changed nothing), and enough (scenario, parameters, start, base) to rebuild the
// plan from git alone when the store lost the run.
import type { Plan } from "../plan/plan.ts";
import type { RunRecord } from "../ports.ts";

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

/** The trailers every commit of the run carries. */
export function runTrailers(plan: Plan, run: RunRecord): Record<string, string> {
  return {
    [TRAILER.run]: run.id,
    [TRAILER.scenario]: plan.scenario.scenarioId,
    [TRAILER.params]: JSON.stringify(run.params),
    [TRAILER.started]: plan.startedAt.toISOString(),
    [TRAILER.base]: run.baseSha ?? "",
    [TRAILER.baseBranch]: run.baseBranch,
  };
}

/** The plan indexes a commit's `Scenario-Unchanged` trailer records. */
export function unchangedOf(trailers: Record<string, string> | undefined): number[] {
  return (trailers?.[TRAILER.unchanged] ?? "")
    .split(",")
    .map((i) => i.trim())
    .filter((i) => /^\d+$/.test(i))
    .map(Number);
}
