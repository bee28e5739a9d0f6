// What a command handler gets to talk back with, and what it reports.
import type { Command } from "../../command/index.ts";
import type { CommandSession } from "../handlers/command-session.ts";
import { reply } from "../replies/markdown.ts";

export interface CommandIo {
  session: CommandSession;
  /** Posts the reply to this command (quoting it, mentioning its author). */
  post(body: string): Promise<void>;
}

export interface CommandResult {
  /** A workflow was dispatched (the comment gets a rocket). */
  dispatched: boolean;
}

export type CommandHandler<C extends Command = Command> = (
  io: CommandIo,
  command: C,
) => Promise<CommandResult>;

export function commandIo(session: CommandSession, command: Command): CommandIo {
  return {
    session,
    async post(body) {
      await session.api.reply(session.issueNumber, reply(session.author, command.text, body));
    },
  };
}

export const NOTHING: CommandResult = { dispatched: false };
