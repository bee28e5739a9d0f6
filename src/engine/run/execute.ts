// `executeRun`: a new run, from its plan to its end or its first manual step.
import type { Plan } from "../plan/plan.ts";
import type { EnginePorts, RunRecord } from "../ports.ts";
import { drive } from "./drive.ts";
import { type ExecuteOptions, startRun } from "./stages/start.ts";

export type { ExecuteOptions } from "./stages/start.ts";

/**
 * Runs a plan to its end or to its first manual step. Returns the run record: `succeeded`, `waiting`,
 * `rolled_back` (a step failed; the reason is in `error`) or `cancelled`. Throws LockHeldError when
 * another run holds the target (and `wait` is off), WorkspaceError when the base cannot be branched
 * from; nothing was changed then.
 */
export async function executeRun(
  plan: Plan,
  ports: EnginePorts,
  options: ExecuteOptions,
): Promise<RunRecord> {
  return drive(await startRun(plan, ports, options));
}
