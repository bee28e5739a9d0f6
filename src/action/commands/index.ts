// Which handler a command input selects. An empty command on an issue_comment event is zero-server
// mode: the comment itself says what to do.
import { ActionInputError } from "../errors.ts";
import type { ActionCommand } from "../inputs.ts";
import { auditCommand } from "./audit.ts";
import { checkCommand } from "./check.ts";
import { commentCommand } from "./comment.ts";
import type { ActionContext, ActionResult } from "./context.ts";
import { runCommand } from "./run.ts";
import { controlCommand } from "./run-control.ts";

export type CommandHandler = (ctx: ActionContext) => Promise<ActionResult>;

const HANDLERS: Record<ActionCommand, CommandHandler> = {
  run: runCommand,
  resume: controlCommand("resume"),
  rollback: controlCommand("rollback"),
  cancel: controlCommand("cancel"),
  audit: auditCommand,
  check: checkCommand,
};

export function commandFor(ctx: ActionContext): CommandHandler {
  if (ctx.inputs.command) return HANDLERS[ctx.inputs.command];
  if (ctx.runner.eventName === "issue_comment") return commentCommand;
  throw new ActionInputError(
    "command",
    "empty; set it to run, resume, rollback, cancel, audit or check (it may be empty only on issue_comment events).",
  );
}
