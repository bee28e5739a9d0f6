// A throwaway database: a temporary database on the DATABASE_URL server (dropped after), else an
// in-memory PGlite. With `supabase`, it starts with the Supabase baseline (supabase-baseline.ts):
// on PGlite from a cached copy that has it (supabase-template.ts), on a server installed anew. A PGlite
// may instead be loaded from a kept replayed history (history-snapshot.ts).
// Nothing of it outlives `withScratchDatabase`, but roles, which a server shares across databases.
import { randomBytes } from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { type Db, redactUrl } from "../db.ts";
import { DbConnectError } from "../errors.ts";
import { createPglite } from "../pglite-create.ts";
import { wrapPglite } from "../pglite-db.ts";
import { newPglite } from "../pglite-template.ts";
import { assertPostgresUrl, openPostgres } from "../postgres-db.ts";
import { installSupabaseBaseline, SUPABASE_SEARCH_PATH } from "./supabase-baseline.ts";
import { openSupabasePglite, openSupabasePgliteFrom } from "./supabase-template.ts";

export interface ScratchDatabase {
  db: Db;
  /** For messages: where it lives. */
  description: string;
  /** Parts of the Supabase baseline that could not be provided. */
  unprovided: string[];
  /** In-memory PGlite: a tar of its data folder as it is now (history-snapshot.ts keeps one). */
  dump?: () => Promise<Blob>;
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

/** An in-memory PGlite: new (from the cached templates), or loaded from `from`, a tar one of them dumped. */
async function withPglite<T>(
  supabase: boolean,
  from: Blob | undefined,
  fn: (scratch: ScratchDatabase) => Promise<T>,
): Promise<T> {
  const { db, unprovided, pglite } = await openScratchPglite(supabase, from);
  try {
    const dump = () => pglite.dumpDataDir("none");
    return await fn({ db, description: "in-memory PGlite", unprovided, dump });
  } finally {
    await db.close();
  }
}

async function openScratchPglite(
  supabase: boolean,
  from: Blob | undefined,
): Promise<{ db: Db; unprovided: string[]; pglite: PGlite }> {
  if (supabase)
    return from ? { ...(await openSupabasePgliteFrom(from)), unprovided: [] } : openSupabasePglite();
  const pglite = from ? await createPglite("memory://", { loadDataDir: from }) : await newPglite("memory://");
  return { db: wrapPglite(pglite), unprovided: [], pglite };
}

export async function withScratchDatabase<T>(
  options: { databaseUrl?: string; supabase: boolean; from?: Blob },
  fn: (scratch: ScratchDatabase) => Promise<T>,
): Promise<T> {
  if (!options.databaseUrl) return withPglite(options.supabase, options.from, fn);
  const name = `scenario_scratch_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onServer(options.databaseUrl, async (c) => {
    await c.query(`CREATE DATABASE ${name}`);
    // Every connection to it starts with Supabase's search path; nothing in it needs to survive a crash.
    if (options.supabase) await c.query(`ALTER DATABASE ${name} SET search_path TO ${SUPABASE_SEARCH_PATH}`);
    await c.query(`ALTER DATABASE ${name} SET synchronous_commit TO off`);
  });
  try {
    const url = new URL(options.databaseUrl);
    url.pathname = `/${name}`;
    const db = await openPostgres(url.toString(), { max: 1 });
    try {
      const unprovided = options.supabase ? await installSupabaseBaseline(db) : [];
      return await fn({ db, description: `temporary database ${name} on ${url.host}`, unprovided });
    } finally {
      await db.close();
    }
  } finally {
    await onServer(options.databaseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
