// Stage 3: each scenario of the plan in order, required dependencies first: skipped when its
// post-validation held before any change (or, after an earlier scenario changed things, holds now);
// its pre-conditions again when something changed before it; its steps (stage 4); its post-validation.
// What is already done (a store row or the branch) is passed over, so the same pass resumes a run.
import type { PlannedScenario } from "../../plan/plan.ts";
import type { StepRecord } from "../../ports.ts";
import { checkConditions, dependencyHolds } from "../conditions.ts";
import type { ActiveRun } from "../options.ts";
import { scenariosOf, type Verdicts } from "./preflight.ts";
import { type PassOutcome, runStep } from "./step.ts";

export async function runScenarios(run: ActiveRun, verdicts: Verdicts): Promise<PassOutcome> {
  const ranBefore = new Set<string>();
  for (const scenario of scenariosOf(run)) {
    if ((await runScenario(run, scenario, verdicts.get(scenario), ranBefore)) === "waiting") return "waiting";
    if (!run.journal.skipped(scenario)) ranBefore.add(scenario.scenarioId);
  }
  return "done";
}

async function runScenario(
  run: ActiveRun,
  scenario: PlannedScenario,
  verdict: "skip" | "run" | undefined,
  ranBefore: ReadonlySet<string>,
): Promise<PassOutcome> {
  const checker = { blocks: run.blocks, reporter: run.ports.reporter };
  const changedBefore = ranBefore.size > 0;
  if (!run.journal.started(scenario)) {
    const isDependency = scenario !== run.plan.scenario;
    // Decided before any change, unless an earlier scenario has changed things since.
    const decideNow = verdict === undefined || changedBefore;
    const dependency =
      isDependency && verdict !== "skip" && decideNow ? await dependencyHolds(checker, scenario) : undefined;
    if (verdict === "skip" || dependency?.holds) {
      await skipScenario(run, scenario, "its post-validation already holds");
      return "done";
    }
    // Checked in the preflight when nothing had changed before this scenario.
    if (decideNow)
      await checkConditions(checker, scenario, "pre-condition", {
        ranBefore,
        ...(dependency
          ? { notSkipped: { requiredBy: run.plan.scenario.scenarioId, why: dependency.why } }
          : {}),
      });
  }
  for (const index of scenario.stepIndexes) {
    const step = run.plan.steps[index];
    if (!step) throw new Error(`plan of run ${run.plan.runId} has no step ${index}`);
    if ((await runStep(run, step)) === "waiting") return "waiting";
  }
  if (run.journal.skipped(scenario)) return "done";
  await checkConditions(checker, scenario, "post-validation");
  return "done";
}

async function skipScenario(run: ActiveRun, scenario: PlannedScenario, reason: string): Promise<void> {
  run.ports.reporter.log(`${scenario.scenarioId}: skipped, ${reason}`);
  for (const index of scenario.stepIndexes) {
    const planned = run.plan.steps[index];
    if (!planned) continue;
    const record: StepRecord = {
      ...run.journal.newRecord(planned),
      status: "skipped",
      error: `${scenario.scenarioId}: ${reason}`,
    };
    await run.journal.save(record);
    await run.ports.reporter.stepFinished(run.journal.event(record));
  }
}
