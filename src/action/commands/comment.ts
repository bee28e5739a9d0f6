// Zero-server mode: the workflow runs on `issue_comment` and the action does what the App would.
// A new comment: its `/scenario` lines, each checked against the commenter's permission the same way
// (src/command's policy over `role_name`), run in this job. An edited checklist comment: a tick by
// someone allowed resumes the run once the step is done; a tick by anyone else is reverted.
import {
  type CollaboratorPermission,
  type Command,
  decide,
  diffChecklists,
  isMutating,
  type PermissionPolicy,
  parseChecklist,
  parseComment,
  setItems,
  stepDone,
} from "../../command/index.ts";
import { buildPlan, formatPlan, newRunId } from "../../engine/index.ts";
import { Issues } from "../github/issues.ts";
import { helpReply, listReply, suggestReply } from "./comment-info.ts";
import type { ActionContext, ActionResult } from "./context.ts";
import { readRepoConfig } from "./repo-config.ts";
import { runCommand } from "./run.ts";
import { controlCommand } from "./run-control.ts";
import { loadRunnableCatalog } from "./run-support.ts";

interface CommentPayload {
  action?: string;
  comment?: { id: number; body?: string | null; user?: { login: string; type: string } };
  issue?: { number: number; pull_request?: unknown };
  sender?: { login: string; type: string };
  changes?: { body?: { from?: string } };
}

export async function commentCommand(ctx: ActionContext): Promise<ActionResult> {
  const payload = ctx.runner.payload as CommentPayload;
  const { comment, issue, sender } = payload;
  if (!comment || !issue || !sender) return ignored(ctx, "the event has no comment");
  if (sender.type === "Bot") return ignored(ctx, "comments and edits by bots never act");
  if (payload.action === "edited") return checklistEdited(ctx, payload);
  if (payload.action !== "created")
    return ignored(ctx, `comment ${payload.action ?? "event"} is not a command`);
  const commands = parseComment(comment.body ?? "");
  if (commands.length === 0) return ignored(ctx, "the comment has no /scenario command");

  const gh = { owner: ctx.runner.owner, repo: ctx.runner.repo };
  const issues = new Issues({ octokit: ctx.octokit, ...gh });
  await ctx.octokit.rest.reactions.createForIssueComment({ ...gh, comment_id: comment.id, content: "eyes" });
  const policy = await repoPolicy(ctx);
  const level = await permissionOf(ctx, sender.login);
  const fork = issue.pull_request ? await fromFork(ctx, issue.number) : false;
  let last: ActionResult = { status: "ignored" };
  for (const command of commands) {
    const reply = (text: string) => issues.comment(issue.number, `> ${command.text}\n\n${text}`);
    if (command.kind === "invalid") {
      await reply(`❌ ${command.error.message}`);
      continue;
    }
    if (isMutating(command)) {
      if (fork) {
        await reply(
          "❌ Runs are not started from pull requests from forks: the run would push to this repository. Ask a maintainer to run it from an issue.",
        );
        last = { status: "refused" };
        continue;
      }
      const scenarioRef = command.kind === "run" ? await scenarioRefOf(ctx, command.scenarioId) : undefined;
      const decision = decide(policy, level, sender.login, verbOf(command), scenarioRef);
      if (!decision.allowed) {
        await reply(`❌ ${decision.reason}`);
        last = { status: "refused" };
        continue;
      }
    }
    last = await perform(ctx, command, issue.number, reply);
  }
  if (last.runId) {
    await ctx.octokit.rest.reactions.createForIssueComment({
      ...gh,
      comment_id: comment.id,
      content: "rocket",
    });
  }
  return last;
}

async function perform(
  ctx: ActionContext,
  command: Exclude<Command, { kind: "invalid" }>,
  issueNumber: number,
  reply: (text: string) => Promise<unknown>,
): Promise<ActionResult> {
  const sub = (inputs: Partial<ActionContext["inputs"]>): ActionContext => ({
    ...ctx,
    inputs: { ...ctx.inputs, ...inputs, issueNumber },
  });
  switch (command.kind) {
    case "run":
    case "plan": {
      const catalog = await loadRunnableCatalog(ctx);
      const runId = newRunId(ctx.now());
      // Build the plan first: a bad parameter gets its reply before anything runs.
      let plan: ReturnType<typeof buildPlan>;
      try {
        plan = buildPlan({
          catalog,
          scenarioId: command.scenarioId,
          rawParams: command.params,
          runId,
          now: ctx.now(),
          root: ctx.runner.workspace,
        });
      } catch (error) {
        await reply(`❌ ${(error as Error).message}`);
        return { status: "refused", failure: (error as Error).message };
      }
      if (command.kind === "plan" || command.dryRun) {
        await reply(`Plan (nothing was run):\n\n\`\`\`\n${formatPlan(plan)}\n\`\`\``);
        return { status: "planned" };
      }
      await reply(
        `🚀 Starting run \`${runId}\` of \`${command.scenarioId}\` on \`${plan.branch}\`${ctx.runner.runUrl ? ` ([log](${ctx.runner.runUrl}))` : ""}.`,
      );
      return runCommand(sub({ command: "run", scenario: command.scenarioId, params: command.params, runId }));
    }
    case "resume":
    case "rollback":
    case "cancel": {
      const runId = command.runId ?? (await latestRunOn(ctx, issueNumber));
      if (!runId) {
        await reply(`❌ No run found on this issue; give its id: \`/scenario ${command.kind} <run-id>\`.`);
        return { status: "refused" };
      }
      return controlCommand(command.kind)(sub({ command: command.kind, runId }));
    }
    case "list":
      await reply(listReply(await loadRunnableCatalog(ctx), command.objectType));
      return { status: "answered" };
    case "help":
      await reply(helpReply(await loadRunnableCatalog(ctx), command.scenarioId));
      return { status: "answered" };
    case "suggest":
      await reply(suggestReply(await loadRunnableCatalog(ctx), command.query));
      return { status: "answered" };
    default:
      await reply(
        `\`/scenario ${command.kind}\` is answered by the scenario-bot App. Without it, this workflow handles run, plan, list, help, suggest, resume, rollback and cancel; \`npx scenario ${command.kind}\` works locally.`,
      );
      return { status: "ignored" };
  }
}

/** An edit of the run's checklist comment: resume when a step's items are all ticked by someone allowed. */
async function checklistEdited(ctx: ActionContext, payload: CommentPayload): Promise<ActionResult> {
  const { comment, issue, sender } = payload as Required<
    Pick<CommentPayload, "comment" | "issue" | "sender">
  > &
    CommentPayload;
  const body = comment.body ?? "";
  const checklist = parseChecklist(body);
  if (!checklist) return ignored(ctx, "the edited comment is not a run checklist");
  // Only checklists this action's identity wrote count; anyone can type the markers into their own comment.
  if (comment.user?.type !== "Bot") return ignored(ctx, "the checklist was not written by scenario-bot");
  const issues = new Issues({ octokit: ctx.octokit, owner: ctx.runner.owner, repo: ctx.runner.repo });
  if (comment.user.login !== (await issues.viewerLogin()))
    return ignored(ctx, "the checklist was not written by this workflow's token");
  const diff = diffChecklists(payload.changes?.body?.from ?? "", body);
  if (diff.ticked.length === 0) return ignored(ctx, "no item was ticked");
  const policy = await repoPolicy(ctx);
  const decision = decide(
    policy,
    await permissionOf(ctx, sender.login),
    sender.login,
    "tick a run's checklist",
    await scenarioRefOf(ctx, checklist.scenarioId),
  );
  if (!decision.allowed) {
    // Re-read before rewriting, so ticks made meanwhile by others stay.
    const current = await issues.getComment(comment.id);
    await issues.editComment(comment.id, setItems(current.body, diff.ticked, false));
    await issues.comment(issue.number, `❌ ${decision.reason} The tick was reverted.`);
    return { status: "refused" };
  }
  const steps = [...new Set(diff.ticked.map((t) => t.step))];
  if (!steps.some((step) => stepDone(checklist, step)))
    return ignored(ctx, "the step still has unticked items");
  return controlCommand("resume")({
    ...ctx,
    inputs: { ...ctx.inputs, command: "resume", runId: checklist.runId, issueNumber: issue.number },
  });
}

async function repoPolicy(ctx: ActionContext): Promise<PermissionPolicy> {
  return (await readRepoConfig(ctx)).policy;
}

async function permissionOf(ctx: ActionContext, username: string): Promise<CollaboratorPermission> {
  const { data } = await ctx.octokit.rest.repos.getCollaboratorPermissionLevel({
    owner: ctx.runner.owner,
    repo: ctx.runner.repo,
    username,
  });
  return { permission: data.permission, ...(data.role_name ? { role_name: data.role_name } : {}) };
}

async function fromFork(ctx: ActionContext, number: number): Promise<boolean> {
  const { data } = await ctx.octokit.rest.pulls.get({
    owner: ctx.runner.owner,
    repo: ctx.runner.repo,
    pull_number: number,
  });
  return data.head.repo?.full_name !== `${ctx.runner.owner}/${ctx.runner.repo}`;
}

async function scenarioRefOf(ctx: ActionContext, id: string) {
  const catalog = await loadRunnableCatalog(ctx);
  const found = catalog.find((s) => s.id === id);
  return found ? { id: found.id, objectType: found.objectType } : { id };
}

/** The newest run whose checklist is on this issue. */
async function latestRunOn(ctx: ActionContext, issueNumber: number): Promise<string | undefined> {
  const comments = await ctx.octokit.paginate(ctx.octokit.rest.issues.listComments, {
    owner: ctx.runner.owner,
    repo: ctx.runner.repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for (const c of [...comments].reverse()) {
    const checklist = parseChecklist(c.body ?? "");
    if (checklist) return checklist.runId;
  }
  return undefined;
}

function verbOf(command: Command): string {
  return command.kind === "run" ? "start a run" : `${command.kind} a run`;
}

function ignored(ctx: ActionContext, why: string): ActionResult {
  ctx.io.info(`nothing to do: ${why}`);
  return { status: "ignored" };
}
