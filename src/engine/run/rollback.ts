// `scenario rollback <run>`: undo a run that finished, waits, or died: its rollback steps run and
// its branch goes back to the base commit.
import { RunStateError } from "../errors.ts";
import type { EnginePorts, RunRecord } from "../ports.ts";
import { claimRun, releaseClaim } from "./claim.ts";
import { lockKey, type RunContext } from "./context.ts";
import { rollBack } from "./finish.ts";
import { type LoadOptions, loadRun } from "./load.ts";
import { acquireRunLock } from "./lock.ts";

export async function rollbackRun(
  runId: string,
  ports: EnginePorts,
  options: LoadOptions & { reason?: string },
): Promise<RunRecord> {
  await claimRun(ports.store, runId, options.claim);
  let ctx: RunContext;
  try {
    ctx = await loadRun(runId, ports, options);
    if (ctx.run.status === "rolled_back") {
      throw new RunStateError(
        runId,
        "rolled_back",
        `it was already rolled back (${ctx.run.error ?? "no reason recorded"})`,
      );
    }
    await acquireRunLock(ports.store, {
      key: lockKey(ctx.run),
      runId,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    await releaseClaim(ports.store, runId);
    throw error;
  }
  ports.reporter.log(`rolling back run ${runId} (${ctx.run.status})`);
  return rollBack(ctx, options.reason ?? `rolled back on request (was ${ctx.run.status})`);
}
