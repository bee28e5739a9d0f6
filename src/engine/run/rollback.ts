// `scenario rollback <run>`: undo a run that finished, waits, or died: its rollback steps run and
// its branch goes back to the base commit. `undoRun` is also how a cancel undoes a run.
import type { EnginePorts, RunRecord, RunStatus } from "../ports.ts";
import { claimRun, releaseClaim } from "./claim.ts";
import { lockKey, type RunContext } from "./context.ts";
import { assertControl, type RunControl } from "./control.ts";
import { rollBack } from "./finish.ts";
import { type LoadOptions, loadRun } from "./load.ts";
import { acquireRunLock } from "./lock.ts";

export async function rollbackRun(
  runId: string,
  ports: EnginePorts,
  options: LoadOptions & { reason?: string },
): Promise<RunRecord> {
  return undoRun(runId, ports, options, "rollback");
}

/** Claims the run, checks the control may start from its status, then rolls it back. */
export async function undoRun(
  runId: string,
  ports: EnginePorts,
  options: LoadOptions & { reason?: string },
  control: RunControl,
): Promise<RunRecord> {
  const stored = await ports.store.getRun(runId);
  if (stored) assertControl(control, stored);
  await claimRun(ports.store, runId, options.claim);
  let ctx: RunContext;
  try {
    ctx = await loadRun(runId, ports, options);
    assertControl(control, ctx.run);
    await acquireRunLock(ports.store, {
      key: lockKey(ctx.run),
      runId,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    await releaseClaim(ports.store, runId);
    throw error;
  }
  const was = ctx.run.status;
  const status: RunStatus = control === "cancel" ? "cancelled" : "rolled_back";
  ports.reporter.log(`${control === "cancel" ? "cancelling" : "rolling back"} run ${runId} (${was})`);
  return rollBack(
    ctx,
    options.reason ?? `${control === "cancel" ? "cancelled" : "rolled back"} on request (was ${was})`,
    status,
  );
}
