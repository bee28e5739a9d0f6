// `scenario resume <run>`: continue after the last checkpoint. Steps that succeeded (per the store or
// per a trailer on the branch) are not run again; a waiting manual step goes on once its items are ticked.
import type { EnginePorts, RunRecord } from "../ports.ts";
import { claimRun, releaseClaim } from "./claim.ts";
import { lockKey, type RunContext, updateRun } from "./context.ts";
import { assertControl } from "./control.ts";
import { startAndForward } from "./execute.ts";
import { type LoadOptions, loadRun } from "./load.ts";
import { acquireRunLock } from "./lock.ts";

export async function resumeRun(runId: string, ports: EnginePorts, options: LoadOptions): Promise<RunRecord> {
  // Refused at once from the stored status (nothing checked out); checked again once claimed.
  const stored = await ports.store.getRun(runId);
  if (stored) assertControl("resume", stored);
  // Claimed before anything is checked out: a second `resume` of the same run stops here.
  await claimRun(ports.store, runId, options.claim);
  let ctx: RunContext;
  try {
    ctx = await loadRun(runId, ports, options);
    assertControl("resume", ctx.run);
    await acquireRunLock(ports.store, {
      key: lockKey(ctx.run),
      runId,
      ...(options.wait ? { wait: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      reporter: ports.reporter,
    });
    // Whatever a killed step half-wrote goes; the last checkpoint is the truth.
    await ports.workspace.resetTo(await ports.workspace.headSha());
  } catch (error) {
    await releaseClaim(ports.store, runId);
    throw error;
  }
  await updateRun(ctx, { status: "running" });
  return startAndForward(ctx);
}
