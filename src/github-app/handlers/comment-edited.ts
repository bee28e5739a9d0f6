// `issue_comment.edited`: ticks in a run's checklist comment. A tick by someone allowed to resume is
// recorded, and when it completes the waiting step the run is resumed; a tick by anyone else is undone
// (on the comment as it is now, so others' concurrent ticks survive) and they are told why.
// An edit that adds a `/scenario` line to an ordinary comment runs nothing and says so.
import type { Context } from "probot";
import { controlFromEvent } from "../../application/dialogue/control-event.ts";
import { reply } from "../../application/dialogue/replies/markdown.ts";
import {
  type Checklist,
  decide,
  diffChecklists,
  parseChecklist,
  parseComment,
  setItems,
  stepDone,
} from "../../command/index.ts";
import type { GitHubRepository } from "../../github/repository.ts";
import { mention } from "../../markdown/index.ts";
import type { AppDeps } from "../deps.ts";
import { appHost } from "../dialogue/app-host.ts";
import type { RepoEnvironments } from "../repo-environment.ts";
import { repositoryOf } from "../repository-of.ts";
import { firstDelivery, isOwnComment } from "./once.ts";

export async function onCommentEdited(
  context: Context<"issue_comment.edited">,
  deps: AppDeps,
  envs: RepoEnvironments,
): Promise<void> {
  const { comment, changes, repository, issue, sender } = context.payload;
  const before = changes.body?.from ?? "";
  const after = comment.body ?? "";
  const api = repositoryOf(context, repository.owner.login, repository.name);
  const checklist = parseChecklist(after);
  if (checklist) {
    // Only the checklist the Action recorded for the run counts (checked once the run is read); edits by
    // bots (our own reverts, the Action's updates) are not ticks.
    if (comment.user?.type !== "Bot" || sender.type === "Bot") return;
    const { ticked } = diffChecklists(before, after);
    if (ticked.length === 0) return;
    if (!(await firstDelivery(context, deps))) return;
    await onTicks({
      context,
      deps,
      envs,
      api,
      checklist,
      ticked,
      actor: sender.login,
      commentId: comment.id,
      defaultBranch: repository.default_branch,
    });
    return;
  }
  if (isOwnComment(deps, comment)) return;
  const old = new Set(parseComment(before).map((c) => c.text));
  const added = parseComment(after).filter((c) => !old.has(c.text));
  if (added.length === 0) return;
  if (!(await firstDelivery(context, deps))) return;
  await api.issues.comment(
    issue.number,
    reply(
      sender.login,
      added[0]?.text ?? "/scenario",
      "edited comments never run commands (an edit could change a command someone already approved). Post the command in a new comment.",
    ),
  );
}

interface Ticks {
  context: Context;
  deps: AppDeps;
  envs: RepoEnvironments;
  api: GitHubRepository;
  checklist: Checklist;
  ticked: { step: number; item: number; text: string }[];
  actor: string;
  commentId: number;
  defaultBranch: string;
}

async function onTicks(t: Ticks): Promise<void> {
  const log = t.context.log.child({ delivery: t.context.id, run: t.checklist.runId, actor: t.actor });
  const run = await t.deps.store.getRun(t.checklist.runId);
  if (!run || run.repository.toLowerCase() !== t.api.fullName.toLowerCase()) {
    log.warn("checklist of a run this store doesn't know: ticks ignored");
    return;
  }
  // The run's checklist is the comment the Action recorded when it posted it; a copy with the same
  // markers (anyone can post one, the run id is public) is not, whoever wrote it.
  if (run.checklistCommentId !== t.commentId) {
    log.warn({ comment: t.commentId }, "not the checklist recorded for this run: ticks ignored");
    return;
  }
  // Re-read the comment: other people may have ticked since this edit, and a revert must keep their ticks.
  const host = appHost({ api: t.api, deps: t.deps, envs: t.envs, defaultBranch: t.defaultBranch, log });
  const [env, level, steps, now] = await Promise.all([
    host.repo(),
    t.api.permission(t.actor),
    t.deps.store.listSteps(run.id),
    t.api.issues.getComment(t.commentId),
  ]);
  const current = parseChecklist(now.body) ?? t.checklist;
  const scenario = env.catalog.scenarios.find((d) => d.id === run.scenarioId) ?? { id: run.scenarioId };
  const decision = decide(env.config.policy, level, t.actor, "tick a checklist that resumes a run", scenario);
  if (!decision.allowed) {
    const stillTicked = t.ticked.filter((e) =>
      current.entries.some((c) => c.step === e.step && c.item === e.item && c.done),
    );
    const reverted = setItems(now.body, stillTicked, false);
    if (reverted !== now.body) await t.api.issues.editComment(t.commentId, reverted);
    if (run.issueNumber) {
      await t.api.issues.comment(
        run.issueNumber,
        `${mention(t.actor)} your tick was undone: ${decision.reason.replace(/^@\S+: /, "")}`,
      );
    }
    log.info({ ticked: t.ticked.length }, "ticks by someone without permission reverted");
    return;
  }
  for (const e of t.ticked) await t.deps.store.tickTask(run.id, e.step, e.item, t.actor);
  // The step the ticks complete: the waiting one when the store knows it, else any ticked step now all done.
  const waiting = steps.find((s) => s.status === "waiting");
  const completed = waiting
    ? stepDone(current, waiting.index)
    : t.ticked.some((e) => stepDone(current, e.step));
  if (!completed || run.status !== "waiting") {
    log.info({ ticked: t.ticked.length, completed, status: run.status }, "ticks recorded");
    return;
  }
  const outcome = await controlFromEvent(host, {
    run,
    action: "resume",
    actor: t.actor,
    how: "ticked the last item of the waiting step",
    level,
  });
  log.info({ outcome }, "checklist complete");
}
