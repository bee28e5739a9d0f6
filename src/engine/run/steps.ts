// The forward pass: each scenario of the plan (required dependencies first) gets its idempotent
// skip check, its pre-conditions, its steps with a checkpoint after each, and its post-validation.
// Everything already done (store row or checkpoint trailer) is skipped, so the same pass resumes.
import type { PlannedScenario, PlannedStep } from "../plan/plan.ts";
import type { StepRecord } from "../ports.ts";
import { runActions } from "./actions.ts";
import { checkpoint } from "./checkpoint.ts";
import { checkConditions, dependencyHolds, sameCheck } from "./conditions.ts";
import { newStepRecord, type RunContext, saveStep, stepAt, stepEvent } from "./context.ts";

export type PassOutcome = "done" | "waiting";

/** Per scenario: skipped (its post-validation already held before any change) or run. */
type Verdicts = Map<PlannedScenario, "skip" | "run">;

export async function runScenarios(ctx: RunContext, scenarios: PlannedScenario[]): Promise<PassOutcome> {
  const verdicts: Verdicts = startedAny(ctx, scenarios) ? new Map() : await preflight(ctx, scenarios);
  let changedBefore = false;
  for (const scenario of scenarios) {
    if ((await runScenario(ctx, scenario, verdicts, changedBefore)) === "waiting") return "waiting";
    changedBefore ||= !scenario.stepIndexes.every((i) => ctx.steps.get(i)?.status === "skipped");
  }
  return "done";
}

/**
 * Before the first change: which required dependencies are skipped, and every pre-condition of every
 * scenario that runs, except one that a dependency running before it establishes (the same check is
 * in that dependency's post-validation): that one is checked after the dependency. A failure here
 * stops the run with nothing changed.
 */
async function preflight(ctx: RunContext, scenarios: PlannedScenario[]): Promise<Verdicts> {
  const verdicts: Verdicts = new Map();
  const running: PlannedScenario[] = [];
  for (const scenario of scenarios) {
    if (scenario !== ctx.plan.scenario && (await dependencyHolds(ctx, scenario))) {
      verdicts.set(scenario, "skip");
      continue;
    }
    verdicts.set(scenario, "run");
    await checkConditions(ctx, scenario, "pre-condition", {
      beforeAnyChange: true,
      skip: (condition) => {
        const by = running.find((r) => r.postValidation.some((p) => sameCheck(p.check, condition.check)));
        return by && `is checked after ${by.scenarioId} has run`;
      },
    });
    running.push(scenario);
  }
  return verdicts;
}

function startedAny(ctx: RunContext, scenarios: PlannedScenario[]): boolean {
  return scenarios.some((s) => started(ctx, s));
}

function started(ctx: RunContext, scenario: PlannedScenario): boolean {
  return scenario.stepIndexes.some((i) => {
    const status = ctx.steps.get(i)?.status;
    return (status !== undefined && status !== "pending") || ctx.checkpoints.has(i);
  });
}

async function runScenario(
  ctx: RunContext,
  scenario: PlannedScenario,
  verdicts: Verdicts,
  changedBefore: boolean,
): Promise<PassOutcome> {
  const isDependency = scenario !== ctx.plan.scenario;
  if (!started(ctx, scenario)) {
    const verdict = verdicts.get(scenario);
    // Decided before any change, unless an earlier scenario has changed things since.
    const skip =
      verdict === "skip" ||
      (isDependency && (verdict === undefined || changedBefore) && (await dependencyHolds(ctx, scenario)));
    if (skip) {
      await skipScenario(ctx, scenario, "its post-validation already holds");
      return "done";
    }
    // Checked in the preflight when nothing had changed before this scenario.
    if (verdict === undefined || changedBefore) await checkConditions(ctx, scenario, "pre-condition");
  }
  for (const index of scenario.stepIndexes) {
    if ((await runStep(ctx, stepAt(ctx.plan, index))) === "waiting") return "waiting";
  }
  if (scenario.stepIndexes.every((i) => ctx.steps.get(i)?.status === "skipped")) return "done";
  await checkConditions(ctx, scenario, "post-validation");
  return "done";
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
    await ctx.ports.reporter.stepFinished(stepEvent(ctx, record));
  }
}

async function runStep(ctx: RunContext, step: PlannedStep): Promise<PassOutcome> {
  const known = ctx.steps.get(step.index);
  if (known?.status === "succeeded" || known?.status === "skipped") {
    await ctx.ports.reporter.stepRecovered?.(stepEvent(ctx, known));
    return "done";
  }

  // Killed after the commit (its own, or the later one that carries a step that changed nothing) but
  // before the row: git already has it, so only the row is written. Never for a manual step: anyone
  // who can push to the branch can write a trailer, so only the checklist (TaskSink) or the store
  // says a person did it.
  const onBranch = ctx.checkpoints.has(step.index) || ctx.unchanged.has(step.index);
  if (onBranch && step.kind !== "manual") {
    const record: StepRecord = {
      ...(known ?? newStepRecord(ctx, step)),
      status: "succeeded",
      finishedAt: known?.finishedAt ?? new Date(),
    };
    const own = ctx.checkpoints.get(step.index);
    if (own) record.commitSha = own;
    delete record.error;
    await saveStep(ctx, record);
    // The process that made the commit died before reporting it: its check run is still owed.
    await ctx.ports.reporter.stepFinished(stepEvent(ctx, record));
    return "done";
  }

  if (known?.status === "waiting") {
    if (!(await ctx.ports.tasks.isDone(ctx.run, known))) return "waiting";
    return close(ctx, step, { ...known, status: "running" }, "");
  }
  // A manual step on the branch but with no row (the store lost the run): its checklist decides.
  if (onBranch) {
    const record: StepRecord = { ...(known ?? newStepRecord(ctx, step)), status: "running" };
    if (await ctx.ports.tasks.isDone(ctx.run, record)) return close(ctx, step, record, "");
  }

  const record: StepRecord = { ...newStepRecord(ctx, step), status: "running", startedAt: new Date() };
  await saveStep(ctx, record);
  await ctx.ports.reporter.stepStarted(stepEvent(ctx, record));

  if (step.kind === "manual") {
    await ctx.ports.tasks.publish(ctx.run, record, step.checklist);
    const waiting: StepRecord = { ...record, status: "waiting" };
    await saveStep(ctx, waiting);
    await ctx.ports.reporter.stepFinished(stepEvent(ctx, waiting));
    return "waiting";
  }
  const output = step.kind === "checkpoint" ? "" : await runActions(ctx, step.index, step.actions);
  return close(ctx, step, record, output);
}

/** The step's checkpoint (a commit when it changed something), then its row and its report. */
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
    finishedAt: new Date(),
    ...(output ? { outputTail: output } : {}),
  };
  delete done.error;
  delete done.commitSha;
  if (sha) done.commitSha = sha;
  await saveStep(ctx, done);
  await ctx.ports.reporter.stepFinished(stepEvent(ctx, done));
  return "done";
}
