import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, migrationStatus, readMigrations } from "../../src/store/migrations.ts";
import { BACKENDS, useTestDb } from "../support/test-db.ts";

const tempDirs: string[] = [];
function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-migrations-"));
  tempDirs.push(dir);
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  return dir;
}
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function tables(db: import("../../src/store/db.ts").Db): Promise<string[]> {
  const { rows } = await db.query<{ t: string }>(
    "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
  );
  return rows.map((r) => r.t);
}

describe.each(BACKENDS)("migrations on %s", (kind) => {
  const t = useTestDb(kind, "migrations", { migrated: false });

  it("applies the shipped migrations once, in order, and creates the plan's tables", async () => {
    const first = await migrate(t.db);
    expect(first.applied).toEqual(readMigrations().map((m) => m.name));
    expect(await tables(t.db)).toEqual(
      expect.arrayContaining([
        "sys_scenario_definitions",
        "sys_scenario_dependencies",
        "sys_scenario_steps",
        "sys_scenario_parameters",
        "scenario_runs",
        "scenario_step_runs",
        "scenario_manual_tasks",
        "webhook_deliveries",
        "scenario_locks",
        "sys_unified_archive",
        "sys_archive_summary_view",
      ]),
    );
    expect(await migrate(t.db)).toEqual({ applied: [], alreadyApplied: first.applied.length });
    const status = await migrationStatus(t.db);
    expect(status.pending).toEqual([]);
    expect(status.applied.map((m) => m.checksum)).toEqual(readMigrations().map((m) => m.checksum));
  });

  it("enforces the plan's CHECK constraints", async () => {
    await migrate(t.db);
    await expect(
      t.db.query(
        "INSERT INTO sys_scenario_definitions (scenario_id, object_type, name) VALUES ('x', 'robot', 'X')",
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(
      t.db.query(
        "INSERT INTO sys_scenario_definitions (scenario_id, object_type, name, automation_readiness) VALUES ('x', 'cli', 'X', 101)",
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(
      t.db.query("INSERT INTO sys_unified_archive (item_type, original_path) VALUES ('table', 'public.t')"),
    ).resolves.toMatchObject({ rowCount: 1 });
  });

  it("reports pending migrations and refuses an applied file that changed, naming it", async () => {
    const dir = migrationsDir({
      "0001_a.sql": "CREATE TABLE a (id int);",
      "0002_b.sql": "CREATE TABLE b (id int);",
    });
    await migrate(t.db, { dir });
    fs.writeFileSync(path.join(dir, "0003_c.sql"), "CREATE TABLE c (id int);");
    expect((await migrationStatus(t.db, dir)).pending.map((m) => m.name)).toEqual(["0003_c.sql"]);
    fs.writeFileSync(path.join(dir, "0001_a.sql"), "CREATE TABLE a (id bigint);");
    await expect(migrate(t.db, { dir })).rejects.toThrow(
      "migration 0001_a.sql was changed after it was applied (its sha256 differs from the one recorded in scenario_schema_migrations): restore the file and put the change in a new migration.",
    );
    expect(await tables(t.db)).not.toContain("c");
  });

  it("rolls a failing migration back whole and says where it failed", async () => {
    const dir = migrationsDir({
      "0001_ok.sql": "CREATE TABLE ok (id int);",
      "0002_bad.sql": "CREATE TABLE half (id int);\nINSERT INTO half VALUES (1);\nSELEC nonsense;\n",
    });
    await expect(migrate(t.db, { dir })).rejects.toThrow(
      /^migration 0002_bad\.sql:3 failed: syntax error at or near "SELEC"\. Nothing of it was applied \(it runs in one transaction\)\.$/,
    );
    expect(await tables(t.db)).toEqual(["ok", "scenario_schema_migrations"]);
    expect((await migrationStatus(t.db, dir)).pending.map((m) => m.name)).toEqual(["0002_bad.sql"]);
  });

  it("explains a migration whose objects already exist (applied by hand, half-way)", async () => {
    const dir = migrationsDir({ "0001_a.sql": "CREATE TABLE a (id int);\nCREATE TABLE b (id int);" });
    await t.db.exec("CREATE TABLE b (id int)");
    await expect(migrate(t.db, { dir })).rejects.toThrow(
      /^migration 0001_a\.sql failed: relation "b" already exists\. The database already holds objects this migration creates: it was partly applied outside the migration runner\./,
    );
  });

  it("refuses a file named without its number", () => {
    const dir = migrationsDir({ "add_index.sql": "SELECT 1;" });
    expect(() => readMigrations(dir)).toThrow(/add_index\.sql: a migration's name starts with its number/);
  });
});
