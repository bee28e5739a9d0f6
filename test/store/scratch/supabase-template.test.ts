import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSupabasePglite } from "../../../src/store/scratch/supabase-template.ts";

const cache = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-supabase-template-"));
const env = { SCENARIO_CACHE_DIR: cache };
afterAll(() => fs.rmSync(cache, { recursive: true, force: true }));

async function baselineIsThere(): Promise<unknown> {
  const { db, unprovided } = await openSupabasePglite(env);
  try {
    const { rows } = await db.query(
      `SELECT to_regclass('auth.users')::text AS users, to_regclass('storage.objects')::text AS objects,
         (SELECT count(*)::int FROM pg_roles WHERE rolname IN ('anon', 'authenticated', 'service_role')) AS roles,
         extensions.uuid_generate_v4() IS NOT NULL AS uuid, length(extensions.gen_random_bytes(4)) AS bytes,
         current_setting('search_path') AS search_path`,
    );
    return { unprovided, ...rows[0] };
  } finally {
    await db.close();
  }
}

const EXPECTED = {
  unprovided: [],
  users: "auth.users",
  objects: "storage.objects",
  roles: 3,
  uuid: true,
  bytes: 4,
  search_path: '"$user", public, extensions',
};

describe("openSupabasePglite", () => {
  it("keeps a copy with the baseline in the cache folder, loads it next time, and remakes a damaged one", async () => {
    expect(await baselineIsThere()).toEqual(EXPECTED);
    const [kept] = fs.readdirSync(cache).filter((f) => f.includes("-supabase-"));
    expect(kept).toMatch(/^pglite-.+-supabase-[0-9a-f]{12}\.tar\.gz$/);
    const file = path.join(cache, kept as string);
    const first = fs.statSync(file).mtimeMs;
    expect(await baselineIsThere()).toEqual(EXPECTED);
    expect(fs.statSync(file).mtimeMs).toBe(first);
    fs.writeFileSync(file, "not a gzip");
    expect(await baselineIsThere()).toEqual(EXPECTED);
    expect(fs.statSync(file).size).toBeGreaterThan(1_000_000);
  }, 180_000);
});
