// How the CLI shows an error: an expected one (the error family) as its message and its hints in CLI
// words (commands and flags); anything else is a bug, shown with its stack when DEBUG is set.
import { type Hint, isExpected, ScenarioBotError, withHints } from "../errors/index.ts";
import { plainHint } from "../local/plain-hint.ts";

/** A problem with what was typed at the terminal (a flag, a folder) that only the CLI can have. */
export class UserError extends ScenarioBotError {
  override name = "UserError";
  readonly kind = "input";
  readonly exitCode: number;
  constructor(message: string, exitCode = 1, hints: Hint[] = []) {
    super(message, { hints });
    this.exitCode = exitCode;
  }
}

/** The flags a suggested `scenario <command> ...` repeats, given that command's name (src/cli/main.ts
 * keeps those the command accepts, so a hint never suggests a flag its command refuses). */
export type Carry = (command: string) => readonly string[];

const NOTHING: Carry = () => [];

/** A hint as a sentence in CLI words; suggested commands repeat the flags `carry` gives for them. */
export function cliHintSentence(hint: Hint, carry: Carry = NOTHING): string {
  const cmd = (text: string) => `\`${[text, ...carry(text.split(" ")[1] ?? "")].join(" ")}\``;
  switch (hint.do) {
    case "run": {
      const verb = {
        status: "See where it is",
        resume: "Resume it",
        rollback: "Roll it back",
        cancel: "Cancel it",
        logs: "Read its output",
        tick: "Tick it",
      };
      return `${verb[hint.action]}: ${cmd(plainHint(hint))}.`;
    }
    case "start":
      return `Start a new run: ${cmd(`${plainHint(hint)} <name>=<value>...`)}.`;
    case "wait":
      return "Or pass --wait to queue behind it.";
    case "list-runs":
      return `List the runs with ${cmd("scenario runs")}.`;
    case "list-scenarios":
      return `List the scenarios with ${cmd("scenario list")}.`;
    case "show-scenario":
      return `${cmd(`scenario show ${hint.scenarioId}`)} lists its parameters and their rules.`;
    case "validate":
      return `${cmd("scenario validate")} lists every problem.`;
    case "migrate":
      return `Run ${cmd("scenario migrate")} first.`;
    case "set":
      return {
        base: "Check that the base branch exists (pass --base <branch>).",
        repo: "Pass --repo <dir>.",
        scenarios: "Pass --scenarios <dir>.",
        database: `Set DATABASE_URL or pass --database-url${hint.example ? ` (${hint.example})` : ""}.`,
        migrations: "Pass --migrations <folder of .sql files>.",
      }[hint.setting];
    case "say":
      return hint.text;
  }
}

export function formatCliError(error: unknown, carry: Carry = NOTHING): string {
  if (isExpected(error))
    return `error: ${withHints(error.message, error.hints, (h) => cliHintSentence(h, carry))}`;
  if (error instanceof Error) {
    return process.env.DEBUG ? `error: ${error.stack ?? error.message}` : `error: ${error.message}`;
  }
  return `error: ${String(error)}`;
}
