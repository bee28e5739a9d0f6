// Whether a run may be resumed, rolled back or cancelled from where it stands: the engine's one table
// (src/engine/run/control.ts), worded for a comment. The verbs a permission refusal names.
import { controlRule, type RunRecord } from "../../engine/index.ts";
import { code, inline } from "../../markdown/index.ts";
import type { RunControl } from "./host.ts";
import { dialogueHint } from "./replies/present-error.ts";

export const ACTION_VERB: Record<RunControl, string> = {
  resume: "resume a run",
  rollback: "roll back a run",
  cancel: "cancel a run",
};

export type ControlVerdict =
  /** The host should carry it out. */
  | { go: true }
  /** Nothing to do, and why (e.g. a cancel of a run already rolled back). */
  | { go: false; done: string }
  /** Refused, and why. */
  | { go: false; refused: string };

export function controlVerdict(run: RunRecord, action: RunControl): ControlVerdict {
  const rule = controlRule(action, run.status);
  const head = inline("run ", code(run.id), ` is ${run.status.replace("_", " ")}`);
  if (!rule.allowed) {
    const hint =
      rule.instead === undefined
        ? ""
        : ` ${dialogueHint(
            rule.instead === "start"
              ? { do: "start", scenarioId: run.scenarioId }
              : { do: "run", action: rule.instead, runId: run.id },
          )}`;
    return { go: false, refused: `${head}: ${rule.why}.${hint}` };
  }
  if (rule.effect === "nothing") return { go: false, done: `${head}: ${action} does ${rule.does}.` };
  return { go: true };
}
