// A throwaway database: a temporary database on the DATABASE_URL server (dropped after), else an
// in-memory PGlite (from the cached template, with pgcrypto and uuid-ossp loaded for Supabase
// histories). Nothing of it outlives `withScratchDatabase` (but roles, which a server shares across databases).
import { randomBytes } from "node:crypto";
import { pgcrypto } from "@electric-sql/pglite/contrib/pgcrypto";
import { uuid_ossp } from "@electric-sql/pglite/contrib/uuid_ossp";
import pg from "pg";
import { type Db, redactUrl } from "../db.ts";
import { DbConnectError } from "../errors.ts";
import { openPglite } from "../pglite-db.ts";
import { assertPostgresUrl, openPostgres } from "../postgres-db.ts";

export interface ScratchDatabase {
  db: Db;
  /** For messages: where it lives. */
  description: string;
}

async function onServer<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  assertPostgresUrl(url);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    throw new DbConnectError(redactUrl(url), error);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export async function withScratchDatabase<T>(
  options: { databaseUrl?: string; searchPath?: string },
  fn: (scratch: ScratchDatabase) => Promise<T>,
): Promise<T> {
  if (!options.databaseUrl) {
    const db = await openPglite({ dataDir: "memory://", extensions: { pgcrypto, uuid_ossp } });
    try {
      return await fn({ db, description: "in-memory PGlite" });
    } finally {
      await db.close();
    }
  }
  const name = `scenario_scratch_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer(options.databaseUrl, async (c) => {
    await c.query(`CREATE DATABASE ${name}`);
    // Every connection to it starts with the search path, as a Supabase database's do.
    if (options.searchPath) await c.query(`ALTER DATABASE ${name} SET search_path TO ${options.searchPath}`);
  });
  try {
    const url = new URL(options.databaseUrl);
    url.pathname = `/${name}`;
    const db = await openPostgres(url.toString(), { max: 1 });
    try {
      return await fn({ db, description: `temporary database ${name} on ${url.host}` });
    } finally {
      await db.close();
    }
  } finally {
    await onServer(options.databaseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
