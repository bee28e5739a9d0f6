// A run's next step worded as a bare `scenario` command: what the local adapters say when their front
// door gave them no wording of its own (the CLI passes one that repeats its flags).
import type { RunHint } from "../errors/index.ts";

/** A bare command for a hint: what a reporter says when its front door gave no wording. */
export function plainHint(hint: RunHint): string {
  switch (hint.do) {
    case "start":
      return `scenario run ${hint.scenarioId}`;
    case "wait":
      return "--wait";
    case "run":
      if (hint.action === "tick") return `scenario tick ${hint.runId} ${quoteStep(hint.step ?? "")}`;
      if (hint.action === "logs")
        return `scenario logs ${hint.runId}${hint.step ? ` ${quoteStep(hint.step)}` : ""}`;
      return `scenario ${hint.action} ${hint.runId}`;
  }
}

export function quoteStep(step: string): string {
  return step.includes(" ") ? `"${step}"` : step;
}
