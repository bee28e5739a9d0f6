// Zero-server mode: the workflow runs on `issue_comment` and the action does what the App would. A new
// comment goes through the one `/scenario` dialogue (src/application/dialogue) with this job as its
// host; an edited checklist comment may resume a run (checklist-edited.ts).
import { answerComment } from "../../application/dialogue/answer-comment.ts";
import { actionHost } from "../dialogue/action-host.ts";
import { checklistEdited, ignored } from "./checklist-edited.ts";
import type { ActionContext, ActionResult } from "./context.ts";

export interface CommentPayload {
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
  if (payload.action === "edited") {
    if (sender.type === "Bot") return ignored(ctx, "edits by bots never act");
    return checklistEdited(ctx, payload);
  }
  if (payload.action !== "created")
    return ignored(ctx, `comment ${payload.action ?? "event"} is not a command`);
  if (!(comment.body ?? "").includes("/scenario"))
    return ignored(ctx, "the comment has no /scenario command");
  const host = actionHost(ctx);
  const outcome = await answerComment(host, {
    body: comment.body ?? "",
    author: comment.user?.login ?? sender.login,
    isBot: (comment.user?.type ?? sender.type) === "Bot",
    issueNumber: issue.number,
    commentId: comment.id,
    onPullRequest: Boolean(issue.pull_request),
  });
  if (outcome.commands === 0) return ignored(ctx, "the comment has no /scenario command");
  return host.last ?? { status: outcome.last ?? "answered" };
}
