// Which run may be resumed, rolled back or cancelled from where it stands, and the reason when not.
// (Until the engine's own table lands, the rule the App applied is kept here, in one place.)
import type { RunRecord, RunStatus } from "../../engine/ports.ts";
import { code, inline } from "../../markdown/index.ts";
import type { RunControl } from "./host.ts";

export const ALLOWED_FROM: Record<RunControl, RunStatus[]> = {
  resume: ["waiting", "failed"],
  rollback: ["waiting", "failed", "succeeded", "cancelled"],
  cancel: ["queued", "running", "waiting"],
};

export const ACTION_VERB: Record<RunControl, string> = {
  resume: "resume a run",
  rollback: "roll back a run",
  cancel: "cancel a run",
};

/** Undefined when `action` may start from the run's status; else why not, for the person. */
export function controlRefusal(run: RunRecord, action: RunControl): string | undefined {
  if (ALLOWED_FROM[action].includes(run.status)) return undefined;
  return inline(
    "run ",
    code(run.id),
    ` is ${run.status}; ${action} works on a run that is ${ALLOWED_FROM[action].join(", ")}. `,
    code(`/scenario status ${run.id}`),
    " shows where it is.",
  );
}
