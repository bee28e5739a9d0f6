// How a scratch-db result reads: a short summary of the history (applied, left out, failed with
// file:line and the first error), what it could not build and why, the verdict on the migration under
// review, and the RLS checks; or the same as one JSON document for tools.
import { explainMissing, type HistoryView, type MissingCause } from "./history-knowledge.ts";
import type { MigrationFile } from "./migration-files.ts";
import type { FileOutcome } from "./replay.ts";
import type { ScratchResult } from "./run-scratch.ts";
import { firstLine, missingObject } from "./sql-errors.ts";

const MAX_NAMES = 3;
const MAX_MISSING = 8;
const MAX_FAILED = 12;

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function names(files: MigrationFile[]): string {
  const shown = files.slice(0, MAX_NAMES).map((f) => f.name);
  return files.length > MAX_NAMES
    ? `${shown.join(", ")}, and ${files.length - MAX_NAMES} more`
    : shown.join(", ");
}

function failedLine(outcome: FileOutcome): string {
  const first = outcome.failures[0];
  const where = first ? `${outcome.file.name}:${first.line}: ${first.message}` : outcome.file.name;
  const more = outcome.failures.length > 1 ? `; ${outcome.failures.length - 1} more statement(s) failed` : "";
  return `  failed: ${where} (${outcome.applied} of ${outcome.statements} statements applied${more})`;
}

/** The objects the history's failures name as missing, most used first, each with why it is missing. */
function missingLines(result: ScratchResult): string[] {
  const view: HistoryView = {
    outcomes: result.baseline.outcome ? [result.baseline.outcome, ...result.history] : result.history,
    skipped: result.skipped.filter((f) => f.kind !== "down"),
  };
  const byName = new Map<
    string,
    { files: Set<string>; missing: NonNullable<ReturnType<typeof missingObject>> }
  >();
  for (const outcome of result.history) {
    for (const failure of outcome.failures) {
      const missing = missingObject(failure.fields);
      if (!missing) continue;
      const key = `${missing.kind} ${missing.name}`;
      const entry = byName.get(key) ?? { files: new Set<string>(), missing };
      entry.files.add(outcome.file.name);
      byName.set(key, entry);
    }
  }
  // Root causes first: objects no applied file even tries to create, then those of drafts, then the
  // ones whose creating statement failed because of an earlier missing object.
  const order: MissingCause[] = [
    "made-outside",
    "unprovided",
    "draft-only",
    "broken-draft-only",
    "unknown",
    "dropped",
    "creator-failed",
  ];
  const sorted = [...byName.values()]
    .map((entry) => ({ ...entry, ...explainMissing(entry.missing, view) }))
    .sort((a, b) => order.indexOf(a.cause) - order.indexOf(b.cause) || b.files.size - a.files.size);
  const lines = sorted
    .slice(0, MAX_MISSING)
    .map(
      ({ files, missing, why }) =>
        `    ${missing.kind} ${missing.display} (statements of ${plural(files.size, "file")} fail on it): ${why}`,
    );
  if (sorted.length > MAX_MISSING) lines.push(`    and ${sorted.length - MAX_MISSING} more`);
  return lines.length > 0 ? ["  missing objects the history needs but does not build:", ...lines] : [];
}

function historyLines(result: ScratchResult): string[] {
  const failed = result.history.filter((o) => o.failures.length > 0);
  const present = result.history.reduce((n, o) => n + o.alreadyPresent, 0);
  const byKind = (kind: MigrationFile["kind"]) => result.skipped.filter((f) => f.kind === kind);
  const left = [
    [byKind("down"), "down migration"],
    [byKind("draft"), "unfilled draft"],
    [byKind("unversioned"), "unversioned file"],
  ] as const;
  const leftOut = left
    .filter(([files]) => files.length > 0)
    .map(([files, what]) => `${plural(files.length, what)}`);
  const whole = result.history.length - failed.length;
  const counts =
    result.history.length === 0
      ? "no migration before the new one"
      : `${whole} of ${plural(result.history.length, "migration")} applied whole` +
        (failed.length > 0
          ? `, ${failed.length} failed in part (${failed.length === 1 ? "its" : "their"} statements that apply are kept)`
          : "");
  const lines = [
    `history: ${counts}` +
      `${present > 0 ? `; ${plural(present, "statement")} found ${present === 1 ? "its" : "their"} object already there` : ""}` +
      `${leftOut.length > 0 ? `; left out: ${leftOut.join(", ")}` : ""}`,
  ];
  for (const [files, what] of left)
    if (files.length > 0) lines.push(`  ${what}s, not applied: ${names(files)}`);
  const notRun = result.history.flatMap((o) =>
    o.notRun.map((s) => `${o.file.name}:${s.line}: ${firstLine(s.text)}`),
  );
  if (notRun.length > 0)
    lines.push(
      `  not run on a server, where they would outlive the scratch database (use PGlite to run them): ${notRun.slice(0, MAX_NAMES).join("; ")}${notRun.length > MAX_NAMES ? `; and ${notRun.length - MAX_NAMES} more` : ""}`,
    );
  for (const outcome of failed.slice(0, MAX_FAILED)) lines.push(failedLine(outcome));
  if (failed.length > MAX_FAILED)
    lines.push(`  and ${failed.length - MAX_FAILED} more failed (--json lists them all)`);
  return [...lines, ...missingLines(result)];
}

function baselineLine(result: ScratchResult): string {
  const supabase = result.supabase
    ? "Supabase (roles anon, authenticated, service_role; auth.users, auth.uid(); schemas auth, storage, extensions with uuid-ossp and pgcrypto)"
    : "none (--no-supabase)";
  const unprovided =
    result.unprovided.length > 0 ? `; could not provide: ${result.unprovided.join("; ")}` : "";
  const file = result.baseline.outcome;
  const schema = file
    ? `${result.baseline.note}: ${file.applied} of ${file.statements} statements applied${file.failures[0] ? `, first failure line ${file.failures[0].line}: ${file.failures[0].message}` : ""}`
    : result.baseline.note;
  return `baseline: ${supabase}${unprovided}; schema file: ${schema}`;
}

function verdictLines(result: ScratchResult): string[] {
  const { verdict } = result;
  if (verdict.files.length === 0) return ["new migration: none (no up migration in the folder)"];
  const which = `new migration ${verdict.files.join(", ")}`;
  if (verdict.status === "pass") return [`${which}: applies (${plural(verdict.statements, "statement")})`];
  if (verdict.status === "fail")
    return [`${which}: FAILS at ${verdict.at}: ${verdict.error}${verdict.why ? ` (${verdict.why})` : ""}`];
  return [
    `${which}: CANNOT JUDGE: it stops at ${verdict.at}: ${verdict.error}, because ${verdict.why}`,
    `  fix: ${verdict.fix}`,
  ];
}

function checkLines(result: ScratchResult): string[] {
  return result.checks.flatMap((c) => {
    const state = c.ok ? "ok" : c.cannotJudge ? "CANNOT JUDGE" : "FAILED";
    return [`rls ${c.table}: ${state}: ${c.detail}`, ...(c.fix ? [`  fix: ${c.fix}`] : [])];
  });
}

/** The summary after the first line (`scratch database: ...`, logged as it opens). */
export function reportLines(result: ScratchResult): string[] {
  return [baselineLine(result), ...historyLines(result), ...verdictLines(result), ...checkLines(result)];
}

/** The last word, for standard error, when the exit code is not 0. */
export function errorLine(result: ScratchResult): string | undefined {
  const { verdict, checks } = result;
  if (verdict.status === "fail")
    return `error: the new migration does not apply: ${verdict.at}: ${verdict.error}`;
  const failed = checks.filter((c) => !c.ok && !c.cannotJudge);
  if (failed.length > 0)
    return `error: ${failed.length} RLS assertion(s) failed: ${failed.map((c) => c.table).join(", ")}`;
  if (verdict.status === "cannot-judge")
    return `error: cannot judge the new migration: ${verdict.why}; ${verdict.fix}`;
  const unjudged = checks.find((c) => c.cannotJudge);
  if (unjudged)
    return `error: cannot check RLS on ${unjudged.table}: ${unjudged.detail} Fix: ${unjudged.fix}`;
  return undefined;
}

/** The result as plain data: files by name, failures with file:line. */
export function reportJson(result: ScratchResult): unknown {
  const outcome = (o: FileOutcome) => ({
    file: o.file.name,
    statements: o.statements,
    applied: o.applied,
    alreadyPresent: o.alreadyPresent,
    failures: o.failures.map((f) => ({ line: f.line, code: f.fields.code, message: f.message })),
    ...(o.notRun.length > 0
      ? { notRun: o.notRun.map((s) => ({ line: s.line, statement: firstLine(s.text) })) }
      : {}),
    ...(o.parseError ? { parseError: o.parseError } : {}),
  });
  return {
    ok: result.ok,
    exitCode: result.exitCode,
    database: result.database,
    supabase: result.supabase,
    unprovided: result.unprovided,
    baseline: {
      file: result.baseline.file ?? null,
      note: result.baseline.note,
      outcome: result.baseline.outcome ? outcome(result.baseline.outcome) : null,
    },
    history: result.history.map(outcome),
    leftOut: result.skipped.map((f) => ({ file: f.name, kind: f.kind, reason: f.reason })),
    verdict: result.verdict,
    checks: result.checks,
  };
}
