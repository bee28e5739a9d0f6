// Scratch PGlite databases start from a template kept in the cache folder: made once, loaded after,
// never carrying what an earlier scratch database did, and remade when the file is bad.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshPglite, templatePath } from "../../../src/store/scratch/pglite-template.ts";

let cache: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), "scenario-cache-"));
  env = { SCENARIO_CACHE_DIR: cache };
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));

const tables = async (db: Awaited<ReturnType<typeof freshPglite>>) =>
  (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"))
    .rows[0]?.n;

describe("freshPglite", { timeout: 60_000 }, () => {
  it("keeps a template on first use; the next database loads it and has none of the first one's tables", async () => {
    const file = templatePath(env);
    expect(file).toMatch(new RegExp(`^${cache}/pglite-\\d+\\.\\d+\\.\\d+-template\\.tar\\.gz$`));
    const first = await freshPglite(env);
    await first.exec("CREATE TABLE leftover (id int)");
    await first.close();
    const made = statSync(file);
    expect(made.size).toBeGreaterThan(1_000_000);

    const second = await freshPglite(env);
    expect(await tables(second)).toBe(0);
    await second.exec("CREATE TABLE t (id int PRIMARY KEY); ALTER TABLE t ENABLE ROW LEVEL SECURITY;");
    await second.close();
    // Loaded, not remade: the file is the one the first database wrote.
    expect(statSync(file).mtimeMs).toBe(made.mtimeMs);
  });

  it("a truncated template is remade, and the database works", async () => {
    const file = templatePath(env);
    await (await freshPglite(env)).close();
    writeFileSync(file, readFileSync(file).subarray(0, 100_000));
    const db = await freshPglite(env);
    expect(await tables(db)).toBe(0);
    await db.close();
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
  });

  it("a cache folder that cannot be written costs only the time", async () => {
    writeFileSync(join(cache, "blocked"), "a file where the folder would be");
    const db = await freshPglite({ SCENARIO_CACHE_DIR: join(cache, "blocked", "deeper") });
    expect(await tables(db)).toBe(0);
    await db.close();
  });
});
