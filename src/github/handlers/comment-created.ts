// `issue_comment.created`: the `/scenario` commands of a new comment, in order. Bots and forks are
// refused with a reply; everyone else gets an `eyes` on receipt and an answer per command.
// Latency: the reads a command needs (config, catalog, the author's permission, active runs) start
// together with recording the delivery; nothing is written before the delivery is known to be new.
import type { Context } from "probot";
import { type Command, isMutating, parseComment, RepoConfigError } from "../../command/index.ts";
import { handleCommand } from "../commands/index.ts";
import { commandIo } from "../commands/outcome.ts";
import type { AppDeps } from "../deps.ts";
import { code, reply } from "../replies/markdown.ts";
import { RepoApi } from "../repo-api.ts";
import type { RepoEnvironment, RepoEnvironments } from "../repo-environment.ts";
import { type CommandSession, memo } from "./command-session.ts";
import { firstDelivery, isOwnComment } from "./once.ts";

export async function onCommentCreated(
  context: Context<"issue_comment.created">,
  deps: AppDeps,
  envs: RepoEnvironments,
): Promise<void> {
  const { comment, issue, repository } = context.payload;
  const commands = parseComment(comment.body ?? "");
  if (commands.length === 0 || isOwnComment(deps, comment)) return;
  const api = new RepoApi(context.octokit, repository.owner.login, repository.name);
  const author = comment.user?.login ?? "ghost";
  const isBot = comment.user?.type === "Bot";
  const mutating = !isBot && commands.some(isMutating);

  // Reads only, started before the delivery is recorded; a redelivery drops them.
  const permission = memo(() => api.permission(author));
  // Not awaited with the reads: a command plans while it is asked, then waits for it (authorise).
  if (mutating) permission().catch(() => undefined);
  const reads = isBot
    ? undefined
    : Promise.all([
        envs.load(context, api, repository.default_branch),
        issue.pull_request && mutating ? forkOf(api, issue.number, repository.full_name) : undefined,
      ]);
  reads?.catch(() => undefined);
  if (!(await firstDelivery(context, deps))) return;
  const eyes = api.react(comment.id, "eyes");

  if (!reads) {
    const why = "comments by bots never run scenario commands; a person has to comment.";
    await Promise.all([eyes, api.reply(issue.number, reply(author, commands[0]?.text ?? "/scenario", why))]);
    return;
  }
  let env: RepoEnvironment;
  let forkHead: string | undefined;
  try {
    [env, forkHead] = await reads;
  } catch (error) {
    await eyes;
    if (!(error instanceof RepoConfigError)) throw error;
    const problems = error.problems.map((p) => `- ${p}`).join("\n");
    const body = `${code(error.file)} is not valid, so no command runs here until it is fixed:\n\n${problems}`;
    await api.reply(issue.number, reply(author, commands[0]?.text ?? "/scenario", body));
    return;
  }
  let log: CommandSession["log"] | undefined;
  const session: CommandSession = {
    api,
    deps,
    // Made when first logged to: most commands never log.
    get log() {
      log ??= context.log.child({ delivery: context.id, issue: issue.number, author });
      return log;
    },
    env,
    issueNumber: issue.number,
    commentId: comment.id,
    author,
    permission,
    rocket: memo(() => api.react(comment.id, "rocket")),
    ...(forkHead ? { forkHead } : {}),
  };
  await runCommands(session, commands);
  await eyes;
}

async function forkOf(api: RepoApi, number: number, fullName: string): Promise<string | undefined> {
  const head = await api.pullHeadRepo(number);
  if (head === undefined) return "a deleted fork";
  return head.toLowerCase() === fullName.toLowerCase() ? undefined : head;
}

async function runCommands(session: CommandSession, commands: Command[]): Promise<void> {
  for (const command of commands) await handleCommand(commandIo(session, command), command);
}
