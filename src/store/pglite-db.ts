// The `Db` over embedded PGlite: a folder on disk (guarded by a lock file) or `memory://`.
import fs from "node:fs";
import path from "node:path";
import type { Extensions, PGlite, Transaction } from "@electric-sql/pglite";
import type { Db, QueryResult } from "./db.ts";
import { DbOpenError } from "./errors.ts";
import { createPglite } from "./pglite-create.ts";
import { type FolderLock, lockFolder } from "./pglite-lock.ts";
import { isNewDataDir, newPglite } from "./pglite-template.ts";
import { withSavepoint } from "./savepoint.ts";

type Runner = Pick<Transaction, "query" | "exec">;

async function runQuery<T>(on: Runner, sql: string, params?: unknown[]): Promise<QueryResult<T>> {
  const result = await on.query<T>(sql, params);
  return { rows: result.rows, rowCount: result.affectedRows || result.rows.length };
}

function txDb(tx: Transaction, depth: number): Db {
  const db: Db = {
    kind: "pglite",
    query: (sql, params) => runQuery(tx, sql, params),
    exec: async (sql) => {
      await tx.exec(sql);
    },
    transaction: (fn) => withSavepoint(db, depth + 1, () => fn(txDb(tx, depth + 1))),
    close: async () => {},
  };
  return db;
}

export function wrapPglite(pglite: PGlite, onClose: () => void = () => {}): Db {
  return {
    kind: "pglite",
    query: (sql, params) => runQuery(pglite, sql, params),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    transaction: (fn) => pglite.transaction((tx) => fn(txDb(tx, 0))),
    close: async () => {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        onClose();
      }
    },
  };
}

/** A new database (memory://, or a missing or empty folder) starts from the cached template (pglite-template.ts). */
export async function openPglite(options: {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** PGlite extensions to load (only a new database may ask for them). */
  extensions?: Extensions;
}): Promise<Db> {
  const { dataDir } = options;
  const create = () =>
    isNewDataDir(dataDir) ? newPglite(dataDir, options.env, options.extensions) : createPglite(dataDir);
  if (dataDir.startsWith("memory://")) return wrapPglite(await create());
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // Keep the embedded database out of git even in repositories whose .gitignore does not know it.
  const ignore = path.join(path.dirname(dataDir), ".gitignore");
  if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, "*\n");
  const lock: FolderLock = lockFolder(dataDir);
  try {
    return wrapPglite(await create(), () => lock.release());
  } catch (error) {
    lock.release();
    throw new DbOpenError(dataDir, error);
  }
}
