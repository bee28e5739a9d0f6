// Markdown pieces shared by the PR body, the check-run output and the job summary. Values come from
// people (parameters, step names), so they are escaped to stay inside their table cell or code span.

export function cell(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .trim();
}

/** A value shown as code in a table cell: backticks inside it cannot close the span. */
export function codeCell(text: string): string {
  const safe = cell(text).replace(/`/g, "ˋ");
  return `\`${safe}\``;
}

export function table(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.join(" | ")} |`);
  return lines.join("\n");
}

export function duration(startedAt?: Date, finishedAt?: Date): string {
  if (!startedAt || !finishedAt) return "";
  const ms = finishedAt.getTime() - startedAt.getTime();
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
