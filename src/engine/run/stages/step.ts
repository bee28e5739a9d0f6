// Stage 4: one step. Done already (a row, or the branch for a step that is not manual): passed over,
// its row healed. A waiting manual step goes on once its checklist says so. Otherwise: its row
// `running`, its actions (or, for a manual step, its checklist published and the run paused), then its
// checkpoint (a commit when it changed something) and its row `succeeded`.
import type { PlannedStep } from "../../plan/plan.ts";
import type { StepRecord } from "../../ports.ts";
import { checkpoint } from "../checkpoint.ts";
import type { ActiveRun } from "../options.ts";

export type PassOutcome = "done" | "waiting";

/** How long a step that only writes files runs before its `running` row is written. */
const RUNNING_ROW_AFTER_MS = 200;

export async function runStep(run: ActiveRun, step: PlannedStep): Promise<PassOutcome> {
  const { journal, ports } = run;
  const known = journal.step(step.index);
  if (known?.status === "succeeded" || known?.status === "skipped") {
    await ports.reporter.stepRecovered?.(journal.event(known));
    return "done";
  }

  // Killed after the commit (its own, or the later one that carries a step that changed nothing) but
  // before the row: git already has it, so only the row is written. Never for a manual step: anyone
  // who can push to the branch can write a trailer, so only the checklist (TaskSink) or the store
  // says a person did it.
  const onBranch = journal.onBranch(step.index);
  if (onBranch && step.kind !== "manual") {
    const record: StepRecord = {
      ...(known ?? journal.newRecord(step)),
      status: "succeeded",
      finishedAt: known?.finishedAt ?? new Date(),
    };
    const own = journal.commitOf(step.index);
    if (own) record.commitSha = own;
    delete record.error;
    await journal.save(record);
    // The process that made the commit died before reporting it: its check run is still owed.
    await ports.reporter.stepFinished(journal.event(record));
    return "done";
  }

  if (known?.status === "waiting") {
    if (!(await ports.tasks.isDone(journal.run, known))) return "waiting";
    return close(run, step, { ...known, status: "running" }, "");
  }
  // A manual step on the branch but with no row (the store lost the run): its checklist decides.
  if (onBranch) {
    const record: StepRecord = { ...(known ?? journal.newRecord(step)), status: "running" };
    if (await ports.tasks.isDone(journal.run, record)) return close(run, step, record, "");
  }

  const record: StepRecord = { ...journal.newRecord(step), status: "running", startedAt: new Date() };
  // Known to the store before anything reaches outside the worktree (a shell block, a checklist): a
  // rollback after a crash must know the step began. A step that only writes files needs no such row;
  // it is written only if the step is still going after a moment, for those watching the run.
  if (worktreeOnly(step)) journal.saveLater(record, RUNNING_ROW_AFTER_MS);
  else await journal.save(record);
  await ports.reporter.stepStarted(journal.event(record));

  if (step.kind === "manual") {
    await ports.tasks.publish(journal.run, record, step.checklist);
    const waiting: StepRecord = { ...record, status: "waiting" };
    await journal.save(waiting);
    await ports.reporter.stepFinished(journal.event(waiting));
    return "waiting";
  }
  const output = step.kind === "checkpoint" ? "" : await run.blocks.actions(step.index, step.actions);
  return close(run, step, record, output);
}

/** The step's checkpoint (a commit when it changed something), then its row and its report. */
async function close(
  run: ActiveRun,
  step: PlannedStep,
  record: StepRecord,
  output: string,
): Promise<PassOutcome> {
  const sha = await checkpoint(run, step);
  const done: StepRecord = {
    ...record,
    status: "succeeded",
    finishedAt: new Date(),
    ...(output ? { outputTail: output } : {}),
  };
  delete done.error;
  delete done.commitSha;
  if (sha) done.commitSha = sha;
  // Its commit (or, for a step that only writes files, redoing it) makes up for a row a crash lost.
  if (worktreeOnly(step) || (sha && step.kind !== "manual")) run.journal.saveBehind(done);
  else await run.journal.save(done);
  await run.ports.reporter.stepFinished(run.journal.event(done));
  return "done";
}

/** A step whose only effects are files in its worktree: redone from the last checkpoint after a crash. */
function worktreeOnly(step: PlannedStep): boolean {
  return step.kind !== "manual" && step.actions.every((action) => action.type === "file");
}
