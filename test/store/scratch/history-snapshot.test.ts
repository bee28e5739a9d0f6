// A replayed history kept for later checks (src/store/scratch/history-snapshot.ts) gives what the
// replay gives: the same outcome per file, the same verdict and checks, the session settings the
// files left; a later check replays only the files after it; what does not read back whole, or a
// history with temporary objects, is replayed as if nothing were kept.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runScratchDb, type ScratchOptions } from "../../../src/store/scratch/run-scratch.ts";
import { ADMIN_URL } from "../../support/test-db.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../../fixtures/dhg-mono-migrations");
const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
const temp = (name: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  made.push(dir);
  return dir;
};

/** dhg-mono's committed subset, a file that leaves a session setting, one that fails, and a target. */
function migrations(extra: Record<string, string> = {}): string {
  const dir = path.join(temp("history"), "supabase", "migrations");
  fs.cpSync(FIXTURE, dir, { recursive: true });
  fs.rmSync(path.join(dir, "README.md"));
  const files: Record<string, string> = {
    "20250610000000_session_timeout.sql": "set statement_timeout = 12345;\n",
    "20250611000000_needs_missing.sql":
      "alter table public.nowhere add column x int;\ncreate table public.kept (id int);\n",
    // Passes only where the history's session setting is in force, as a replay in one session leaves it.
    "20250620000000_target.sql":
      "do $$ begin if current_setting('statement_timeout') <> '12345ms' then raise exception 'lost: %', current_setting('statement_timeout'); end if; end $$;\ncreate table public.target_made (id int);\n",
    ...extra,
  };
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}

async function check(migrationsDir: string, historyCache: string | false, databaseUrl?: string) {
  const lines: string[] = [];
  const options: ScratchOptions = {
    migrationsDir,
    assertRls: [],
    historyCache,
    keepAfterMs: 0,
    log: (l) => lines.push(l),
    ...(databaseUrl ? { databaseUrl } : {}),
  };
  const result = await runScratchDb(options);
  // What a kept history must give back as the replay gave it.
  const same = {
    history: result.history.map(({ file, ...outcome }) => ({ file: file.name, ...outcome })),
    skipped: result.skipped.map((f) => f.name),
    verdict: result.verdict,
    checks: result.checks,
    exitCode: result.exitCode,
  };
  return { same, lines, result };
}

const SLOW = { timeout: 120_000 };

describe("kept histories", SLOW, () => {
  it("give what the replay gives, session settings included, and a later check replays only the files after", async () => {
    const cache = temp("history-cache");
    const dir = migrations();
    const replayed = await check(dir, cache);
    expect(replayed.lines[0]).toBe("scratch database: in-memory PGlite");
    expect(replayed.result.verdict.status).toBe("pass");
    expect(replayed.result.history.find((o) => o.file.name.includes("needs_missing"))?.failures).toHaveLength(
      1,
    );
    const kept = fs.readdirSync(cache).filter((f) => f.includes("-history-"));
    expect(kept).toHaveLength(2);
    for (const file of kept) expect(file).toMatch(/^pglite-.+-history-[0-9a-f]{64}\.(json|tar\.gz)$/);

    const again = await check(dir, cache);
    const ups = replayed.result.history.length;
    expect(again.lines[0]).toBe(
      `scratch database: in-memory PGlite, the first ${ups} of ${ups} migrations as kept from an earlier replay`,
    );
    expect(again.same).toEqual(replayed.same);

    // A new migration: the kept history is the start, the new file is replayed on it.
    fs.writeFileSync(path.join(dir, "20250612000000_later.sql"), "create table public.later (id int);\n");
    const later = await check(dir, cache);
    expect(later.lines[0]).toBe(
      `scratch database: in-memory PGlite, the first ${ups} of ${ups + 1} migrations as kept from an earlier replay`,
    );
    expect(later.same).toEqual((await check(dir, false)).same);
  });

  it("are replayed again when a kept one does not read back whole", async () => {
    const cache = temp("history-cache");
    const dir = migrations();
    const replayed = await check(dir, cache);
    for (const file of fs.readdirSync(cache).filter((f) => f.endsWith(".tar.gz")))
      fs.writeFileSync(path.join(cache, file), "not gzip");
    const again = await check(dir, cache);
    expect(again.lines[0]).toBe("scratch database: in-memory PGlite");
    expect(again.same).toEqual(replayed.same);
  });

  it("are not kept when the history leaves a temporary table, nor when it is on a server", async () => {
    const cache = temp("history-cache");
    await check(
      migrations({ "20250615000000_temporary.sql": "create temp table scratch_rows (x int);\n" }),
      cache,
    );
    expect(fs.readdirSync(cache).filter((f) => f.includes("-history-"))).toEqual([]);
    const onServer = await check(migrations(), cache, ADMIN_URL);
    expect(onServer.result.verdict.status).toBe("pass");
    expect(fs.readdirSync(cache).filter((f) => f.includes("-history-"))).toEqual([]);
  });

  it("keep the four used last", async () => {
    const cache = temp("history-cache");
    for (let i = 0; i < 5; i++) {
      const name = `2025061${i}000000_table_${i}.sql`;
      await check(migrations({ [name]: `create table public.t${i} (id int);\n` }), cache);
    }
    expect(fs.readdirSync(cache).filter((f) => f.endsWith(".json"))).toHaveLength(4);
    expect(fs.readdirSync(cache).filter((f) => f.endsWith(".tar.gz"))).toHaveLength(4);
  });
});
