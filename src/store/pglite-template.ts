// A new PGlite runs initdb (~2 s here); one loaded from the files of a database just made takes
// ~0.4 s. The first new in-memory database keeps such a copy (gzip, ~4.5 MB) in the user's cache
// folder, named by PGlite's version, and every later new database, in any process, starts from it:
// scratch databases, the embedded store of a new checkout. A copy that does not load is made again;
// a cache folder that cannot be written only costs the time.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { Extensions, PGlite } from "@electric-sql/pglite";
import { cacheDir } from "../os/cache-dir.ts";
import { createPglite } from "./pglite-create.ts";

let version: string | undefined;

/** PGlite's version when it is installed as a package (a bundle of it reads "bundled"). */
function pgliteVersion(): string {
  if (version) return version;
  try {
    const entry = fileURLToPath(import.meta.resolve("@electric-sql/pglite"));
    const manifest = readFileSync(join(dirname(entry), "..", "package.json"), "utf8");
    version = (JSON.parse(manifest) as { version: string }).version;
  } catch {
    version = "bundled";
  }
  return version;
}

/** `$SCENARIO_CACHE_DIR`, else `$XDG_CACHE_HOME/scenario-bot`, else `~/.cache/scenario-bot`. */
export function templatePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheDir(env), `pglite-${pgliteVersion()}-template.tar.gz`);
}

/** Whether `dataDir` would be a new database: `memory://`, or a folder that is missing or empty. */
export function isNewDataDir(dataDir: string): boolean {
  if (dataDir.startsWith("memory://")) return true;
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

/**
 * A new database at `dataDir` (see isNewDataDir), from the cached template when there is a good one.
 * `extensions` are loaded into it (a scratch database's pgcrypto, uuid-ossp); the template has none.
 */
export async function newPglite(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  extensions?: Extensions,
): Promise<PGlite> {
  const file = templatePath(env);
  const saved = await readFile(file).catch(() => undefined);
  if (saved) {
    try {
      // Unpacked here: zlib checks the file whole (a truncated one throws), where PGlite's own streaming
      // gunzip would leave an unhandled stream error behind.
      const tar = gunzipSync(saved);
      return await createPglite(dataDir, { loadDataDir: new Blob([tar]), extensions });
    } catch {
      // Damaged, or made by another PGlite: what it left is removed and the database made anew.
      if (!dataDir.startsWith("memory://")) rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const pglite = await createPglite(dataDir, { extensions });
  // Only in-memory databases keep one (~0.5 s): they are the ones made again and again (a scratch
  // database per check); an embedded store is made once per checkout, often on a runner that is gone after.
  if (dataDir.startsWith("memory://"))
    await keepTemplate(file, await pglite.dumpDataDir("gzip")).catch(() => undefined);
  return pglite;
}

/** Keep a template at `file`: written beside and renamed over, so a reader never sees half a file. */
export async function keepTemplate(file: string, data: Blob): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, Buffer.from(await data.arrayBuffer()));
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
}
