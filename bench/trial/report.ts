// How a trial is shown: one line per scenario (then its reason and changed files, indented), a
// summary, the same as JSON, or as the markdown table bench/TRIAL.md keeps.
import type { RunDiff } from "./diff.ts";
import type { Outcome } from "./drive.ts";

export interface TrialEntry {
  id: string;
  params: Record<string, string>;
  outcome: Outcome;
  status: string | undefined;
  runId: string | undefined;
  durationMs: number;
  ticked: string[];
  reason: string[];
  diff: RunDiff | undefined;
  /** What a run changed in the copy's own checkout or base branch (it must change nothing there). */
  checkoutChanged: string | undefined;
}

export interface TrialReport {
  checkout: string;
  baseBranch: string;
  baseSha: string;
  scenarios: string;
  startedAt: string;
  durationMs: number;
  /** The original checkout's HEAD, branches and status are as before (undefined: not a git repository). */
  originalUntouched: boolean | undefined;
  entries: TrialEntry[];
  counts: Record<Outcome, number>;
}

export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}

function changed(diff: RunDiff | undefined): string {
  if (!diff) return "no branch";
  return diff.files === 0 ? "no change" : `${diff.files} files +${diff.insertions} -${diff.deletions}`;
}

/** Problems a maintainer would reject the change for, besides its outcome. */
export function flags(entry: TrialEntry): string[] {
  const found: string[] = [];
  if (entry.diff?.acme.length) found.push(`@acme in ${entry.diff.acme.length} added lines`);
  if (entry.diff?.newTopLevel.length) found.push(`new top-level ${entry.diff.newTopLevel.join(", ")}`);
  if (entry.checkoutChanged) found.push(`checkout changed: ${entry.checkoutChanged}`);
  return found;
}

export function entryLines(entry: TrialEntry, width: number): string[] {
  const head = [
    entry.id.padEnd(width),
    entry.outcome.padEnd(9),
    duration(entry.durationMs).padStart(6),
    changed(entry.diff),
    ...flags(entry).map((f) => `[${f}]`),
  ].join("  ");
  const lines = [head];
  for (const line of entry.reason) lines.push(`    ${line}`);
  if (entry.ticked.length > 0) lines.push(`    ticked manual steps: ${entry.ticked.join(", ")}`);
  for (const line of entry.diff?.stat ?? []) lines.push(`    | ${line.trim()}`);
  for (const line of entry.diff?.acme ?? []) lines.push(`    @acme: ${line}`);
  return lines;
}

export function summaryLines(report: TrialReport): string[] {
  const { succeeded, failed, refused } = report.counts;
  const untouched =
    report.originalUntouched === undefined
      ? "not a git repository (the copy was made one)"
      : report.originalUntouched
        ? "untouched (HEAD, branches and status as before)"
        : "CHANGED";
  return [
    `${succeeded}/${report.entries.length} succeeded, ${failed} failed, ${refused} refused in ${duration(report.durationMs)}`,
    `checkout ${report.checkout} (${report.baseBranch} @ ${report.baseSha.slice(0, 8)}): ${untouched}`,
  ];
}

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

export function markdownTable(report: TrialReport): string {
  const rows = report.entries.map((e) =>
    [
      `\`${e.id}\``,
      e.outcome,
      duration(e.durationMs),
      changed(e.diff),
      flags(e).join("; ") || "ok",
      e.reason.map((l) => l.trim()).join("<br>"),
    ]
      .map(cell)
      .join(" | "),
  );
  return [
    "| scenario | outcome | time | changed | @acme / top level | reason |",
    "| --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r} |`),
  ].join("\n");
}
