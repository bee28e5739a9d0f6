// Before a job moves a run (resume, rollback, cancel): is another job driving it right now? Such a job
// keeps check runs in progress with the run's id as external id (`<run>`, `<run>:<step>`) and its
// workflow run as details link, on the commit it works from: the branch head while a step runs, the
// commit the run started from before its first step. Asked of GitHub, so it holds with or without a
// shared database (an embedded one knows nothing of the other job).
import type { RunStore } from "../../engine/ports.ts";
import { CheckRuns, isCheckOfRun } from "../../github/check-runs.ts";
import { WorkflowRuns, workflowRunIdOf } from "../../github/workflow-runs.ts";
import type { ActionContext } from "./context.ts";
import type { RunLocation } from "./rehydrate.ts";
import { baseBranch } from "./run.ts";

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
  // Whatever the store says: a job that has just recorded its run waiting is still reporting it.
  const { stored, branch, heads } = location;
  const steps = stored ? await store.listSteps(runId) : [];
  const refs = [
    // The branch's head as origin has it: a branch not pushed yet has nothing running on it.
    branch ? heads.get(branch) : undefined,
    ...steps.map((s) => s.commitSha).reverse(),
    stored?.baseSha,
    baseBranch(ctx),
  ].filter((ref): ref is string => Boolean(ref));
  const gh = { octokit: ctx.octokit, owner: ctx.runner.owner, repo: ctx.runner.repo };
  const checks = new CheckRuns(gh);
  const runs = new WorkflowRuns(gh);
  const seen = new Set([Number(ctx.env.GITHUB_RUN_ID)]);
  for (const ref of new Set(refs)) {
    let open: Awaited<ReturnType<CheckRuns["inProgress"]>>;
    try {
      open = await checks.inProgress(ref);
    } catch (error) {
      // A commit GitHub does not have (pushed elsewhere, or gone): nothing runs there.
      if ([404, 422].includes((error as { status?: number }).status ?? 0)) continue;
      throw error;
    }
    for (const check of open) {
      if (!isCheckOfRun(check.externalId, runId)) continue;
      const id = workflowRunIdOf(check.detailsUrl);
      if (id === undefined || seen.has(id)) continue;
      seen.add(id);
      // A check left in progress by a job that was killed names a workflow run that has finished.
      const unfinished = await runs.unfinished(id);
      if (unfinished) return { workflowRunId: id, url: unfinished.url };
    }
  }
  return undefined;
}
