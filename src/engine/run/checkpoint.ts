// A step's checkpoint: one commit on the run branch with the run's trailers, when the step changed
// something. A step that changed nothing makes no commit: its store row records it, and so does the
// next commit's `Scenario-Unchanged` trailer, so a resume from git alone neither repeats nor loses it.

import type { PlannedStep } from "../plan/plan.ts";
import { stepNumber, stepProgress } from "../plan/step-number.ts";
import type { ActiveRun } from "./options.ts";
import { runTrailers, TRAILER } from "./trailers.ts";

/** Commits what the step changed; returns the sha, or undefined when nothing changed. */
export async function checkpoint(run: ActiveRun, step: PlannedStep): Promise<string | undefined> {
  const { plan, journal, ports } = run;
  const scenario = plan.scenario.scenarioId;
  const of = [...plan.dependencies.required, plan.scenario].find((s) => s.scenarioId === step.scenarioId)
    ?.stepIndexes.length;
  const owner = step.scenarioId === scenario ? "" : ` (${step.scenarioId})`;
  const carried = journal.uncarried().filter((i) => i !== step.index);
  const named = carried.map((i) => {
    const other = plan.steps[i];
    return other ? `step ${stepNumber(other, scenario)} (${other.name})` : `plan step ${i}`;
  });
  const also = named.length ? `\nAlso done, changing nothing: ${named.join(", ")}.` : "";
  const message = `${scenario}: ${step.name}${owner}\n\nStep ${stepProgress(step, of, scenario)} [${step.kind}] of run ${journal.run.id}.${also}`;
  const trailers = {
    [TRAILER.run]: journal.run.id,
    [TRAILER.step]: String(step.index),
    ...(carried.length ? { [TRAILER.unchanged]: carried.join(",") } : {}),
    ...runTrailers(plan, journal.run),
  };
  const workspace = ports.workspace;
  const sha = workspace.commitChanges
    ? await workspace.commitChanges(message, trailers)
    : await workspace.commit(message, trailers);
  journal.recordCheckpoint(step.index, sha);
  return sha;
}
