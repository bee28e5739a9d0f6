// The zero-server Action's side of the `/scenario` dialogue: the checkout's config and catalog, the
// job's store, and runs carried out right here in this job (there is no App to dispatch to). A run
// this job's store does not know is found the way a later job finds it: its branch on origin, the
// state marker in its pull request, and the bot's own comments on the issue.
import type { DialogueHost, RunControl } from "../../application/dialogue/host.ts";
import { runMarkerIn } from "../../application/dialogue/replies/plan.ts";
import { parseChecklist } from "../../command/index.ts";
import { newRunId, type RunRecord } from "../../engine/index.ts";
import { githubAuthoring } from "../../github/draft-branch.ts";
import { code, inline } from "../../markdown/index.ts";
import { lazyRunStore } from "../../store/lazy-run-store.ts";
import type { ActionContext, ActionResult } from "../commands/context.ts";
import { locateRun } from "../commands/rehydrate.ts";
import { runCommand } from "../commands/run.ts";
import { controlCommand } from "../commands/run-control.ts";
import { trustedRunMarker } from "../commands/trusted-marker.ts";

export interface ActionHost extends DialogueHost {
  /** What the last run or control this job carried out ended as (the Action's outputs). */
  readonly last: ActionResult | undefined;
}

export function actionHost(ctx: ActionContext): ActionHost {
  const { owner, repo } = ctx.runner;
  const gh = { owner, repo };
  // Opened only when a command needs a run (list, help and plans never do).
  const store = lazyRunStore(async () => (await ctx.store()).store);
  let last: ActionResult | undefined;
  const permissions = new Map<string, ReturnType<DialogueHost["permission"]>>();
  const sub = (inputs: Partial<ActionContext["inputs"]>): ActionContext => ({
    ...ctx,
    inputs: { ...ctx.inputs, ...inputs },
  });
  const carryOut = async (work: Promise<ActionResult>, say: (body: string) => Promise<void>) => {
    const result = await work;
    last = result;
    await say(outcomeLine(result));
    return !result.failure;
  };
  return {
    repository: `${owner}/${repo}`,
    store,
    newRunId: () => newRunId(ctx.now()),
    now: ctx.now,
    root: ctx.runner.workspace,
    get last() {
      return last;
    },
    repo: () => ctx.repo(),
    permission(login) {
      let pending = permissions.get(login);
      if (!pending) {
        pending = ctx.github.permission(login);
        permissions.set(login, pending);
      }
      return pending;
    },
    async forkOf(pullNumber) {
      const { data } = await ctx.octokit.rest.pulls.get({ ...gh, pull_number: pullNumber });
      const head = data.head.repo?.full_name;
      if (!head) return "a deleted fork";
      return head.toLowerCase() === `${owner}/${repo}`.toLowerCase() ? undefined : head;
    },
    async comment(issueNumber, body) {
      await ctx.github.issues.comment(issueNumber, body);
    },
    async react(commentId, content) {
      await ctx.octokit.rest.reactions.createForIssueComment({ ...gh, comment_id: commentId, content });
    },
    async findRun(runId, issueNumber) {
      const id = runId ?? (await latestRunOn(ctx, issueNumber));
      return id ? await runFromOrigin(ctx, store, id) : undefined;
    },
    start: (run, say) =>
      carryOut(
        runCommand(
          sub({
            command: "run",
            scenario: run.scenarioId,
            params: run.params,
            runId: run.id,
            ...(run.issueNumber ? { issueNumber: run.issueNumber } : {}),
          }),
        ),
        say,
      ),
    control: (run, action: RunControl, say) =>
      carryOut(
        controlCommand(action)(
          sub({
            command: action,
            runId: run.id,
            ...(run.issueNumber ? { issueNumber: run.issueNumber } : {}),
          }),
        ),
        say,
      ),
    authoring: githubAuthoring(ctx.github),
  };
}

/** The line that tells the commenter how it ended, in this job. */
function outcomeLine(result: ActionResult): string {
  const run = result.runId ? inline("run ", code(result.runId)) : "the run";
  const pr = result.pullRequest ? ` (pull request #${result.pullRequest})` : "";
  const why = result.failure ? `: ${result.failure}` : ".";
  const note = result.note ? `\n\n${result.note}` : "";
  return `${run} is ${result.status.replace("_", " ")}${pr}${why}${note}`;
}

/**
 * The newest run started from this issue, from the comments scenario-bot wrote there (its replies
 * carry a hidden run marker, its checklists a header): only comments by this job's own identity are
 * read, never a person's or another bot's, so nobody can point a maintainer's `/scenario rollback` at
 * another run.
 */
async function latestRunOn(ctx: ActionContext, issueNumber: number): Promise<string | undefined> {
  const own = await ctx.github.issues.ownComments(issueNumber);
  for (const c of own.reverse()) {
    const id = runMarkerIn(c.body) ?? parseChecklist(c.body)?.runId;
    if (id) return id;
  }
  return undefined;
}

/** The run as this job's store knows it, else as origin and the run's pull request show it. */
async function runFromOrigin(
  ctx: ActionContext,
  store: ActionHost["store"],
  runId: string,
): Promise<RunRecord | undefined> {
  const location = await locateRun(ctx, store, runId);
  if (location.stored) return location.stored;
  const { branch } = location;
  if (!branch) return undefined;
  const pulls = ctx.github.pulls;
  const pr = await pulls.findByHead(branch);
  const marker = pr ? await trustedRunMarker(ctx, pr, runId) : undefined;
  const { config } = await ctx.repo();
  const scenarioId = marker?.scenarioId ?? branch.slice(config.branchPrefix.length).split("/")[0] ?? "";
  const createdAt = marker ? new Date(marker.createdAt) : ctx.now();
  return {
    id: runId,
    scenarioId,
    params: marker?.params ?? {},
    // A run's own PR is closed only when the run was undone; otherwise it waits or runs on: the job
    // that moves it finds out which from the branch and the checklist.
    status: pr?.state === "closed" ? "rolled_back" : "waiting",
    repository: `${ctx.runner.owner}/${ctx.runner.repo}`,
    target: "",
    branch,
    baseBranch: marker?.baseBranch ?? "",
    ...(marker?.issueNumber ? { issueNumber: marker.issueNumber } : {}),
    ...(pr ? { pullRequest: pr.number } : {}),
    createdAt,
    updatedAt: createdAt,
  };
}
