// An in-memory PGlite with the Supabase baseline already in it. Installing the baseline (roles,
// auth, storage, two extensions) costs more than loading a database that has it, so the first
// scratch database keeps a copy beside PGlite's own template (pglite-template.ts), named by PGlite's
// version and a hash of the baseline, and later ones load it. A copy that does not load is made anew;
// a cache folder that cannot be written only costs the time.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import type { PGlite } from "@electric-sql/pglite";
import type { Db } from "../db.ts";
import { createPglite } from "../pglite-create.ts";
import { wrapPglite } from "../pglite-db.ts";
import { keepTemplate, newPglite, templatePath } from "../pglite-template.ts";
import { SCRATCH_EXTENSIONS } from "./pglite-extensions.ts";
import { BASELINE_SQL, installSupabaseBaseline, SUPABASE_SEARCH_PATH } from "./supabase-baseline.ts";

const EXTENSIONS = SCRATCH_EXTENSIONS;

function supabaseTemplatePath(env: NodeJS.ProcessEnv): string {
  const hash = createHash("sha256").update(BASELINE_SQL).digest("hex").slice(0, 12);
  return templatePath(env).replace(/-template\.tar\.gz$/, `-supabase-${hash}.tar.gz`);
}

/** A database loaded from a tar of one made here (history-snapshot.ts), with Supabase's search path. */
export async function openSupabasePgliteFrom(tar: Blob): Promise<{ db: Db; pglite: PGlite }> {
  const pglite = await createPglite("memory://", { loadDataDir: tar, extensions: EXTENSIONS });
  const db = wrapPglite(pglite);
  await db.exec(`SET search_path TO ${SUPABASE_SEARCH_PATH}`);
  return { db, pglite };
}

/** A new in-memory database with the Supabase baseline; `unprovided` lists what it lacks. */
export async function openSupabasePglite(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ db: Db; unprovided: string[]; pglite: PGlite }> {
  const file = supabaseTemplatePath(env);
  const saved = await readFile(file).catch(() => undefined);
  if (saved) {
    try {
      return { ...(await openSupabasePgliteFrom(new Blob([gunzipSync(saved)]))), unprovided: [] };
    } catch {
      // Damaged or from another PGlite: made anew below.
    }
  }
  const pglite = await newPglite("memory://", env, EXTENSIONS);
  const db = wrapPglite(pglite);
  const unprovided = await installSupabaseBaseline(db);
  // Only a complete baseline is worth keeping; the dump is taken before any migration runs.
  if (unprovided.length === 0)
    await keepTemplate(file, await pglite.dumpDataDir("gzip")).catch(() => undefined);
  return { db, unprovided, pglite };
}
