// Archive consolidation on a database holding the legacy tables with thousands of rows, the CLI
// process SIGKILLed in the middle of `--apply`, then run again: the kill left the database exactly as
// it was (one transaction), and the second run ends where an unbroken run ends, with no row lost or
// duplicated. Real PostgreSQL, the real `scenario` binary in a child process.
import { spawn } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { REGISTRY_TABLES } from "../../src/store/archive/catalog-tables.ts";
import type { Db } from "../../src/store/db.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { tempRepo } from "../support/cli-in-process.ts";
import { createServerDatabase, dropServerDatabase } from "../support/test-db.ts";

const NODE = path.resolve("node_modules/.bin/node");
const BIN = path.resolve("bin/scenario.js");
const ROWS = Number(process.env.HOSTILE_ARCHIVE_ROWS ?? (process.env.HOSTILE_FULL ? 20_000 : 5000));
const names = {
  unbroken: `scenario_test_hostile_arch_a_${process.pid}`,
  killed: `scenario_test_hostile_arch_b_${process.pid}`,
};
const urls: Record<string, string> = {};
let cwd: string;

async function cli(url: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd,
    env: { ...process.env, DATABASE_URL: url },
    isTTY: false,
  });
  return { code, out: out.join(""), err: err.join("") };
}

async function withDb<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openPostgres(url);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Nine registry tables and both legacy archives, each with ROWS rows (the scripts with duplicates). */
async function seed(url: string): Promise<void> {
  expect((await cli(url, "migrate")).code).toBe(0);
  await withDb(url, async (db) => {
    for (const table of REGISTRY_TABLES) {
      await db.exec(`CREATE TABLE ${table} (id serial PRIMARY KEY, service_id int, name text)`);
      await db.query(
        `INSERT INTO ${table} (service_id, name) SELECT g % 97, '${table} row ' || g FROM generate_series(1, $1::int) g`,
        [ROWS],
      );
    }
    await db.exec(
      "CREATE TABLE sys_archived_scripts (script_path text, archive_location text, archived_at timestamptz, reason text)",
    );
    await db.query(
      `INSERT INTO sys_archived_scripts SELECT 'scripts/s' || (g % ($1::int / 2)) || '.sh', 'archive/scripts/s' || (g % ($1::int / 2)) || '.sh', '2025-01-01T00:00:00Z'::timestamptz + g * interval '1 minute', 'old' FROM generate_series(1, $1::int) g`,
      [ROWS],
    );
    await db.exec(
      "CREATE TABLE sys_archived_packages (id serial PRIMARY KEY, package_name text, version text, archived_at timestamptz, reason text)",
    );
    await db.query(
      `INSERT INTO sys_archived_packages (package_name, version, archived_at, reason) SELECT '@corp/p' || g, '1.0.' || g, '2025-02-01T00:00:00Z', 'merged' FROM generate_series(1, $1::int) g`,
      [ROWS],
    );
  });
}

/** Every table's schema, name and row count, and the unified archive's content, order-independent. */
async function snapshot(url: string): Promise<Record<string, unknown>> {
  return withDb(url, async (db) => {
    const tables = await db.query<{ s: string; t: string }>(
      "SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema IN ('public', 'archived') AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'scenario_%' ORDER BY 1, 2",
    );
    const counts: Record<string, number> = {};
    for (const { s, t } of tables.rows) {
      counts[`${s}.${t}`] = Number(
        (await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${s}"."${t}"`)).rows[0]?.n,
      );
    }
    const unified = await db.query<{ n: string; digest: string }>(
      "SELECT count(*)::text AS n, md5(coalesce(string_agg(item_type || '|' || original_path || '|' || coalesce(archive_path, ''), ',' ORDER BY item_type, original_path, archive_path), '')) AS digest FROM sys_unified_archive",
    );
    return { counts, unified: unified.rows[0] };
  });
}

/** Starts `scenario archive consolidate --apply` and SIGKILLs it once its transaction has begun. */
async function killMidApply(url: string): Promise<{ out: string; sawTransaction: boolean }> {
  const database = new URL(url).pathname.slice(1);
  const watcher = new pg.Client({ connectionString: url });
  await watcher.connect();
  const child = spawn(NODE, [BIN, "archive", "consolidate", "--apply"], {
    cwd,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => {
    out += d;
  });
  child.stderr.on("data", (d) => {
    out += d;
  });
  const closed = new Promise((resolve) => child.on("close", resolve));
  let sawTransaction = false;
  try {
    for (let i = 0; i < 4000 && child.exitCode === null; i++) {
      const busy = await watcher.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND xact_start IS NOT NULL AND query ILIKE ANY (ARRAY['%archived%', '%sys_unified_archive%', '%ALTER TABLE%'])",
        [database],
      );
      if (busy.rows[0]?.n > 0) {
        sawTransaction = true;
        break;
      }
      await sleep(2);
    }
    child.kill("SIGKILL");
    await closed;
    // The server notices the dead client and rolls its transaction back; wait until it has.
    for (let i = 0; i < 500; i++) {
      const left = await watcher.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [database],
      );
      if (left.rows[0]?.n === 0) break;
      await sleep(10);
    }
  } finally {
    await watcher.end();
  }
  return { out, sawTransaction };
}

beforeAll(async () => {
  cwd = tempRepo({ "src/app.ts": "export {};\n" });
  for (const [key, name] of Object.entries(names)) {
    urls[key] = await createServerDatabase(name);
    await seed(urls[key] as string);
  }
}, 120_000);
afterAll(async () => {
  for (const name of Object.values(names)) await dropServerDatabase(name);
});

describe("archive consolidate --apply killed midway", () => {
  it("leaves the database as it was, and the next run ends like an unbroken one: no row lost or duplicated", async () => {
    const unbroken = urls.unbroken as string;
    const killed = urls.killed as string;
    const before = await snapshot(killed);
    expect(before).toEqual(await snapshot(unbroken));

    const done = await cli(unbroken, "archive", "consolidate", "--apply");
    expect(done.code, done.err).toBe(0);
    const expected = await snapshot(unbroken);
    expect(expected).not.toEqual(before);

    const kill = await killMidApply(killed);
    expect(kill.sawTransaction, "the kill must land inside the apply transaction").toBe(true);
    expect(kill.out).not.toContain("archive consolidated");
    expect(await snapshot(killed)).toEqual(before);

    const again = await cli(killed, "archive", "consolidate", "--apply");
    expect(again.code, again.err).toBe(0);
    expect(again.out).toBe(done.out);
    expect(await snapshot(killed)).toEqual(expected);
    // Every legacy row is in the unified archive once: the counts add up.
    const rows = expected.counts as Record<string, number>;
    expect(rows["archived.sys_archived_packages"]).toBe(ROWS);
    expect(rows["archived.sys_archived_scripts"]).toBe(ROWS);
    for (const table of REGISTRY_TABLES) expect(rows[`archived.${table}`]).toBe(ROWS);
  }, 120_000);
});
