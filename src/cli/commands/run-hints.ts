// The CLI's wording of a run's next step: a `scenario` command a person can paste, repeating the flags
// this command was given (--repo, --scenarios, --database-url), so the next command reaches the same
// repository, catalog and store. A password in --database-url is not repeated.
import type { RunHint } from "../../errors/index.ts";
import { plainHint } from "../../local/plain-hint.ts";

export interface SessionArgs {
  repo?: string;
  scenarios?: string;
  databaseUrl?: string;
}

/** A run hint as the command to paste (`--wait` as itself). */
export function cliHint(flags: SessionArgs): (hint: RunHint) => string {
  const extra = sessionArgs(flags);
  return (hint) => {
    if (hint.do === "wait") return "--wait";
    const command = plainHint(hint);
    return extra.length ? `${command} ${extra.join(" ")}` : command;
  };
}

/** The session flags as given, ready to paste after a command. */
export function sessionArgs(flags: SessionArgs): string[] {
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
