// A fresh, migrated database on the PostgreSQL server for one benchmark, dropped after it.
import pg from "pg";
import type { Db } from "../../src/store/db.ts";
import { migrate } from "../../src/store/migrations.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";

/** The server the bench makes its databases on. */
export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** One statement on the admin connection (CREATE/DROP DATABASE). */
export async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `connect` turns the database's URL into the one to open (e.g. the App's asynchronous commits). */
export function benchDatabase(label: string, options: { connect?: (url: string) => string } = {}) {
  const database = `scenario_bench_${label}_${process.pid}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  let db: Db | undefined;
  return {
    /** The database's connection string (for another process). */
    url: url.toString(),
    get db(): Db {
      if (!db) throw new Error("bench database not open");
      return db;
    },
    async open() {
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${database}`);
      db = await openPostgres(options.connect ? options.connect(url.toString()) : url.toString());
      await migrate(db);
    },
    async close() {
      await db?.close();
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    },
  };
}
