// New PGlite databases start from a template kept in the cache folder: made once, loaded after,
// never carrying what an earlier database did, remade when the file is bad; on disk as in memory.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.ts";
import { openPglite } from "../../src/store/pglite-db.ts";
import { templatePath } from "../../src/store/pglite-template.ts";

let cache: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  cache = mkdtempSync(join(tmpdir(), "scenario-cache-"));
  env = { SCENARIO_CACHE_DIR: cache };
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));

const tables = async (db: Db) =>
  (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"))
    .rows[0]?.n;

describe("new PGlite databases", { timeout: 60_000 }, () => {
  it("keep a template on first use; the next one loads it and has none of the first one's tables", async () => {
    const file = templatePath(env);
    expect(file).toMatch(new RegExp(`^${cache}/pglite-\\d+\\.\\d+\\.\\d+-template\\.tar\\.gz$`));
    const first = await openPglite({ dataDir: "memory://", env });
    await first.exec("CREATE TABLE leftover (id int)");
    await first.close();
    const made = statSync(file);
    expect(made.size).toBeGreaterThan(1_000_000);

    const second = await openPglite({ dataDir: "memory://", env });
    expect(await tables(second)).toBe(0);
    await second.exec("CREATE TABLE t (id int PRIMARY KEY); ALTER TABLE t ENABLE ROW LEVEL SECURITY;");
    await second.close();
    // Loaded, not remade: the file is the one the first database wrote.
    expect(statSync(file).mtimeMs).toBe(made.mtimeMs);
  });

  it("a new folder on disk starts from the template, and keeps what is written when reopened", async () => {
    await (await openPglite({ dataDir: "memory://", env })).close();
    const made = statSync(templatePath(env)).mtimeMs;
    const dataDir = join(cache, "repo", ".scenario", "db");
    const db = await openPglite({ dataDir, env });
    expect(await tables(db)).toBe(0);
    await db.exec("CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
    await db.close();
    expect(statSync(templatePath(env)).mtimeMs).toBe(made);

    const again = await openPglite({ dataDir, env });
    expect((await again.query<{ id: number }>("SELECT id FROM kept")).rows).toEqual([{ id: 7 }]);
    await again.close();
  });

  // Three initdb runs: minutes on a loaded machine.
  it("a truncated template is not used: on disk the database is made anew, in memory the template too", {
    timeout: 240_000,
  }, async () => {
    const file = templatePath(env);
    await (await openPglite({ dataDir: "memory://", env })).close();
    writeFileSync(file, readFileSync(file).subarray(0, 100_000));
    const onDisk = await openPglite({ dataDir: join(cache, "db"), env });
    expect(await tables(onDisk)).toBe(0);
    await onDisk.close();
    expect(statSync(file).size).toBe(100_000);
    const inMemory = await openPglite({ dataDir: "memory://", env });
    expect(await tables(inMemory)).toBe(0);
    await inMemory.close();
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
  });

  it("a new folder on disk with no template yet is made by initdb, and keeps none", async () => {
    const db = await openPglite({ dataDir: join(cache, "db"), env });
    expect(await tables(db)).toBe(0);
    await db.close();
    expect(() => statSync(templatePath(env))).toThrow(/ENOENT/);
  });

  it("a cache folder that cannot be written costs only the time", async () => {
    writeFileSync(join(cache, "blocked"), "a file where the folder would be");
    const db = await openPglite({
      dataDir: "memory://",
      env: { SCENARIO_CACHE_DIR: join(cache, "blocked", "deeper") },
    });
    expect(await tables(db)).toBe(0);
    await db.close();
  });
});
