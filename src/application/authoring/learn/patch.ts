// A file's unified diff as GitHub's list-files API gives it (`patch`: hunks only, no file headers):
// whether it is one added line and where it went, and a bounded copy to show a person.

export interface AddedLine {
  line: string;
  /** The nearest non-blank unchanged line before it (inserted after it), else after it (before it). */
  anchor: { after: string } | { before: string };
}

/** Anchors shorter than this match too many lines to say where the line goes. */
const MIN_ANCHOR = 8;

/** The one line a patch adds when it adds exactly one and removes none, with an unchanged line beside it. */
export function singleAddedLine(patch: string | undefined): AddedLine | undefined {
  if (!patch) return undefined;
  const lines = patch.split("\n");
  const added = lines.filter((l) => l.startsWith("+"));
  if (added.length !== 1 || lines.some((l) => l.startsWith("-"))) return undefined;
  const at = lines.findIndex((l) => l.startsWith("+"));
  const line = (lines[at] as string).slice(1);
  if (!line.trim()) return undefined;
  const context = (l: string | undefined) =>
    l?.startsWith(" ") && l.trim().length >= MIN_ANCHOR ? l.slice(1).trim() : undefined;
  for (let i = at - 1; i >= 0 && !lines[i]?.startsWith("@@"); i--) {
    const after = context(lines[i]);
    if (after) return { line, anchor: { after } };
  }
  for (let i = at + 1; i < lines.length && !lines[i]?.startsWith("@@"); i++) {
    const before = context(lines[i]);
    if (before) return { line, anchor: { before } };
  }
  return undefined;
}

/** At most `max` lines of the patch, and how many were left out. */
export function shownPatch(patch: string, max: number): { text: string; omitted: number } {
  const lines = patch.replace(/\n$/, "").split("\n");
  return { text: lines.slice(0, max).join("\n"), omitted: Math.max(0, lines.length - max) };
}

/** A word for the shell: single-quoted, a `'` closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}
