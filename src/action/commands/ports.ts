// The engine's ports as the Action builds them: the checkout pushing to origin, the store, check
// runs and the PR, the issue checklist.
import type { EnginePorts, RunStore, StepRecord } from "../../engine/ports.ts";
import { CheckRuns } from "../../github/check-runs.ts";
import { GITHUB_ACTIONS_LOGIN } from "../../github/issues.ts";
import { GitWorkspace } from "../../local/git-workspace.ts";
import { ChecksReporter } from "../adapters/checks-reporter.ts";
import { IssueTaskSink } from "../adapters/issue-task-sink.ts";
import { OutageTolerantReporter } from "../adapters/outage-tolerant-reporter.ts";
import { PushingWorkspace } from "../adapters/pushing-workspace.ts";
import { ReplyStatusReporter } from "../adapters/reply-status-reporter.ts";
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
): Promise<EnginePorts & { workspace: PushingWorkspace; notes: string[] }> {
  const { owner, repo, workspace: root } = ctx.runner;
  /** What the job summary must say beyond the run itself (a pull request GitHub refused). */
  const notes: string[] = [];
  const { config } = await ctx.repo();
  const inner = await GitWorkspace.open({
    repo: root,
    runId,
    fallbackIdentity: BOT_IDENTITY,
    dependencies: config.dependencies,
  });
  const workspace = new PushingWorkspace({ inner, repo: root, log: (m) => ctx.io.info(m) });
  const gh = { octokit: ctx.octokit, owner, repo };
  // The job's one client of issues and pull requests: bodies past GitHub's limit are cut, whole in the log.
  const { issues, pulls } = ctx.github;
  const tasks = new IssueTaskSink({
    issues,
    store,
    links: ctx.links,
    log: (m) => ctx.io.info(m),
  });
  const checks = new ChecksReporter({
    checks: new CheckRuns({ ...gh, ...(ctx.runner.runUrl ? { detailsUrl: ctx.runner.runUrl } : {}) }),
    pulls,
    store,
    links: ctx.links,
    headSha: () => workspace.headSha(),
    checklistUrl: () => tasks.checklistUrl,
    ...(whereOf ? { whereOf } : {}),
    ...(ctx.runner.runUrl ? { runUrl: ctx.runner.runUrl } : {}),
    closeStaleChecks: ctx.inputs.command !== "run",
    warn: (m) => ctx.io.warning(m),
    // GITHUB_TOKEN acts as github-actions: presses of its buttons would reach no one.
    buttons: async () => (await issues.viewerLogin().catch(() => "")) !== GITHUB_ACTIONS_LOGIN,
    pullRequestRefused: (message) => {
      notes.push(message);
      ctx.io.warning(message);
    },
  });
  const tolerant = new OutageTolerantReporter({ inner: checks, warn: (m) => ctx.io.warning(m) });
  const replying = new ReplyStatusReporter({
    inner: tolerant,
    issues,
    links: ctx.links,
    ...(ctx.inputs.issueNumber ? { issueNumber: ctx.inputs.issueNumber } : {}),
    checklistUrl: () => tasks.checklistUrl,
    notes,
    ...(ctx.runner.runUrl ? { runUrl: ctx.runner.runUrl } : {}),
    warn: (m) => ctx.io.warning(m),
  });
  const reporter = new RunnerLogReporter({
    inner: replying,
    info: (m) => ctx.io.info(m),
    group: { start: (name) => ctx.io.startGroup(name), end: () => ctx.io.endGroup() },
  });
  return { workspace, store, reporter, tasks, notes };
}
