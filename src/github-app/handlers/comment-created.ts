// `issue_comment.created`: the `/scenario` commands of a new comment, answered by the dialogue (the
// application layer) with the App as its host. What is the App's own: its own comments are never
// commands, each delivery is handled once, and the reads a command needs (config, catalog, the author's
// permission) and the plans start together with recording the delivery; nothing is written before it is
// known to be new (the dialogue waits for the host's admission).
import type { Context } from "probot";
import { answerComment } from "../../application/dialogue/answer-comment.ts";
import { isMutating, parseComment } from "../../command/index.ts";
import type { AppDeps } from "../deps.ts";
import { appHost } from "../dialogue/app-host.ts";
import type { RepoEnvironments } from "../repo-environment.ts";
import { repositoryOf } from "../repository-of.ts";
import { firstDelivery, isOwnComment } from "./once.ts";

export async function onCommentCreated(
  context: Context<"issue_comment.created">,
  deps: AppDeps,
  envs: RepoEnvironments,
): Promise<void> {
  const { comment, issue, repository } = context.payload;
  const body = comment.body ?? "";
  const commands = parseComment(body);
  if (commands.length === 0 || isOwnComment(deps, comment)) return;
  const api = repositoryOf(context, repository.owner.login, repository.name);
  const author = comment.user?.login ?? "ghost";
  const isBot = comment.user?.type === "Bot";
  let log: ReturnType<typeof context.log.child> | undefined;
  // Recorded first; the dialogue reads and plans meanwhile, and writes nothing unless it is new.
  const admitted = firstDelivery(context, deps);
  admitted.catch(() => undefined);
  const host = appHost({
    admitted,
    api,
    deps,
    envs,
    defaultBranch: repository.default_branch,
    // Made when first logged to: most commands never log.
    get log() {
      log ??= context.log.child({ delivery: context.id, issue: issue.number, author });
      return log;
    },
  });
  if (!isBot) {
    // Reads only, started before the delivery is recorded; a redelivery drops them.
    host.repo().catch(() => undefined);
    if (commands.some(isMutating)) host.permission(author).catch(() => undefined);
  }
  await answerComment(host, {
    body,
    commands,
    author,
    isBot,
    issueNumber: issue.number,
    commentId: comment.id,
    onPullRequest: Boolean(issue.pull_request),
  });
}
