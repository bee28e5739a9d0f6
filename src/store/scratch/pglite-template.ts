// A new PGlite runs initdb (~2 s here); one loaded from the files of a database just made takes
// ~0.5 s. The first scratch database keeps such a copy (gzip, ~4.5 MB) in the user's cache folder,
// named by PGlite's version, and every later one, in any process, starts from it. A copy that does not
// load is made again; a cache folder that cannot be written only costs the time.
import { readFileSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import type { Db } from "../db.ts";
import { wrapPglite } from "../pglite-db.ts";

/** PGlite's version when it is installed as a package (a bundle of it reads "bundled"). */
function pgliteVersion(): string {
  try {
    const entry = fileURLToPath(import.meta.resolve("@electric-sql/pglite"));
    const manifest = readFileSync(join(dirname(entry), "..", "package.json"), "utf8");
    return (JSON.parse(manifest) as { version: string }).version;
  } catch {
    return "bundled";
  }
}

/** `$SCENARIO_CACHE_DIR`, else `$XDG_CACHE_HOME/scenario-bot`, else `~/.cache/scenario-bot`. */
export function templatePath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.SCENARIO_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "scenario-bot");
  return join(dir, `pglite-${pgliteVersion()}-template.tar.gz`);
}

/** An empty in-memory PGlite, from the cached template when there is a good one. */
export async function freshPglite(env: NodeJS.ProcessEnv = process.env): Promise<Db> {
  const file = templatePath(env);
  const saved = await readFile(file).catch(() => undefined);
  if (saved) {
    try {
      // Unpacked here: zlib checks the file whole (a truncated one throws), where PGlite's own streaming
      // gunzip would leave an unhandled stream error behind.
      const tar = gunzipSync(saved);
      return wrapPglite(await PGlite.create("memory://", { loadDataDir: new Blob([tar]) }));
    } catch {
      // Damaged, or made by another PGlite: made again below.
    }
  }
  const pglite = await PGlite.create("memory://");
  await keep(file, await pglite.dumpDataDir("gzip")).catch(() => undefined);
  return wrapPglite(pglite);
}

/** Written beside and renamed over, so a reader never sees half a file. */
async function keep(file: string, data: Blob): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  try {
    await writeFile(partial, Buffer.from(await data.arrayBuffer()));
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
}
