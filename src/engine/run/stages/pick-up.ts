// Stage 1 of resume, rollback and cancel: an existing run. Claimed for this process first (a second
// `resume` of the same run stops there), then its record from the store, or, when the store lost it,
// rebuilt from the checkpoint trailers on its branch; its plan rebuilt from its parameters and start
// time; the control checked against the table (control.ts) before anything moves; its lock taken back.
import type { Layout } from "../../../scenario/layout.ts";
import type { ParameterValue } from "../../../scenario/types.ts";
import { RunNotFoundError } from "../../errors.ts";
import { buildPlan, type Catalog } from "../../plan/build-plan.ts";
import type { CheckpointTrailer, EnginePorts, RunRecord } from "../../ports.ts";
import { BlockRunner } from "../blocks.ts";
import { claimRun, releaseClaim } from "../claim.ts";
import { assertControl, type RunControl } from "../control.ts";
import { RunJournal } from "../journal.ts";
import { acquireRunLock } from "../lock.ts";
import { type ActiveRun, lockKey, type RunOptions } from "../options.ts";
import { TRAILER } from "../trailers.ts";

export interface LoadOptions extends RunOptions {
  catalog: Catalog;
  /** Needed only when the store lost the run: the run branch to read the trailers from. */
  branch?: string;
  /** Needed only when the store lost the run: the repository recorded on the new record. */
  repository?: string;
  /**
   * The repository's layout, as the run was planned with (`{layout_migrations}`, ...): the rebuilt plan's
   * rollback and remaining steps name the same paths. DEFAULT_LAYOUT when not given, which is right only
   * for a repository laid out like it (apps/next/supabase/migrations is not).
   */
  layout?: Readonly<Layout>;
}

export async function pickUpRun(
  runId: string,
  ports: EnginePorts,
  options: LoadOptions,
  control: RunControl,
): Promise<ActiveRun> {
  // Refused at once from the stored status (nothing claimed or checked out); checked again once claimed.
  const stored = await ports.store.getRun(runId);
  if (stored) assertControl(control, stored);
  await claimRun(ports.store, runId, options.claim);
  try {
    const run = await loadRun(runId, ports, options);
    assertControl(control, run.journal.run);
    await acquireRunLock(ports.store, {
      key: lockKey(run.journal.run),
      runId,
      ...(control === "resume" && options.wait ? { wait: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      reporter: ports.reporter,
    });
    return run;
  } catch (error) {
    await releaseClaim(ports.store, runId);
    throw error;
  }
}

async function loadRun(runId: string, ports: EnginePorts, options: LoadOptions): Promise<ActiveRun> {
  const stored = await ports.store.getRun(runId);
  const branch = stored?.branch ?? options.branch;
  if (!branch)
    throw new RunNotFoundError(runId, " in the store, and no run branch was given to recover it from");
  await ports.workspace.checkout(branch);
  const checkpoints = (await ports.workspace.checkpoints(branch)).filter((c) => c.runId === runId);
  const first = checkpoints[0];
  const record = stored ?? (await recover(runId, branch, first, ports, options));
  const plan = buildPlan({
    catalog: options.catalog,
    scenarioId: record.scenarioId,
    rawParams: rawParams(record.params),
    runId: record.id,
    now: parseDate(first?.trailers?.[TRAILER.started]) ?? record.createdAt,
    root: ports.workspace.root,
    ...(options.layout ? { layout: options.layout } : {}),
  });
  const rows = stored ? await ports.store.listSteps(runId) : [];
  const journal = RunJournal.resumed(ports.store, plan, record, rows, checkpoints);
  const blocks = new BlockRunner({
    root: ports.workspace.root,
    runId,
    scenarioId: plan.scenario.scenarioId,
    options,
    documentEnv: [...plan.dependencies.required, plan.scenario].flatMap((s) => s.env ?? []),
  });
  return { plan, ports, options, journal, blocks };
}

/** A record rebuilt from the first checkpoint's trailers (scenario, parameters, start, base). */
async function recover(
  runId: string,
  branch: string,
  first: CheckpointTrailer | undefined,
  ports: EnginePorts,
  options: LoadOptions,
): Promise<RunRecord> {
  const trailers = first?.trailers ?? {};
  const scenarioId = trailers[TRAILER.scenario];
  const params = trailers[TRAILER.params];
  if (!first || !scenarioId || params === undefined) {
    throw new RunNotFoundError(runId, ` in the store, and ${branch} has no checkpoint of it to recover from`);
  }
  const parsed = JSON.parse(params) as Record<string, ParameterValue>;
  const plan = buildPlan({
    catalog: options.catalog,
    scenarioId,
    rawParams: rawParams(parsed),
    runId,
    now: parseDate(trailers[TRAILER.started]) ?? new Date(),
    ...(options.layout ? { layout: options.layout } : {}),
  });
  ports.reporter.log(`run ${runId} was not in the store: recovered from the trailers on ${branch}`);
  return ports.store.createRun({
    id: runId,
    scenarioId,
    params: parsed,
    status: "running",
    repository: options.repository ?? ports.workspace.root,
    target: plan.target,
    branch,
    baseBranch: trailers[TRAILER.baseBranch] || "main",
    ...(trailers[TRAILER.base] ? { baseSha: trailers[TRAILER.base] } : {}),
  });
}

function rawParams(params: Record<string, ParameterValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}

function parseDate(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
