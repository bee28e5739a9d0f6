// Small markdown helpers for replies: text from people and documents is shown, never interpreted.

/** Inline code that survives backticks in the value. */
export function code(value: string): string {
  const flat = value.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any backtick run inside. */
export function fenced(text: string, lang = ""): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${text.replace(/\n$/, "")}\n${fence}`;
}

/** Quote the command a reply answers, so the reply is never read as a command itself. */
export function quoteCommand(text: string): string {
  return `> ${text.replace(/[\r\n]+/g, " ").slice(0, 300)}`;
}

/** A table cell: pipes escaped, one line. */
export function cell(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
}

/** `@login` with the markdown-safe subset GitHub logins use. */
export function mention(login: string): string {
  return `@${login.replace(/[^A-Za-z0-9\-[\]]/g, "")}`;
}

export function reply(author: string, command: string, body: string): string {
  return `${quoteCommand(command)}\n\n${mention(author)} ${body}`;
}
