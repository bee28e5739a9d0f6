// Picking up an existing run (resume, rollback): its record from the store, or, when the store lost
// it, rebuilt from the checkpoint trailers on its branch; then its plan rebuilt from the parameters.
import type { ParameterValue } from "../../scenario/types.ts";
import { RunNotFoundError } from "../errors.ts";
import { buildPlan, type Catalog } from "../plan/build-plan.ts";
import type { Plan } from "../plan/plan.ts";
import type { CheckpointTrailer, EnginePorts, RunRecord, StepRecord } from "../ports.ts";
import { TRAILER } from "./checkpoint.ts";
import { newContext, type RunContext, type RunOptions } from "./context.ts";

export interface LoadOptions extends RunOptions {
  catalog: Catalog;
  /** Needed only when the store lost the run: the run branch to read the trailers from. */
  branch?: string;
  /** Needed only when the store lost the run: the repository recorded on the new record. */
  repository?: string;
}

export async function loadRun(runId: string, ports: EnginePorts, options: LoadOptions): Promise<RunContext> {
  const stored = await ports.store.getRun(runId);
  const branch = stored?.branch ?? options.branch;
  if (!branch)
    throw new RunNotFoundError(runId, " in the store, and no run branch was given to recover it from");
  await ports.workspace.checkout(branch);
  const checkpoints = (await ports.workspace.checkpoints(branch)).filter((c) => c.runId === runId);
  const first = checkpoints[0];
  const run = stored ?? (await recover(runId, branch, first, ports, options));
  const startedAt = parseDate(first?.trailers?.[TRAILER.started]) ?? run.createdAt;
  const plan: Plan = buildPlan({
    catalog: options.catalog,
    scenarioId: run.scenarioId,
    rawParams: rawParams(run.params),
    runId: run.id,
    now: startedAt,
    root: ports.workspace.root,
  });
  const steps = stored ? await ports.store.listSteps(runId) : [];
  // A step that was running when the process died is redone from its last checkpoint.
  const resumable = steps.map((s) => (s.status === "running" ? { ...s, status: "pending" as const } : s));
  return newContext(plan, ports, options, run, resumable, branchLog(checkpoints, resumable));
}

/**
 * What the branch records: each step's own checkpoint commit, each unchanged step with the commit whose
 * trailer carries it, and the unchanged steps done since the last commit (per the store) that the next
 * commit must carry.
 */
function branchLog(checkpoints: CheckpointTrailer[], steps: StepRecord[]) {
  const own = new Map(checkpoints.map((c) => [c.step, c.sha]));
  const unchanged = new Map<number, string>();
  for (const c of checkpoints) {
    for (const index of (c.trailers?.[TRAILER.unchanged] ?? "").split(",")) {
      if (/^\d+$/.test(index.trim())) unchanged.set(Number(index), c.sha);
    }
  }
  const unrecorded = steps
    .filter((s) => s.status === "succeeded" && !s.commitSha && !own.has(s.index) && !unchanged.has(s.index))
    .map((s) => s.index)
    .sort((a, b) => a - b);
  return { checkpoints: own, unchanged, unrecorded };
}

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
