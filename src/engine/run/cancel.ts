// `cancel`: stop a run and undo what it did, by the control table (control.ts). A run that never
// started is recorded cancelled and its target freed; one that is waiting, or whose process died, is
// rolled back here and recorded cancelled; one that a live process drives is stopped through the
// front door's `stopDriver` (the CLI signals a process on this host, the Action cancels a workflow
// run), and that process rolls it back; a run already undone needs nothing.
import { setTimeout as sleep } from "node:timers/promises";
import { RunBusyError, RunNotFoundError, RunStateError } from "../errors.ts";
import type { EnginePorts, RunRecord } from "../ports.ts";
import { assertControl } from "./control.ts";
import { lockKey } from "./options.ts";
import { undoRun } from "./rollback.ts";
import type { LoadOptions } from "./stages/pick-up.ts";

/** The process that holds a run's claim, as its claim names it (`<run>@<host>:<pid>`). */
export type RunDriver = NonNullable<RunBusyError["driver"]>;

export interface CancelOptions extends LoadOptions {
  /** Recorded as the run's error, e.g. "cancelled by @dana" (default "cancelled on request"). */
  reason?: string;
  /** Asks the process driving the run to stop (it then rolls the run back itself); true when asked. */
  stopDriver?: (driver: RunDriver) => Promise<boolean>;
  /** How long to wait for a stopped driver to end the run (default 60 s). */
  driverWaitMs?: number;
  /** How often to look meanwhile (default 250 ms). */
  driverPollMs?: number;
}

/** Where a stopped driver leaves the run (`failed` is only on the way: its rollback is running). */
const ENDED = new Set(["succeeded", "rolled_back", "cancelled"]);

export async function cancelRun(
  runId: string,
  ports: EnginePorts,
  options: CancelOptions,
): Promise<RunRecord> {
  const stored = await ports.store.getRun(runId);
  if (!stored) {
    // The store lost it: its branch says what it changed; undo that.
    if (!options.branch) throw new RunNotFoundError(runId);
    return undoRun(runId, ports, withReason(options), "cancel");
  }
  const { effect } = assertControl("cancel", stored);
  if (effect === "nothing") {
    ports.reporter.log(`run ${runId} is already ${stored.status.replace("_", " ")}: nothing to cancel`);
    return stored;
  }
  if (effect === "forget" && !(await ports.workspace.hasBranch(stored.branch))) {
    const run = await ports.store.updateRun(runId, { status: "cancelled", error: reasonOf(options) });
    await ports.store.releaseLock(lockKey(run), runId);
    ports.reporter.log(`run ${runId} had not started: recorded as cancelled, nothing to undo`);
    return run;
  }
  try {
    return await undoRun(runId, ports, withReason(options), "cancel");
  } catch (error) {
    // Refused by the claim: a live process drives the run. Its front door may know how to stop it.
    const driver = error instanceof RunBusyError ? error.driver : undefined;
    if (!driver || !options.stopDriver || !(await options.stopDriver(driver))) throw error;
    ports.reporter.log(`run ${runId} is driven by process ${driver.pid} on ${driver.host}: asked it to stop`);
    return waitForEnd(ports, runId, options);
  }
}

function reasonOf(options: CancelOptions): string {
  return options.reason ?? "cancelled on request";
}

function withReason(options: CancelOptions): CancelOptions & { reason: string } {
  return { ...options, reason: reasonOf(options) };
}

async function waitForEnd(ports: EnginePorts, runId: string, options: CancelOptions): Promise<RunRecord> {
  const deadline = Date.now() + (options.driverWaitMs ?? 60_000);
  for (;;) {
    const run = await ports.store.getRun(runId);
    if (run && ENDED.has(run.status)) return run;
    if (Date.now() > deadline) {
      if (run?.status === "failed") return run;
      throw new RunStateError(
        runId,
        run?.status ?? "running",
        `the process driving it was asked to stop but has not ended the run within ${Math.round((options.driverWaitMs ?? 60_000) / 1000)} s; look again in a moment`,
      );
    }
    await sleep(options.driverPollMs ?? 250);
  }
}
