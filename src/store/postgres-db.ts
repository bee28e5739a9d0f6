// The `Db` over a PostgreSQL server through a `pg` pool. Connectivity is checked on open so an
// unreachable server is one clear error, not a stack trace at the first query.
import { Socket } from "node:net";
import pg from "pg";
import { type Db, type QueryOptions, type QueryResult, redactUrl } from "./db.ts";
import { DbConnectError, DbUrlError } from "./errors.ts";
import { withSavepoint } from "./savepoint.ts";

type Queryable = Pick<pg.Pool, "query"> | pg.PoolClient;

function clientDb(client: pg.PoolClient, depth: number): Db {
  const db: Db = {
    kind: "postgres",
    query: (sql, params, options) => runQuery(client, sql, params, options),
    exec: async (sql) => {
      await client.query(sql);
    },
    transaction: (fn) => withSavepoint(db, depth + 1, () => fn(clientDb(client, depth + 1))),
    close: async () => {},
  };
  return db;
}

async function runQuery<T>(
  on: Queryable,
  sql: string,
  params?: unknown[],
  options?: QueryOptions,
): Promise<QueryResult<T>> {
  const values = params as unknown[] | undefined;
  const result = await (options?.name
    ? on.query({ name: options.name, text: sql, values })
    : on.query(sql, values));
  return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
}

/** Throw DbUrlError unless `url` looks like a PostgreSQL connection string. */
export function assertPostgresUrl(url: string): void {
  if (!/^(postgres|postgresql|socket):/i.test(url.trim())) throw new DbUrlError();
}

export interface PostgresOptions {
  max?: number;
  /**
   * close() sends each connection's goodbye (Terminate) and resolves then, its sockets no longer
   * keeping the process alive, instead of waiting for the server to hang up: ~18 ms (its backend's
   * exit) at the end of every CLI command. What was written is still sent (a pending socket write
   * keeps the process alive until the kernel has it). Not for a caller that must see the
   * connections gone (a test dropping its database next).
   */
  detachOnClose?: boolean;
  /** Aborting while the open still connects fails it at once (Ctrl-C before a slow server answers). */
  signal?: AbortSignal;
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Db> {
  assertPostgresUrl(url);
  const sockets = new Set<Socket>();
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    connectionTimeoutMillis: 5000,
    // Each connection's socket, known to close() and to an abort (pg makes the same one otherwise).
    ...(options.detachOnClose || options.signal
      ? {
          stream: () => {
            const socket = new Socket();
            sockets.add(socket);
            socket.once("close", () => sockets.delete(socket));
            return socket;
          },
        }
      : {}),
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on("error", () => {});
  const abort = () => {
    for (const socket of sockets) socket.destroy(new Error("the open was cancelled"));
  };
  options.signal?.addEventListener("abort", abort, { once: true });
  try {
    options.signal?.throwIfAborted();
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DbConnectError(redactUrl(url), error);
  } finally {
    options.signal?.removeEventListener("abort", abort);
  }
  return {
    kind: "postgres",
    query: (sql, params, options) => runQuery(pool, sql, params, options),
    exec: async (sql) => {
      await pool.query(sql);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(clientDb(client, 0));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: async () => {
      const ended = pool.end();
      if (!options.detachOnClose) return ended;
      ended.catch(() => {});
      for (const socket of sockets) socket.unref();
    },
  };
}
