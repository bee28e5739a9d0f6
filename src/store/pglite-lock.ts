// PGlite is one process's private database: two processes opening the same folder would corrupt it,
// and its advisory locks do not reach across processes. A lock file next to the folder, holding the
// owner's pid, keeps a second process out; a lock left by a dead process is taken over.
import fs from "node:fs";
import { isProcessAlive } from "../os/process-alive.ts";
import { DbLockedError } from "./errors.ts";

export interface FolderLock {
  readonly file: string;
  release(): void;
}

function readHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Take the lock of `dataDir` for this process, or throw `DbLockedError` naming the live holder. */
export function lockFolder(dataDir: string): FolderLock {
  const file = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      return {
        file,
        release: () => {
          if (readHolder(file) === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(file);
      // The same process opening the folder twice would corrupt it just the same.
      if (holder !== undefined && isProcessAlive(holder)) throw new DbLockedError(dataDir, holder, file);
      // Stale (dead holder or a half-written file): remove and try again.
      fs.rmSync(file, { force: true });
    }
  }
  throw new DbLockedError(dataDir, readHolder(file) ?? 0, file);
}
