// Replaying a migration history that may not apply whole. Each file runs in one transaction, as the
// Supabase CLI runs it, and each statement in a savepoint: a statement that fails is rolled back and
// the replay goes on with the next one, so a failed file keeps the statements that applied. Why
// statements and not files: a Supabase history's truth is the hosted database, where
// every one of these statements did apply in some form; a file fails here mostly because an object
// made outside the migrations is missing, and the statements of that file that do apply (the table
// it creates after altering one that is missing) are exactly what later migrations and the migration
// under review need. A statement that only finds its object already there (a baseline dump replayed
// under its own history, a `_fixed` copy of an earlier file) is counted apart, not as a failure.
// Transaction control in a file (BEGIN, COMMIT) is not run: the replay owns the transactions; a
// statement that cannot run in a transaction block (CREATE INDEX CONCURRENTLY) runs between two.
import type { Db } from "../db.ts";
import type { MigrationFile } from "./migration-files.ts";
import { errorFields, errorLine, firstLine, isAlreadyPresent, type SqlErrorFields } from "./sql-errors.ts";
import { type SqlStatement, splitStatements } from "./sql-statements.ts";

export interface StatementFailure {
  /** 1-based line in the file the error points at. */
  line: number;
  /** The server's message, first line. */
  message: string;
  fields: SqlErrorFields;
  statement: SqlStatement;
}

export interface FileOutcome {
  file: MigrationFile;
  statements: number;
  applied: number;
  /** Statements whose object was already there. */
  alreadyPresent: number;
  /** Statements that failed for another reason. */
  failures: StatementFailure[];
  /** Statements not run because they would change what a whole server shares (only on a server). */
  notRun: SqlStatement[];
  /** Set when PostgreSQL's parser rejected the file (its statements were then split by the lexer). */
  parseError?: { message: string; line: number };
}

/** Each file starts as a fresh session of a migration tool would: no role or search path left by the one before. */
export async function resetSession(db: Db, searchPath: string | undefined): Promise<void> {
  await db.exec(`RESET ROLE; ${searchPath ? `SET search_path TO ${searchPath}` : "RESET search_path"}`);
}

/** active_sql_transaction: "... cannot run inside a transaction block". */
const NOT_IN_TRANSACTION = "25001";

/** The error `run` throws, or undefined. */
async function attempt(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
    return undefined;
  } catch (error) {
    return error ?? new Error("unknown error");
  }
}

/**
 * Replay one file: its statements in one transaction, each in a savepoint. A statement that cannot
 * run in a transaction block ends the transaction, runs alone, and a new one goes on with the rest.
 */
export interface ReplayOptions {
  /** Set at the start of every file (Supabase's), else the server's default. */
  searchPath?: string;
  /** The database is on a server: statements with a server-wide effect are not run (SqlStatement.sharedScope). */
  server?: boolean;
}

export async function replayFile(
  db: Db,
  file: MigrationFile,
  options: ReplayOptions = {},
): Promise<FileOutcome> {
  await resetSession(db, options.searchPath);
  const { statements, parseError } = splitStatements(file.sql);
  const runnable = statements.filter((s) => !s.transactionControl && !(options.server && s.sharedScope));
  const outcome: FileOutcome = {
    file,
    statements: runnable.length,
    applied: 0,
    alreadyPresent: 0,
    failures: [],
    notRun: statements.filter((s) => options.server && s.sharedScope),
    parseError,
  };
  const record = (statement: SqlStatement, error: unknown, prefix = "") => {
    if (error === undefined) {
      outcome.applied++;
      return;
    }
    const fields = errorFields(error);
    if (isAlreadyPresent(fields)) outcome.alreadyPresent++;
    else
      outcome.failures.push({
        line: errorLine(file.sql, statement, fields),
        message: prefix + firstLine(fields.message),
        fields,
        statement,
      });
  };
  // Most files apply whole: one round trip, no savepoints. The others are replayed statement by statement.
  if (
    runnable.length > 0 &&
    (await attempt(() => db.transaction((tx) => tx.exec(runnable.map((s) => s.text).join("\n;\n"))))) ===
      undefined
  ) {
    outcome.applied = runnable.length;
    return outcome;
  }
  let next = 0;
  while (next < runnable.length) {
    const first = next;
    const before = {
      applied: outcome.applied,
      alreadyPresent: outcome.alreadyPresent,
      failures: outcome.failures.length,
    };
    let alone: SqlStatement | undefined;
    const failed = await attempt(() =>
      db.transaction(async (tx) => {
        for (; next < runnable.length && !alone; next++) {
          const statement = runnable[next] as SqlStatement;
          const error = await attempt(() => tx.transaction((sp) => sp.exec(statement.text)));
          if (error !== undefined && errorFields(error).code === NOT_IN_TRANSACTION) alone = statement;
          else record(statement, error);
        }
      }),
    );
    if (failed !== undefined) {
      // The transaction itself failed: nothing ran (the connection is gone), or COMMIT did not (a
      // deferred constraint), and then what it applied is rolled back.
      if (next === first) throw failed;
      outcome.applied = before.applied;
      outcome.alreadyPresent = before.alreadyPresent;
      outcome.failures.length = before.failures;
      record(runnable[next - 1] as SqlStatement, failed, "at COMMIT, rolling back the statements before: ");
    }
    const single = alone as SqlStatement | undefined;
    if (single) record(single, await attempt(() => db.exec(single.text)));
  }
  return outcome;
}
