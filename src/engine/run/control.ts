// What `resume`, `rollback` and `cancel` may start from, and what each does from there: one table for
// every front door (CLI, App, Action) and the engine itself. A refused control gets one reason,
// worded here without any front door's vocabulary, and a hint as data (see src/errors/hints.ts).

import type { RunHint } from "../../errors/index.ts";
import { RunControlError } from "../errors.ts";
import type { RunRecord, RunStatus } from "../ports.ts";

export type RunControl = "resume" | "rollback" | "cancel";

export const RUN_CONTROLS: readonly RunControl[] = ["resume", "rollback", "cancel"];

/**
 * What an allowed control does: `continue` the forward pass, `undo` (rollback steps, branch back to
 * its base), `forget` a run that never started (recorded cancelled, target freed, nothing undone),
 * or `nothing` (it is already where the control would take it).
 */
export type ControlEffect = "continue" | "undo" | "forget" | "nothing";

export type ControlRule =
  | { allowed: true; effect: ControlEffect; does: string }
  | { allowed: false; why: string; instead?: RunControl | "start" | "status" };

const ok = (effect: ControlEffect, does: string): ControlRule => ({ allowed: true, effect, does });
const no = (why: string, instead?: RunControl | "start" | "status"): ControlRule => ({
  allowed: false,
  why,
  ...(instead ? { instead } : {}),
});

/** By control, then by the run's status. A run another live process drives is refused by its claim. */
export const RUN_CONTROL_TABLE: Record<RunControl, Record<RunStatus, ControlRule>> = {
  resume: {
    queued: no("it has not started yet, so there is nothing to resume", "cancel"),
    running: ok("continue", "continues after its last checkpoint, once the process that drove it is gone"),
    waiting: ok(
      "continue",
      "goes on once its manual step's checklist is ticked; until then it keeps waiting",
    ),
    failed: no("its rollback did not finish, so it cannot go on", "rollback"),
    succeeded: no("there is nothing left to resume", "start"),
    rolled_back: no("it was undone; there is nothing left to resume", "start"),
    cancelled: no("it was undone; there is nothing left to resume", "start"),
  },
  rollback: {
    queued: no("it has not started yet, so there is nothing to undo", "cancel"),
    running: ok(
      "undo",
      "runs its rollback steps and resets its branch to its base, once the process that drove it is gone",
    ),
    waiting: ok("undo", "runs its rollback steps and resets its branch to its base"),
    failed: ok("undo", "finishes its rollback: rollback steps, then its branch back to its base"),
    succeeded: ok("undo", "undoes it: rollback steps, then its branch back to its base"),
    rolled_back: no("it was already rolled back", "start"),
    cancelled: no("it was cancelled and already undone", "start"),
  },
  cancel: {
    queued: ok("forget", "records it cancelled and frees its target; it never changed anything"),
    running: ok(
      "undo",
      "stops the process driving it, which rolls it back and records it cancelled (or, when that process is gone, rolls it back here)",
    ),
    waiting: ok("undo", "rolls it back and records it cancelled"),
    failed: no("it already stopped, but its rollback did not finish", "rollback"),
    succeeded: no("it has finished; there is nothing to stop", "rollback"),
    rolled_back: ok("nothing", "nothing: it was already rolled back"),
    cancelled: ok("nothing", "nothing: it was already cancelled"),
  },
};

export function controlRule(control: RunControl, status: RunStatus): ControlRule {
  return RUN_CONTROL_TABLE[control][status];
}

/** The statuses a control may start from (what a front door lists when it refuses). */
export function allowedFrom(control: RunControl): RunStatus[] {
  return (Object.entries(RUN_CONTROL_TABLE[control]) as [RunStatus, ControlRule][])
    .filter(([, rule]) => rule.allowed)
    .map(([status]) => status);
}

/** The hint a refusal points to, as data. */
export function refusalHint(
  run: Pick<RunRecord, "id" | "scenarioId">,
  instead: RunControl | "start" | "status" | undefined,
): RunHint | undefined {
  if (!instead) return undefined;
  if (instead === "start") return { do: "start", scenarioId: run.scenarioId };
  return { do: "run", action: instead, runId: run.id };
}

/**
 * May `control` start from this run's status? Returns what it does; throws RunControlError (the one
 * reason, and a hint) when it may not.
 */
export function assertControl(
  control: RunControl,
  run: Pick<RunRecord, "id" | "scenarioId" | "status" | "error">,
): { effect: ControlEffect; does: string } {
  const rule = controlRule(control, run.status);
  if (rule.allowed) return { effect: rule.effect, does: rule.does };
  const hint = refusalHint(run, rule.instead);
  throw new RunControlError(run.id, run.status, control, rule.why, hint);
}
