// Before a job moves a run (resume, rollback, cancel): is another job driving it right now? Asked of
// GitHub, so it holds with or without a shared database (an embedded one knows nothing of the other
// job). Three signals, the first that exists from that job's start:
// 1. a dispatched job names the run in its workflow run's name (the scenario workflow's `run-name:`
//    is `scenario <command> <run-id>`): found among the workflow's dispatched runs in progress;
// 2. a job started by a comment (zero-server) made the run itself, so its name cannot hold the id:
//    its reply to the command links that job's workflow run as soon as the run starts;
// 3. check runs in progress with the run's id as external id (`<run>`, `<run>:<step>`) and the
//    workflow run as details link, on the run branch's commits (a workflow without `run-name:`).
import { runStatusOf } from "../../application/dialogue/replies/run-status.ts";
import type { RunStore } from "../../engine/ports.ts";
import { isCheckOfRun } from "../../github/check-runs.ts";
import { namesRun, workflowRunIdOf } from "../../github/workflow-runs.ts";
import type { ActionContext } from "./context.ts";
import type { RunLocation } from "./rehydrate.ts";

export interface LiveJob {
  workflowRunId: number;
  url: string;
}

export async function findLiveJob(
  ctx: ActionContext,
  store: RunStore,
  runId: string,
  location: RunLocation,
): Promise<LiveJob | undefined> {
  const self = Number(ctx.env.GITHUB_RUN_ID);
  const runs = ctx.github.workflowRuns;
  const { config } = await ctx.repo();
  for (const w of await runs.dispatchedInProgress(config.workflow)) {
    if (w.id !== self && namesRun(w.title, runId)) return { workflowRunId: w.id, url: w.url };
  }
  const seen = new Set([self]);
  for await (const id of linkedWorkflowRuns(ctx, store, runId, location)) {
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    // A link left by a job that was killed (or that has ended) names a workflow run that has finished.
    const unfinished = await runs.unfinished(id);
    if (unfinished) return { workflowRunId: id, url: unfinished.url };
  }
  return undefined;
}

/** Workflow runs the run's reply and its in-progress check runs link, most likely first. */
async function* linkedWorkflowRuns(
  ctx: ActionContext,
  store: RunStore,
  runId: string,
  location: RunLocation,
): AsyncGenerator<number | undefined> {
  const { stored, branch, heads } = location;
  const issue = stored?.issueNumber ?? ctx.inputs.issueNumber;
  if (issue) {
    // Only scenario-bot's own reply: anyone could post a copy linking some other workflow run.
    const reply = await ctx.github.issues.findOwnComment(issue, `<!-- scenario-bot run:${runId} -->`);
    const status = reply ? runStatusOf(reply.body) : undefined;
    if (status?.running) yield workflowRunIdOf(status.runUrl);
  }
  // Whatever the store says: a job that has just recorded its run waiting is still reporting it.
  const steps = stored ? await store.listSteps(runId) : [];
  const refs = [
    // The branch's head as origin has it: a branch not pushed yet has nothing running on it.
    branch ? heads.get(branch) : undefined,
    ...steps.map((s) => s.commitSha).reverse(),
  ].filter((ref): ref is string => Boolean(ref));
  for (const ref of new Set(refs)) {
    let open: Awaited<ReturnType<ActionContext["github"]["checks"]["inProgress"]>>;
    try {
      open = await ctx.github.checks.inProgress(ref);
    } catch (error) {
      // A commit GitHub does not have (pushed elsewhere, or gone): nothing runs there.
      if ([404, 422].includes((error as { status?: number }).status ?? 0)) continue;
      throw error;
    }
    for (const check of open) {
      if (isCheckOfRun(check.externalId, runId)) yield workflowRunIdOf(check.detailsUrl);
    }
  }
}
