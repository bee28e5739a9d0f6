// `scenario test`: one scenario run to its end by the engine, as a real run goes (its own branch,
// checkpoints, checks), with manual steps treated as ticked; then rolled back by the engine, and the
// rollback steps' tree compared with the base commit before the reset. The caller gives ports on a
// throwaway copy of the repository and a store of its own: nothing here is the user's.
import type { Catalog } from "../../engine/plan/build-plan.ts";
import type { Plan } from "../../engine/plan/plan.ts";
import type { Reporter, RunRecord, RunStore, StepRecord, Workspace } from "../../engine/ports.ts";
import { type ExecuteOptions, executeRun } from "../../engine/run/execute.ts";
import { resumeRun } from "../../engine/run/resume.ts";
import { rollbackRun } from "../../engine/run/rollback.ts";
import type { Layout } from "../../scenario/layout.ts";
import { RecordingReporter } from "./recording-reporter.ts";
import { assess, type SelfTestReport } from "./report.ts";
import { TickedTasks } from "./ticked-tasks.ts";

export interface SelfTestInput {
  plan: Plan;
  catalog: Catalog;
  workspace: Workspace;
  store: RunStore;
  /** Where step progress goes (a console, a log). */
  progress: Reporter;
  options: ExecuteOptions;
  /** The layout the plan was built with: resuming and rolling back rebuild it with the same paths. */
  layout?: Readonly<Layout>;
  /** A look at the run once it has ended and before it is rolled back (what it left on its branch). */
  beforeRollback?: (ended: RunRecord, steps: StepRecord[]) => Promise<void>;
}

export async function selfTest(input: SelfTestInput): Promise<SelfTestReport> {
  const { plan, store, workspace } = input;
  const catalog = input.catalog;
  const layout = input.layout ? { layout: input.layout } : {};
  const reporter = new RecordingReporter(input.progress);
  const tasks = new TickedTasks(store);
  const ports = { workspace, store, reporter, tasks };
  // The execution log is the engine's line in the repository, not the document's to undo.
  const options: ExecuteOptions = {
    ...input.options,
    integrations: { ...input.options.integrations, executionLog: false },
  };
  let ended: RunRecord = await executeRun(plan, ports, options);
  // Each resume goes past at least one manual step: a plan has no more rounds than steps.
  for (let round = 0; ended.status === "waiting" && round < plan.steps.length; round++)
    ended = await resumeRun(ended.id, ports, { ...options, catalog, ...layout });
  const steps = await store.listSteps(ended.id);
  await input.beforeRollback?.(ended, steps);
  const final = reporter.rollback
    ? ended
    : await rollbackRun(ended.id, ports, {
        ...options,
        catalog,
        ...layout,
        reason: `scenario test: rolled back after the run (${ended.status})`,
      });
  return assess({
    plan,
    ended,
    final,
    steps,
    conditions: reporter.conditions,
    rollback: reporter.rollback,
    ticked: tasks.ticked,
    leftManual: tasks.leftManual,
  });
}
