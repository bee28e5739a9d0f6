// Opening the run store, one way for the App, the Action and the CLI: PostgreSQL from a connection
// string, else the repository's embedded PGlite; scenario-bot's own migrations applied on open (each
// once, checksummed, in a transaction, so applying them is safe at any time), checked once per process
// and database. `scenario migrate` remains for doing it ahead of time.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { RunStore } from "../engine/ports.ts";
import { type Db, embeddedDbDir, type OpenDbOptions, openDb } from "./db.ts";
import { migrate } from "./migrations.ts";
import { SqlRunStore } from "./run-store.ts";

export interface OpenedStore {
  db: Db;
  store: RunStore;
  close(): Promise<void>;
}

const migrated = new Set<string>();

export async function openRunStore(options: OpenDbOptions): Promise<OpenedStore> {
  const db = await openDb(options);
  const key = options.databaseUrl?.trim() || options.pgliteDir || embeddedDbDir(options.repoRoot);
  try {
    if (!migrated.has(key)) {
      await migrate(db, migrationsNextToBundle());
      // An in-memory database is new every time it is opened.
      if (!key.startsWith("memory://")) migrated.add(key);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return { db, store: new SqlRunStore({ db }), close: () => db.close() };
}

/** In the Action's bundle (dist/index.js) the migrations are copied next to it; from source, the store's default. */
function migrationsNextToBundle(): { dir?: string } {
  const dir = fileURLToPath(new URL("./migrations/", import.meta.url));
  return existsSync(dir) ? { dir } : {};
}
