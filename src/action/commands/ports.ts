// The engine's ports as the Action builds them: the checkout pushing to origin, the store, check
// runs and the PR, the issue checklist.
import type { EnginePorts, RunStore, StepRecord } from "../../engine/ports.ts";
import { CheckRuns } from "../../github/check-runs.ts";
import { Issues } from "../../github/issues.ts";
import { PullRequests } from "../../github/pull-request.ts";
import { GitWorkspace } from "../../local/git-workspace.ts";
import { ChecksReporter } from "../adapters/checks-reporter.ts";
import { IssueTaskSink } from "../adapters/issue-task-sink.ts";
import { OutageTolerantReporter } from "../adapters/outage-tolerant-reporter.ts";
import { PushingWorkspace } from "../adapters/pushing-workspace.ts";
import { RunnerLogReporter } from "../adapters/runner-log-reporter.ts";
import type { ActionContext } from "./context.ts";

/** Who commits on a runner when the checkout has no identity configured. */
export const BOT_IDENTITY = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com",
};

export async function actionPorts(
  ctx: ActionContext,
  store: RunStore,
  runId: string,
  whereOf?: (step: StepRecord) => string | undefined,
): Promise<EnginePorts & { workspace: PushingWorkspace }> {
  const { owner, repo, workspace: root } = ctx.runner;
  const { config } = await ctx.repo();
  const inner = await GitWorkspace.open({
    repo: root,
    runId,
    fallbackIdentity: BOT_IDENTITY,
    dependencies: config.dependencies,
  });
  const workspace = new PushingWorkspace({ inner, repo: root, log: (m) => ctx.io.info(m) });
  const gh = { octokit: ctx.octokit, owner, repo };
  const tasks = new IssueTaskSink({
    issues: new Issues(gh),
    store,
    links: ctx.links,
    log: (m) => ctx.io.info(m),
  });
  const checks = new ChecksReporter({
    checks: new CheckRuns({ ...gh, ...(ctx.runner.runUrl ? { detailsUrl: ctx.runner.runUrl } : {}) }),
    pulls: new PullRequests(gh),
    store,
    links: ctx.links,
    headSha: () => workspace.headSha(),
    checklistUrl: () => tasks.checklistUrl,
    ...(whereOf ? { whereOf } : {}),
    ...(ctx.runner.runUrl ? { runUrl: ctx.runner.runUrl } : {}),
    closeStaleChecks: ctx.inputs.command !== "run",
  });
  const tolerant = new OutageTolerantReporter({ inner: checks, warn: (m) => ctx.io.warning(m) });
  const reporter = new RunnerLogReporter({ inner: tolerant, info: (m) => ctx.io.info(m) });
  return { workspace, store, reporter, tasks };
}
