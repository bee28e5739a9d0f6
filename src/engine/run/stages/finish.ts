// Stage 5, when the steps are through: success (the integrations, then `succeeded`), or a pause on a
// manual step (`waiting`: the lock kept for the run, the claim let go so anyone may resume it).
// endRun is how every ending lets go: the lock, the claim, the workspace, then the final report.
import type { RunRecord } from "../../ports.ts";
import { releaseClaim } from "../claim.ts";
import { appendExecutionLog, runHealthCheck, uncheckedByTheRun } from "../integrations.ts";
import { type ActiveRun, ALL_INTEGRATIONS, lockKey } from "../options.ts";

export async function succeedRun(run: ActiveRun): Promise<RunRecord> {
  const { journal, ports } = run;
  const on = { ...ALL_INTEGRATIONS, ...run.options.integrations };
  if (on.executionLog) await appendExecutionLog(run);
  const healthy = on.healthCheck ? await runHealthCheck(run) : undefined;
  // Not "left manual": the run did what it could; these it could not check, so a person confirms them.
  const unchecked = on.devTask ? uncheckedByTheRun(run.plan) : [];
  if (unchecked.length) {
    const where = await ports.tasks.devTask(
      journal.run,
      unchecked.map((u) => u.task),
    );
    ports.reporter.log(
      `not checked by the run, for a person to confirm${where ? ` (listed in ${where})` : ""}: ${unchecked.map((u) => u.said).join("; ")}`,
    );
  }
  await journal.update({
    status: "succeeded",
    headSha: await ports.workspace.headSha(),
    ...(healthy === false ? { error: "the health check failed after the run succeeded" } : {}),
  });
  return endRun(run);
}

export async function pauseRun({ journal, ports }: ActiveRun): Promise<RunRecord> {
  await journal.update({ status: "waiting", headSha: await ports.workspace.headSha() });
  await releaseClaim(ports.store, journal.run.id);
  await ports.reporter.runFinished(journal.run, journal.steps());
  return journal.run;
}

export async function endRun({ journal, ports }: ActiveRun): Promise<RunRecord> {
  await ports.store.releaseLock(lockKey(journal.run), journal.run.id);
  await releaseClaim(ports.store, journal.run.id);
  await ports.workspace.dispose?.();
  await ports.reporter.runFinished(journal.run, journal.steps());
  return journal.run;
}
