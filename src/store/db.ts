// The one database seam the rest of the code uses. Two backends: a PostgreSQL server through
// `pg` (DATABASE_URL) and PGlite embedded in `<repo>/.scenario/db`. Callers write plain
// PostgreSQL; both backends run the same SQL.
import path from "node:path";

export interface QueryResult<T> {
  rows: T[];
  /** Rows returned by a SELECT, or changed by INSERT/UPDATE/DELETE. */
  rowCount: number;
}

export interface QueryOptions {
  /**
   * A hot statement: on a server, prepared once per connection under this name, so later runs skip
   * parsing and planning (the App's webhook writes). Only for fixed SQL whose result columns never change.
   * The embedded database ignores it.
   */
  name?: string;
}

export interface Db {
  readonly kind: "postgres" | "pglite";
  query<T = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<T>>;
  /** Run a script of several statements (no parameters), e.g. a migration file. */
  exec(sql: string): Promise<void>;
  /** Run `fn` in one transaction: committed if it resolves, rolled back if it throws. Nested calls use savepoints. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  /** A PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string;
  /** The repository whose `.scenario/db` holds the embedded database. */
  repoRoot: string;
  /** Override the embedded folder; `memory://` for an in-memory database (tests, scratch databases). */
  pgliteDir?: string;
  /**
   * A server's connections, when closed, do not keep the process alive until the server hangs up
   * (openPostgres' `detachOnClose`): for a process that exits once the store is closed (the CLI).
   */
  detachOnClose?: boolean;
  /** A server's open still connecting fails at once when this aborts (the embedded one finishes). */
  signal?: AbortSignal;
}

/** Where the embedded database of a repository lives. */
export function embeddedDbDir(repoRoot: string): string {
  return path.join(repoRoot, ".scenario", "db");
}

export async function openDb(options: OpenDbOptions): Promise<Db> {
  const url = options.databaseUrl?.trim();
  if (url) {
    const { openPostgres } = await import("./postgres-db.ts");
    return openPostgres(url, {
      ...(options.detachOnClose ? { detachOnClose: true } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }
  const { openPglite } = await import("./pglite-db.ts");
  return openPglite({ dataDir: options.pgliteDir ?? embeddedDbDir(options.repoRoot) });
}

/** A connection string with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "<unparseable DATABASE_URL>";
  }
}
