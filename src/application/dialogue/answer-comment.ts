// The `/scenario` dialogue: a new comment's commands, in order, each checked and answered the same way
// whichever host carries them out. Guards (bots, forks, permission) come first; a refusal always comes
// before any complaint about the parameters; every reply quotes its command and mentions its author.
import { setImmediate } from "node:timers/promises";
import {
  type Command,
  decide,
  isMutating,
  type PermissionDecision,
  parseComment,
  RepoConfigError,
} from "../../command/index.ts";
import { isExpected } from "../../errors/index.ts";
import { code, inline } from "../../markdown/index.ts";
import type { ScenarioDefinition } from "../../scenario/types.ts";
import { controlCommand } from "./control-command.ts";
import type { CommentOrigin, DialogueHost, RepoView } from "./host.ts";
import { learnCommand } from "./learn-command.ts";
import { helpReply, listReply, suggestReply } from "./replies/catalog.ts";
import { reply } from "./replies/markdown.ts";
import { presentDialogueError } from "./replies/present-error.ts";
import { prepareRun, runCommand } from "./run-command.ts";

export interface NewComment extends CommentOrigin {
  body: string;
  /** The body's commands, when the caller has parsed it already (parsing is linear, but not free). */
  commands?: Command[];
  /** Written by a bot account (`user.type === "Bot"`). */
  isBot: boolean;
}

/** How one command was answered. */
export type Answer =
  /** Answered with information only (list, help, suggest, status, a syntax error). */
  | "answered"
  /** A plan was shown; nothing ran. */
  | "planned"
  /** Refused: a fork, a permission, a state, a target held, a bad parameter. */
  | "refused"
  /** A run was started or moved by the host. */
  | "handed-on"
  /** A draft scenario was proposed (`/scenario learn`). */
  | "drafted"
  /** Nothing: the host had answered this comment before (a redelivery). */
  | "redelivered";

export interface DialogueOutcome {
  /** How many `/scenario` commands the comment held. */
  commands: number;
  /** How many runs were started or moved (the comment got a rocket). */
  handedOn: number;
  /** How the last command was answered. */
  last?: Answer;
}

/** Everything one comment's commands share. */
export interface Turn {
  host: DialogueHost;
  origin: CommentOrigin;
  repo: RepoView;
  /** The fork a pull request comes from; runs are never started or moved from one. */
  forkHead?: string;
  /** Posts the answer to `command`. */
  post(command: Command, body: string): Promise<void>;
  /** The rocket on the comment, once, as soon as a run is handed on. */
  rocket(): Promise<void>;
  authorise(
    action: string,
    scenario?: { id: string; objectType?: ScenarioDefinition["objectType"] },
  ): Promise<PermissionDecision>;
}

export const BOT_REFUSAL = "comments by bots never run scenario commands; a person has to comment.";

export async function answerComment(host: DialogueHost, comment: NewComment): Promise<DialogueOutcome> {
  const commands = comment.commands ?? parseComment(comment.body);
  if (commands.length === 0) return { commands: 0, handedOn: 0 };
  const post = (command: Command, body: string) =>
    host.comment(comment.issueNumber, reply(comment.author, command.text, body));
  const first = commands[0] as Command;
  // Nothing is written before the comment is known to be new; the 👀 goes out as soon as it is.
  const admitted = host.admitted?.() ?? Promise.resolve(true);
  const eyes = admitted.then((yes) => (yes ? host.react(comment.commentId, "eyes") : undefined));
  // Awaited where it matters; an admission that fails is reported by `await admitted`, not twice.
  eyes.catch(() => undefined);
  const redelivered = { commands: commands.length, handedOn: 0, last: "redelivered" } as const;
  if (comment.isBot) {
    if (!(await admitted)) return redelivered;
    await Promise.all([eyes, post(first, BOT_REFUSAL)]);
    return { commands: commands.length, handedOn: 0, last: "refused" };
  }
  const mutating = commands.some(isMutating);
  // Runs are never started or moved from a fork's pull request. `learn` starts none: it drafts from
  // what was merged, which the repository's maintainers accepted wherever it came from.
  const movesRuns = commands.some((c) => isMutating(c) && c.kind !== "learn");
  // Asked at once, answered while the command plans (the host asks once per comment).
  if (mutating) host.permission(comment.author).catch(() => undefined);
  let repo: RepoView;
  let forkHead: string | undefined;
  try {
    [repo, forkHead] = await Promise.all([
      host.repo(),
      comment.onPullRequest && movesRuns ? host.forkOf(comment.issueNumber) : undefined,
    ]);
  } catch (error) {
    if (!(await admitted)) return redelivered;
    await eyes;
    if (!(error instanceof RepoConfigError)) throw error;
    const problems = error.problems.map((p) => `- ${p}`).join("\n");
    await post(
      first,
      `${inline(code(error.file))} is not valid, so no command runs here until it is fixed:\n\n${problems}`,
    );
    return { commands: commands.length, handedOn: 0 };
  }
  let rocket: Promise<void> | undefined;
  const turn: Turn = {
    host,
    rocket: () => {
      // A reaction that fails is not a failed run.
      rocket ??= host.react(comment.commentId, "rocket").catch(() => undefined);
      return rocket;
    },
    origin: comment,
    repo,
    ...(forkHead ? { forkHead } : {}),
    post,
    authorise: async (action, scenario) =>
      decide(repo.config.policy, await host.permission(comment.author), comment.author, action, scenario),
  };
  // Plans are pure work, done while admission and permission are being decided: after a turn of the
  // event loop, so the requests for them have left first (a pool's connection is handed over a tick later).
  await setImmediate();
  for (const command of commands)
    if (command.kind === "run" || command.kind === "plan") prepareRun(turn, command);
  if (!(await admitted)) return redelivered;
  let handedOn = 0;
  let last: Answer | undefined;
  for (const command of commands) {
    last = await answer(turn, command);
    if (last === "handed-on") handedOn++;
  }
  await Promise.all([eyes, rocket]);
  return { commands: commands.length, handedOn, ...(last ? { last } : {}) };
}

/** One command. Expected errors become the reply. */
async function answer(turn: Turn, command: Command): Promise<Answer> {
  try {
    switch (command.kind) {
      case "invalid":
        await turn.post(
          command,
          `${command.error.message}\n\n${inline(code("/scenario help"), " shows every command.")}`,
        );
        return "answered";
      case "list":
        await turn.post(command, listReply(turn.repo.catalog, command.objectType));
        return "answered";
      case "help":
        await turn.post(command, helpReply(turn.repo.catalog, command.scenarioId));
        return "answered";
      case "suggest":
        await turn.post(command, suggestReply(turn.repo.catalog, command.query));
        return "answered";
      case "run":
      case "plan":
        return await runCommand(turn, command);
      case "status":
      case "resume":
      case "rollback":
      case "cancel":
        return await controlCommand(turn, command);
      case "learn":
        return await learnCommand(turn, command);
    }
  } catch (error) {
    if (!isExpected(error)) throw error;
    await turn.post(command, presentDialogueError(error));
    return "refused";
  }
}

/** The reply to a command that would start or move a run from a fork's pull request. */
export function forkRefusal(head: string): string {
  return inline(
    "this pull request comes from the fork ",
    code(head),
    "; scenario runs are never started from forks, because they would run with this repository's credentials. Comment on an issue or a pull request from a branch of this repository instead.",
  );
}
