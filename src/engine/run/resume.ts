// `resumeRun`: continue after the last checkpoint. Steps already done (per the store or the branch)
// are not run again; a waiting manual step goes on once its items are ticked.
import type { EnginePorts, RunRecord } from "../ports.ts";
import { releaseClaim } from "./claim.ts";
import { drive } from "./drive.ts";
import { type LoadOptions, pickUpRun } from "./stages/pick-up.ts";

export async function resumeRun(runId: string, ports: EnginePorts, options: LoadOptions): Promise<RunRecord> {
  const run = await pickUpRun(runId, ports, options, "resume");
  try {
    // Whatever a killed step half-wrote goes; the last checkpoint is the truth.
    await ports.workspace.resetTo(await ports.workspace.headSha());
  } catch (error) {
    await releaseClaim(ports.store, runId);
    throw error;
  }
  await run.journal.update({ status: "running" });
  return drive(run);
}
