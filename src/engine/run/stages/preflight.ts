// Stage 2: before the first change. Which required dependencies are skipped (their post-validation
// already holds), and every pre-condition of every scenario that runs, except one that a dependency
// running before it establishes: that one is checked once the dependency has run (stage 3 checks every
// pre-condition again after a change), so deferring it never lets a scenario start on one that fails.
// A failure here stops the run with nothing changed.
import type { PlannedCondition, PlannedScenario } from "../../plan/plan.ts";
import { checkConditions, dependencyHolds, sameCheck } from "../conditions.ts";
import type { ActiveRun } from "../options.ts";

/** Per scenario, decided before any change: skipped, or run. */
export type Verdicts = ReadonlyMap<PlannedScenario, "skip" | "run">;

/** The plan's scenarios in run order: required dependencies first, the run's own last. */
export function scenariosOf(run: ActiveRun): PlannedScenario[] {
  return [...run.plan.dependencies.required, run.plan.scenario];
}

export async function preflight(run: ActiveRun): Promise<Verdicts> {
  const scenarios = scenariosOf(run);
  // A run picked up after its first step: the rest is decided scenario by scenario (stage 3).
  if (scenarios.some((s) => run.journal.started(s))) return new Map();
  const checker = { blocks: run.blocks, reporter: run.ports.reporter };
  const verdicts = new Map<PlannedScenario, "skip" | "run">();
  const running: PlannedScenario[] = [];
  for (const scenario of scenarios) {
    const dependency = scenario === run.plan.scenario ? undefined : await dependencyHolds(checker, scenario);
    if (dependency?.holds) {
      verdicts.set(scenario, "skip");
      continue;
    }
    verdicts.set(scenario, "run");
    await checkConditions(checker, scenario, "pre-condition", {
      beforeAnyChange: true,
      ...(dependency
        ? { notSkipped: { requiredBy: run.plan.scenario.scenarioId, why: dependency.why } }
        : {}),
      defer: (condition) => {
        const by = establishingDependency(condition, running);
        return by && `is checked after ${by.scenarioId} has run`;
      },
    });
    running.push(scenario);
  }
  return verdicts;
}

/**
 * The dependency that runs before and establishes `condition`, if any: the one its `established-by`
 * names (the document says so; the parser holds it to a required dependency), or one whose
 * post-validation has the same check with the same values (its passing post-validation is this check
 * passing). A dependency that is skipped is not among `running`: the condition is checked now.
 */
export function establishingDependency(
  condition: PlannedCondition,
  running: readonly PlannedScenario[],
): PlannedScenario | undefined {
  if (condition.establishedBy) {
    const named = running.find((r) => r.scenarioId === condition.establishedBy);
    if (named) return named;
  }
  return running.find((r) => r.postValidation.some((p) => sameCheck(p.check, condition.check)));
}
