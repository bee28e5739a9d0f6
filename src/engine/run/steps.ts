// The forward pass: each scenario of the plan (required dependencies first) gets its idempotent
// skip check, its pre-conditions, its steps with a checkpoint after each, and its post-validation.
// Everything already done (store row or checkpoint trailer) is skipped, so the same pass resumes.
import { RunCancelledError } from "../errors.ts";
import type { PlannedCondition, PlannedScenario, PlannedStep } from "../plan/plan.ts";
import type { StepRecord } from "../ports.ts";
import { runActions, shellOutcome } from "./actions.ts";
import { checkpoint } from "./checkpoint.ts";
import { newStepRecord, type RunContext, saveStep, stepAt } from "./context.ts";
import { tail } from "./env.ts";

export type PassOutcome = "done" | "waiting";

/** A scenario-level condition failed (pre-condition or post-validation): no step to blame. */
export class ConditionFailedError extends Error {
  override name = "ConditionFailedError";
  readonly scenarioId: string;
  readonly phase: "pre-condition" | "post-validation";
  readonly outputTail: string;
  constructor(
    scenarioId: string,
    phase: "pre-condition" | "post-validation",
    text: string,
    outputTail: string,
  ) {
    super(`${scenarioId}: ${phase} "${text}" does not hold`);
    this.scenarioId = scenarioId;
    this.phase = phase;
    this.outputTail = outputTail;
  }
}

export async function runScenarios(ctx: RunContext, scenarios: PlannedScenario[]): Promise<PassOutcome> {
  for (const scenario of scenarios) {
    if ((await runScenario(ctx, scenario)) === "waiting") return "waiting";
  }
  return "done";
}

async function runScenario(ctx: RunContext, scenario: PlannedScenario): Promise<PassOutcome> {
  const isDependency = scenario !== ctx.plan.scenario;
  const started = scenario.stepIndexes.some((i) => {
    const status = ctx.steps.get(i)?.status;
    return (status !== undefined && status !== "pending") || ctx.checkpoints.has(i);
  });
  if (!started) {
    if (isDependency && (await alreadyHolds(ctx, scenario))) {
      await skipScenario(ctx, scenario, "its post-validation already holds");
      return "done";
    }
    await checkConditions(ctx, scenario.scenarioId, "pre-condition", scenario.preConditions);
  }
  for (const index of scenario.stepIndexes) {
    if ((await runStep(ctx, stepAt(ctx.plan, index))) === "waiting") return "waiting";
  }
  if (scenario.stepIndexes.every((i) => ctx.steps.get(i)?.status === "skipped")) return "done";
  await checkConditions(ctx, scenario.scenarioId, "post-validation", scenario.postValidation);
  return "done";
}

async function alreadyHolds(ctx: RunContext, scenario: PlannedScenario): Promise<boolean> {
  const checks = scenario.postValidation.filter((c) => c.check);
  if (!checks.length) return false;
  for (const condition of checks) {
    if (!condition.check || !(await shellOutcome(ctx, condition.check)).ok) return false;
  }
  return true;
}

async function skipScenario(ctx: RunContext, scenario: PlannedScenario, reason: string): Promise<void> {
  ctx.ports.reporter.log(`${scenario.scenarioId}: skipped, ${reason}`);
  for (const index of scenario.stepIndexes) {
    const record: StepRecord = {
      ...newStepRecord(ctx, stepAt(ctx.plan, index)),
      status: "skipped",
      error: `${scenario.scenarioId}: ${reason}`,
    };
    await saveStep(ctx, record);
    await ctx.ports.reporter.stepFinished({ run: ctx.run, step: record, total: ctx.plan.steps.length });
  }
}

async function checkConditions(
  ctx: RunContext,
  scenarioId: string,
  phase: "pre-condition" | "post-validation",
  conditions: PlannedCondition[],
): Promise<void> {
  for (const condition of conditions) {
    if (!condition.check) continue;
    const outcome = await shellOutcome(ctx, condition.check);
    if (outcome.result.cancelled)
      throw new RunCancelledError(`cancelled during ${phase} "${condition.text}"`);
    if (!outcome.ok) throw new ConditionFailedError(scenarioId, phase, condition.text, tail(outcome.output));
    ctx.ports.reporter.log(`${scenarioId}: ${phase} holds: ${condition.text}`);
  }
}

async function runStep(ctx: RunContext, step: PlannedStep): Promise<PassOutcome> {
  const total = ctx.plan.steps.length;
  const known = ctx.steps.get(step.index);
  if (known?.status === "succeeded" || known?.status === "skipped") {
    await ctx.ports.reporter.stepRecovered?.({ run: ctx.run, step: known, total });
    return "done";
  }

  // Killed after the commit but before the row: git already has it, so only the row is written. Never
  // for a manual step: anyone who can push to the branch can write a trailer, so only the checklist
  // (TaskSink) or the store says a person did it.
  const committed = step.kind === "manual" ? undefined : ctx.checkpoints.get(step.index);
  if (committed) {
    const record: StepRecord = {
      ...(known ?? newStepRecord(ctx, step)),
      status: "succeeded",
      commitSha: committed,
      finishedAt: known?.finishedAt ?? new Date(),
    };
    delete record.error;
    await saveStep(ctx, record);
    // The process that made the commit died before reporting it: its check run is still owed.
    await ctx.ports.reporter.stepFinished({ run: ctx.run, step: record, total });
    return "done";
  }

  if (known?.status === "waiting") {
    if (!(await ctx.ports.tasks.isDone(ctx.run, known))) return "waiting";
    return close(ctx, step, { ...known, status: "running" }, "");
  }
  // A manual step with a checkpoint but no row (the store lost the run): its checklist decides.
  if (step.kind === "manual" && ctx.checkpoints.has(step.index)) {
    const record: StepRecord = { ...(known ?? newStepRecord(ctx, step)), status: "running" };
    if (await ctx.ports.tasks.isDone(ctx.run, record)) return close(ctx, step, record, "");
  }

  const record: StepRecord = { ...newStepRecord(ctx, step), status: "running", startedAt: new Date() };
  await saveStep(ctx, record);
  await ctx.ports.reporter.stepStarted({ run: ctx.run, step: record, total });

  if (step.kind === "manual") {
    await ctx.ports.tasks.publish(ctx.run, record, step.checklist);
    const waiting: StepRecord = { ...record, status: "waiting" };
    await saveStep(ctx, waiting);
    await ctx.ports.reporter.stepFinished({ run: ctx.run, step: waiting, total });
    return "waiting";
  }
  const output = step.kind === "checkpoint" ? "" : await runActions(ctx, step.index, step.actions);
  return close(ctx, step, record, output);
}

async function close(
  ctx: RunContext,
  step: PlannedStep,
  record: StepRecord,
  output: string,
): Promise<PassOutcome> {
  const sha = await checkpoint(ctx, step);
  const done: StepRecord = {
    ...record,
    status: "succeeded",
    commitSha: sha,
    finishedAt: new Date(),
    ...(output ? { outputTail: output } : {}),
  };
  delete done.error;
  await saveStep(ctx, done);
  await ctx.ports.reporter.stepFinished({ run: ctx.run, step: done, total: ctx.plan.steps.length });
  return "done";
}
