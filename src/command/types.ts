// What a `/scenario` line means once parsed. Pure data: the App and the Action both act on it.
import type { CommandSyntaxError } from "./errors.ts";

/** Subcommands that act on a run; without a run id they mean the latest run of the issue. */
export const RUN_SUBCOMMANDS = ["status", "resume", "rollback", "cancel"] as const;
export type RunSubcommand = (typeof RUN_SUBCOMMANDS)[number];

export const SUBCOMMANDS = ["plan", "list", "help", "suggest", "learn", ...RUN_SUBCOMMANDS] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

interface CommandBase {
  /** 1-based line of the comment the command is on. */
  line: number;
  /** The command line as written (trimmed). */
  text: string;
}

/** `/scenario <id> k=v ... [--dry-run]` */
export interface RunCommand extends CommandBase {
  kind: "run";
  scenarioId: string;
  params: Record<string, string>;
  dryRun: boolean;
}

/** `/scenario plan <id> k=v ...` */
export interface PlanCommand extends CommandBase {
  kind: "plan";
  scenarioId: string;
  params: Record<string, string>;
}

/** `/scenario list [type]` */
export interface ListCommand extends CommandBase {
  kind: "list";
  objectType?: string;
}

/** `/scenario help [id]` */
export interface HelpCommand extends CommandBase {
  kind: "help";
  scenarioId?: string;
}

/** `/scenario status|resume|rollback|cancel [run]` */
export interface RunControlCommand extends CommandBase {
  kind: RunSubcommand;
  runId?: string;
}

/** `/scenario suggest <free text>` */
export interface SuggestCommand extends CommandBase {
  kind: "suggest";
  query: string;
}

/** `/scenario learn`, on a merged pull request: a draft scenario from its change. */
export interface LearnCommand extends CommandBase {
  kind: "learn";
}

/** A `/scenario` line that breaks the grammar: kept in order so its author gets a reply. */
export interface InvalidCommand extends CommandBase {
  kind: "invalid";
  error: CommandSyntaxError;
}

export type Command =
  | RunCommand
  | PlanCommand
  | ListCommand
  | HelpCommand
  | RunControlCommand
  | SuggestCommand
  | LearnCommand
  | InvalidCommand;

/** Commands that change something and therefore need the permission check. */
export function isMutating(command: Command): boolean {
  return (
    (command.kind === "run" && !command.dryRun) ||
    command.kind === "learn" ||
    command.kind === "resume" ||
    command.kind === "rollback" ||
    command.kind === "cancel"
  );
}
