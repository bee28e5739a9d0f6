// What one pass over a run carries: the plan, the ports, the options, and the run's state as far as
// the store and the branch know it.

import type { Plan, PlannedScenario, PlannedStep } from "../plan/plan.ts";
import type { EnginePorts, RunRecord, StepEvent, StepRecord } from "../ports.ts";
import type { ClaimTiming } from "./claim.ts";
import { type StepEnvironment, stepEnvironment } from "./env.ts";

/** What a successful run does after its last step (each on unless a repository turns it off). */
export interface Integrations {
  /** A line in docs/continuous-improvement/execution-log.md, committed on the run branch. */
  executionLog: boolean;
  /** The document's `## Health Check` block. */
  healthCheck: boolean;
  /** What no check verified becomes a task for the team. */
  devTask: boolean;
}

export const ALL_INTEGRATIONS: Integrations = { executionLog: true, healthCheck: true, devTask: true };

export interface RunOptions {
  /** Cancels the run: the running block's process group is killed, then the run rolls back. */
  signal?: AbortSignal;
  /** Time limit of a block without its own (default 10 minutes). */
  defaultTimeoutMs?: number;
  /** The environment steps inherit, secrets removed (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** More values to redact from stored output. */
  secrets?: string[];
  /** Absolute path of bin/scenario.js, given to steps as SCENARIO_CLI. */
  cliPath?: string;
  /** Queue behind a run that holds the lock instead of refusing. */
  wait?: boolean;
  /** How often a queued run asks for the lock again. */
  waitPollMs?: number;
  /** How the driving process keeps and takes over its claim on the run (tests shorten it). */
  claim?: ClaimTiming;
  /** Integrations to leave out (default: all run); from `.github/scenarios.yml` in the Action. */
  integrations?: Partial<Integrations>;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

export interface RunContext {
  plan: Plan;
  ports: EnginePorts;
  options: RunOptions;
  run: RunRecord;
  /** Step records by plan index. */
  steps: Map<number, StepRecord>;
  /** Checkpoint commits on the branch by plan index (what git knows, even when the store does not). */
  checkpoints: Map<number, string>;
  /**
   * Steps that changed nothing (no commit of their own), by plan index, with the later commit whose
   * `Scenario-Unchanged` trailer records them.
   */
  unchanged: Map<number, string>;
  /** Steps done since the last commit that changed nothing: the next commit's `Scenario-Unchanged`. */
  unrecorded: number[];
  env: StepEnvironment;
}

export function newContext(
  plan: Plan,
  ports: EnginePorts,
  options: RunOptions,
  run: RunRecord,
  steps: StepRecord[] = [],
  branch: { checkpoints: Map<number, string>; unchanged: Map<number, string>; unrecorded: number[] } = {
    checkpoints: new Map(),
    unchanged: new Map(),
    unrecorded: [],
  },
): RunContext {
  return {
    plan,
    ports,
    options,
    run,
    steps: new Map(steps.map((s) => [s.index, s])),
    ...branch,
    env: stepEnvironment(options.env ?? process.env, options.secrets),
  };
}

export function lockKey(run: Pick<RunRecord, "repository" | "scenarioId" | "target">): string {
  return `${run.repository}#${run.scenarioId}#${run.target}`;
}

export function scenariosOf(plan: Plan): PlannedScenario[] {
  return [...plan.dependencies.required, plan.scenario];
}

export function stepAt(plan: Plan, index: number): PlannedStep {
  const step = plan.steps[index];
  if (!step) throw new Error(`plan of run ${plan.runId} has no step ${index}`);
  return step;
}

export function newStepRecord(ctx: RunContext, step: PlannedStep): StepRecord {
  return {
    runId: ctx.run.id,
    index: step.index,
    scenarioId: step.scenarioId,
    number: step.number,
    name: step.name,
    kind: step.kind,
    status: "pending",
  };
}

export async function saveStep(ctx: RunContext, step: StepRecord): Promise<void> {
  ctx.steps.set(step.index, step);
  await ctx.ports.store.saveStep(step);
}

export async function updateRun(
  ctx: RunContext,
  patch: Partial<Omit<RunRecord, "id" | "createdAt">>,
): Promise<void> {
  ctx.run = await ctx.ports.store.updateRun(ctx.run.id, patch);
}

export function sortedSteps(ctx: RunContext): StepRecord[] {
  return [...ctx.steps.values()].sort((a, b) => a.index - b.index);
}

/** What a reporter is told about a step: with the plan's size and the size of the step's scenario. */
export function stepEvent(ctx: RunContext, step: StepRecord): StepEvent {
  const scenario = scenariosOf(ctx.plan).find((s) => s.scenarioId === step.scenarioId);
  return {
    run: ctx.run,
    step,
    total: ctx.plan.steps.length,
    ...(scenario ? { of: scenario.stepIndexes.length } : {}),
  };
}
