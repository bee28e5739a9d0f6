// Opens the database on first use, so commands that never touch it never open (or lock) it.
import { type Db, type OpenDbOptions, openDb } from "./db.ts";

export interface LazyDb {
  /** The database, opened on the first call. */
  get(): Promise<Db>;
  readonly opened: boolean;
  /** Close it if it was opened. */
  close(): Promise<void>;
}

export function lazyDb(options: OpenDbOptions, open: (o: OpenDbOptions) => Promise<Db> = openDb): LazyDb {
  let pending: Promise<Db> | undefined;
  return {
    get() {
      pending ??= open(options);
      return pending;
    },
    get opened() {
      return pending !== undefined;
    },
    async close() {
      if (!pending) return;
      const opening = pending;
      pending = undefined;
      const db = await opening.catch(() => undefined);
      await db?.close();
    },
  };
}
