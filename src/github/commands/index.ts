// One handler per command kind.
import type { Command } from "../../command/index.ts";
import { helpCommand, listCommand, suggestCommand } from "./info-commands.ts";
import { type CommandIo, type CommandResult, NOTHING } from "./outcome.ts";
import { runCommand } from "./run-command.ts";
import { runControl } from "./run-control.ts";

export function handleCommand(io: CommandIo, command: Command): Promise<CommandResult> {
  switch (command.kind) {
    case "run":
    case "plan":
      return runCommand(io, command);
    case "list":
      return listCommand(io, command);
    case "help":
      return helpCommand(io, command);
    case "suggest":
      return suggestCommand(io, command);
    case "status":
    case "resume":
    case "rollback":
    case "cancel":
      return runControl(io, command);
    case "invalid":
      return io
        .post(`${command.error.message}\n\n${"`/scenario help`"} shows every command.`)
        .then(() => NOTHING);
  }
}
