// The CLI's wording of the engine's hints: a `scenario` command a person can paste, repeating the
// flags this command was given (--repo, --scenarios, --database-url), so the next command reaches the
// same repository, catalog and store. A password in --database-url is not repeated.
import type { RunHint } from "../../engine/hints.ts";
import { plainHint } from "../../local/plain-hint.ts";
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
