// One run, top to bottom. A new run is started (stages/start.ts) and an existing one picked up
// (stages/pick-up.ts); from there every run goes the same way:
//
//   preflight   every skip decided and every pre-condition that can be checked, before any change
//   scenarios   each scenario, dependencies first: its steps (stages/step.ts), its post-validation
//   finish      succeeded (integrations), or waiting on a manual step
//   undo        on any failure or cancel: rollback steps, branch back to its base
//
// The plan is fixed; what changes lives in the journal (record, rows, branch) and the block runner
// (environment, signal), both in ActiveRun (options.ts).
import type { RunRecord } from "../ports.ts";
import type { ActiveRun } from "./options.ts";
import { pauseRun, succeedRun } from "./stages/finish.ts";
import { preflight } from "./stages/preflight.ts";
import { runScenarios } from "./stages/scenarios.ts";
import { failRun } from "./stages/undo.ts";

export async function drive(run: ActiveRun): Promise<RunRecord> {
  try {
    // A reporter that fails to start (GitHub answering 5xx to the run's check) ends the run like any
    // failure, so its lock and claim are not left held.
    await run.ports.reporter.runStarted(run.journal.run, { total: run.plan.steps.length });
    const verdicts = await preflight(run);
    const outcome = await runScenarios(run, verdicts);
    return outcome === "waiting" ? await pauseRun(run) : await succeedRun(run);
  } catch (error) {
    return failRun(run, error);
  }
}
