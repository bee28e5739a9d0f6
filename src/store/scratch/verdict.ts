// The verdict on the migration under review, after the history is replayed: its statements must all
// apply, in one transaction (as the Supabase CLI applies a migration), and the tables it asserts row
// level security on must exist. When it fails on an object the history could not build, the fault is
// not its own: the verdict is withheld ("cannot judge") with the reason and how to supply the object.
import path from "node:path";
import type { Db } from "../db.ts";
import { explainMissing, type HistoryView, type MissingCause } from "./history-knowledge.ts";
import type { MigrationFile } from "./migration-files.ts";
import { resetSession } from "./replay.ts";
import { errorFields, errorLine, firstLine, missingObject } from "./sql-errors.ts";
import { splitStatements } from "./sql-statements.ts";

export type VerdictStatus = "pass" | "fail" | "cannot-judge";

export interface Verdict {
  status: VerdictStatus;
  /** The migrations under review, by name. */
  files: string[];
  /** Statements applied (when it passed). */
  statements: number;
  /** Where it failed: `file:line`. */
  at?: string;
  /** The server's message. */
  error?: string;
  /** Why, in the history's terms (cannot-judge, or a name nothing knows). */
  why?: string;
  /** How to make the verdict possible (cannot-judge). */
  fix?: string;
}

export interface VerdictContext {
  history: HistoryView;
  searchPath?: string;
  /** On a server: a migration with server-wide statements cannot be judged there. */
  server?: boolean;
  /** Where a baseline schema file would be picked up, for the fix. */
  baselineHint: string;
  /** Paths in messages are relative to it. */
  cwd?: string;
}

export function fixFor(cause: MissingCause, context: VerdictContext): string {
  if (cause === "unprovided")
    return "this statement can only be checked on a Supabase database (`supabase db reset` on a local stack).";
  const draft =
    cause === "broken-draft-only"
      ? " or repair that draft and give it a version if it is meant to be applied,"
      : cause === "draft-only"
        ? " or give that draft a version if it is meant to be applied,"
        : "";
  return `supply the objects the migrations do not build: save a schema dump of the database they were applied to as ${context.baselineHint} (\`supabase db dump -f ${context.baselineHint}\`) or pass --baseline <file>,${draft} then run again.`;
}

async function applyOne(db: Db, file: MigrationFile, context: VerdictContext): Promise<Verdict | number> {
  await resetSession(db, context.searchPath);
  const { statements } = splitStatements(file.sql);
  const shared = context.server ? statements.find((s) => s.sharedScope) : undefined;
  if (shared)
    return {
      status: "cannot-judge",
      files: [file.name],
      statements: 0,
      at: `${path.relative(context.cwd ?? process.cwd(), file.path)}:${shared.line}`,
      error: `${firstLine(shared.text)} is not run on a server`,
      why: "it changes what every database of the server shares (a database, tablespace or role, or the server's settings), which would outlive a scratch database there",
      fix: "run scratch-db without a server (no --database-url, SCENARIO_SCRATCH_DATABASE_URL or DATABASE_URL): an in-memory PGlite runs it in isolation.",
    };
  let applied = 0;
  try {
    await db.transaction(async (tx) => {
      for (const statement of statements) {
        if (statement.transactionControl) continue;
        try {
          await tx.exec(statement.text);
          applied++;
        } catch (error) {
          throw { statement, error };
        }
      }
    });
    return applied;
  } catch (thrown) {
    const { statement, error } = thrown as { statement?: (typeof statements)[number]; error?: unknown };
    if (!statement) throw thrown;
    const fields = errorFields(error);
    const at = `${path.relative(context.cwd ?? process.cwd(), file.path)}:${errorLine(file.sql, statement, fields)}`;
    const verdict: Verdict = {
      status: "fail",
      files: [file.name],
      statements: 0,
      at,
      error: firstLine(fields.message),
    };
    const missing = missingObject(fields);
    if (!missing) return verdict;
    const explained = explainMissing(missing, context.history);
    verdict.why = explained.why;
    if (explained.historyGap) {
      verdict.status = "cannot-judge";
      verdict.fix = fixFor(explained.cause, context);
    }
    return verdict;
  }
}

/** Apply the migrations under review, each in its own transaction, stopping at the first that does not apply. */
export async function judgeTargets(
  db: Db,
  targets: MigrationFile[],
  context: VerdictContext,
): Promise<Verdict> {
  let statements = 0;
  for (const file of targets) {
    const result = await applyOne(db, file, context);
    if (typeof result !== "number") return { ...result, files: targets.map((t) => t.name) };
    statements += result;
  }
  return { status: "pass", files: targets.map((t) => t.name), statements };
}
