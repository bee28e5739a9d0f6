// The store suites run against both backends: a fresh database on the real PostgreSQL server per
// test file (dropped after), and one in-memory PGlite per file. Both are reset between tests.
import pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Db } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrations.ts";
import { openPglite } from "../../src/store/pglite-db.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";

export type BackendKind = "postgres" | "pglite";
export const BACKENDS: BackendKind[] = ["postgres", "pglite"];

/** The server the tests create their databases on. */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function serverUrl(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** One statement as the server's admin (e.g. `ALTER DATABASE ... ALLOW_CONNECTIONS false`). */
export async function adminQuery(sql: string): Promise<void> {
  await admin((c) => c.query(sql));
}

export async function createServerDatabase(name: string): Promise<string> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  return serverUrl(name);
}

export async function dropServerDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Empty the database: every schema this project or a test may create goes. */
export async function resetDb(db: Db): Promise<void> {
  await db.exec("DROP SCHEMA IF EXISTS archived CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
}

export interface TestDb {
  readonly db: Db;
  readonly kind: BackendKind;
  /** The server database's URL (postgres only). */
  readonly url: string | undefined;
}

/** Register hooks giving each test of the enclosing describe a clean, migrated (unless told) database. */
export function useTestDb(kind: BackendKind, file: string, options: { migrated?: boolean } = {}): TestDb {
  const name = `scenario_test_${file}_${process.pid}`;
  let db: Db | undefined;
  let url: string | undefined;
  beforeAll(async () => {
    if (kind === "postgres") {
      url = await createServerDatabase(name);
      db = await openPostgres(url);
    } else {
      db = await openPglite({ dataDir: "memory://" });
    }
  });
  beforeEach(async () => {
    if (!db) throw new Error("test database not open");
    await resetDb(db);
    if (options.migrated !== false) await migrate(db);
  });
  afterAll(async () => {
    await db?.close();
    if (kind === "postgres") await dropServerDatabase(name);
  });
  return {
    get db() {
      if (!db) throw new Error("test database not open");
      return db;
    },
    kind,
    get url() {
      return url;
    },
  };
}
