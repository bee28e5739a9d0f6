// `issue_comment.created`: the `/scenario` commands of a new comment, in order. Bots and forks are
// refused with a reply; everyone else gets an `eyes` on receipt and an answer per command.
import type { Context } from "probot";
import { type Command, isMutating, parseComment } from "../../command/index.ts";
import { handleCommand } from "../commands/index.ts";
import { commandIo } from "../commands/outcome.ts";
import { RepoConfigError } from "../config.ts";
import type { AppDeps } from "../deps.ts";
import { code, reply } from "../replies/markdown.ts";
import { RepoApi } from "../repo-api.ts";
import type { RepoEnvironments } from "../repo-environment.ts";
import { type CommandSession, memoPermission } from "./command-session.ts";
import { firstDelivery, isOwnComment } from "./once.ts";

export async function onCommentCreated(
  context: Context<"issue_comment.created">,
  deps: AppDeps,
  envs: RepoEnvironments,
): Promise<void> {
  const { comment, issue, repository } = context.payload;
  const commands = parseComment(comment.body ?? "");
  if (commands.length === 0 || isOwnComment(deps, comment)) return;
  if (!(await firstDelivery(context, deps))) return;
  const api = new RepoApi(context.octokit, repository.owner.login, repository.name);
  const author = comment.user?.login ?? "ghost";
  const log = context.log.child({ delivery: context.id, issue: issue.number, author });
  const eyes = api.react(comment.id, "eyes");

  if (comment.user?.type === "Bot") {
    await Promise.all([
      eyes,
      api.reply(
        issue.number,
        reply(
          author,
          commands[0]?.text ?? "/scenario",
          "comments by bots never run scenario commands; a person has to comment.",
        ),
      ),
    ]);
    return;
  }

  const needsPermission = commands.some(isMutating);
  const permission = memoPermission(api, author);
  // Asked early, in parallel with the config and catalog reads; awaited where a command needs it.
  if (needsPermission) permission().catch(() => undefined);
  const forkHead =
    issue.pull_request && needsPermission
      ? forkOf(api, issue.number, repository.full_name)
      : Promise.resolve(undefined);
  let session: CommandSession;
  try {
    const [env, head] = await Promise.all([envs.load(context, api, repository.default_branch), forkHead]);
    session = {
      api,
      deps,
      log,
      env,
      issueNumber: issue.number,
      commentId: comment.id,
      author,
      permission,
      forkHead: head,
    };
  } catch (error) {
    await eyes;
    if (!(error instanceof RepoConfigError)) throw error;
    await api.reply(
      issue.number,
      reply(
        author,
        commands[0]?.text ?? "/scenario",
        `${code(error.file)} is not valid, so no command runs here until it is fixed:\n\n${error.problems.map((p) => `- ${p}`).join("\n")}`,
      ),
    );
    return;
  }
  await eyes;
  await runCommands(session, commands);
}

async function forkOf(api: RepoApi, number: number, fullName: string): Promise<string | undefined> {
  const head = await api.pullHeadRepo(number);
  if (head === undefined) return "a deleted fork";
  return head.toLowerCase() === fullName.toLowerCase() ? undefined : head;
}

async function runCommands(session: CommandSession, commands: Command[]): Promise<void> {
  let dispatched = false;
  for (const command of commands) {
    const result = await handleCommand(commandIo(session, command), command);
    dispatched ||= result.dispatched;
  }
  if (dispatched) await session.api.react(session.commentId, "rocket");
}
