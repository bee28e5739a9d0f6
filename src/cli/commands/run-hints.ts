// The CLI's wording of the engine's hints: a `scenario` command a person can paste, repeating the
// flags this command was given (--repo, --scenarios, --database-url), so the next command reaches the
// same repository, catalog and store. A password in --database-url is not repeated.
import { LockHeldError, RunControlError } from "../../engine/errors.ts";
import type { RunHint } from "../../engine/hints.ts";
import { plainHint } from "../../local/plain-hint.ts";
import { UserError } from "../errors.ts";
import type { SessionFlags } from "./engine-session.ts";

export function cliHint(flags: SessionFlags): (hint: RunHint) => string {
  const extra = sessionArgs(flags);
  return (hint) => {
    if (hint.action === "wait") return "pass --wait to queue behind it";
    const command = plainHint(hint);
    return extra.length ? `${command} ${extra.join(" ")}` : command;
  };
}

/** The session flags as given, ready to paste after a command. */
export function sessionArgs(flags: SessionFlags): string[] {
  const args: string[] = [];
  if (flags.repo) args.push("--repo", shellWord(flags.repo));
  if (flags.scenarios) args.push("--scenarios", shellWord(flags.scenarios));
  if (flags.databaseUrl) args.push("--database-url", shellWord(withoutPassword(flags.databaseUrl)));
  return args;
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

/** A hint as a sentence: what it does, then the command. */
export function hintSentence(hint: RunHint, word: (hint: RunHint) => string): string {
  switch (hint.action) {
    case "start":
      return `Start a new run: \`${word(hint)} <name>=<value>...\``;
    case "rollback":
      return `Roll it back: \`${word(hint)}\``;
    case "cancel":
      return `Cancel it: \`${word(hint)}\``;
    case "resume":
      return `Resume it: \`${word(hint)}\``;
    case "wait":
      return `Or ${word(hint)}.`;
    default:
      return `See where it is: \`${word(hint)}\``;
  }
}

/**
 * Runs a command, wording the hints of the engine's refusals as CLI commands with this command's
 * flags (the engine's messages carry no CLI text).
 */
export async function presentingHints<T>(flags: SessionFlags, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const word = cliHint(flags);
    if (error instanceof RunControlError && error.hint) {
      throw new UserError(`${error.message}. ${hintSentence(error.hint, word)}`);
    }
    if (error instanceof LockHeldError) {
      const [status, rollback] = error.hints;
      throw new UserError(
        `${error.message} Wait for it (\`${status ? word(status) : ""}\`), roll it back (\`${rollback ? word(rollback) : ""}\`), or pass --wait to queue behind it.`,
      );
    }
    throw error;
  }
}
