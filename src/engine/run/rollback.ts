// `rollbackRun`: undo a run that finished, waits, or died: its rollback steps run and its branch goes
// back to the base commit. `undoRun` is also how a cancel undoes a run.
import type { EnginePorts, RunRecord, RunStatus } from "../ports.ts";
import type { RunControl } from "./control.ts";
import { type LoadOptions, pickUpRun } from "./stages/pick-up.ts";
import { rollBack } from "./stages/undo.ts";

export async function rollbackRun(
  runId: string,
  ports: EnginePorts,
  options: LoadOptions & { reason?: string },
): Promise<RunRecord> {
  return undoRun(runId, ports, options, "rollback");
}

/** Picks the run up for `control` (the table decides whether it may), then rolls it back. */
export async function undoRun(
  runId: string,
  ports: EnginePorts,
  options: LoadOptions & { reason?: string },
  control: Exclude<RunControl, "resume">,
): Promise<RunRecord> {
  const run = await pickUpRun(runId, ports, options, control);
  const was = run.journal.run.status;
  const status: RunStatus = control === "cancel" ? "cancelled" : "rolled_back";
  ports.reporter.log(`${control === "cancel" ? "cancelling" : "rolling back"} run ${runId} (${was})`);
  return rollBack(
    run,
    options.reason ?? `${control === "cancel" ? "cancelled" : "rolled back"} on request (was ${was})`,
    status,
  );
}
