// Zero-server mode, an edited comment: when it is a run's checklist written by a bot, a tick by
// someone allowed resumes the run once the step is done; a tick by anyone else is reverted.
import {
  decide,
  diffChecklists,
  type PermissionPolicy,
  parseChecklist,
  setItems,
  stepDone,
} from "../../command/index.ts";
import type { CommentPayload } from "./comment.ts";
import type { ActionContext, ActionResult } from "./context.ts";
import { controlCommand } from "./run-control.ts";

/** An edit of the run's checklist comment: resume when a step's items are all ticked by someone allowed. */
export async function checklistEdited(ctx: ActionContext, payload: CommentPayload): Promise<ActionResult> {
  const { comment, issue, sender } = payload as Required<
    Pick<CommentPayload, "comment" | "issue" | "sender">
  > &
    CommentPayload;
  const body = comment.body ?? "";
  const checklist = parseChecklist(body);
  if (!checklist) return ignored(ctx, "the edited comment is not a run checklist");
  // Only checklists this action's identity wrote count; anyone can type the markers into their own
  // comment, and another bot's is not scenario-bot's.
  const issues = ctx.github.issues;
  if (!(await issues.isOwn(comment.user?.login)))
    return ignored(ctx, "the checklist was not written by this workflow's token");
  const diff = diffChecklists(payload.changes?.body?.from ?? "", body);
  if (diff.ticked.length === 0) return ignored(ctx, "no item was ticked");
  const policy = await repoPolicy(ctx);
  const decision = decide(
    policy,
    await ctx.github.permission(sender.login),
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
  return (await ctx.repo()).config.policy;
}

async function scenarioRefOf(ctx: ActionContext, id: string) {
  const found = (await ctx.repo()).catalog.get(id);
  return found ? { id: found.id, objectType: found.objectType } : { id };
}

export function ignored(ctx: ActionContext, why: string): ActionResult {
  ctx.io.info(`nothing to do: ${why}`);
  return { status: "ignored" };
}
