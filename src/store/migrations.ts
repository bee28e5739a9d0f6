// A small migration runner: plain numbered SQL files, applied in name order, each once, each in its
// own transaction, recorded with its sha256. node-pg-migrate would want a `pg` client and its own
// migration format; PGlite is not a `pg` client, and the runner is this one file.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Db } from "./db.ts";
import { MigrationError, messageOf } from "./errors.ts";

export const MIGRATIONS_TABLE = "scenario_schema_migrations";

/** The migrations shipped with scenario-bot. */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL("../../migrations/", import.meta.url));
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  name: string;
  checksum: string;
  appliedAt: Date;
}

export interface MigrationStatus {
  applied: AppliedMigration[];
  pending: MigrationFile[];
  /** Applied files whose content changed since. */
  changed: string[];
  /** Applied migrations whose file is gone from the folder. */
  missing: string[];
}

const FILE_NAME = /^\d+[_-][\w.-]*\.sql$/;

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function readMigrations(dir: string = defaultMigrationsDir()): MigrationFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.endsWith(".sql"));
  } catch (error) {
    throw new MigrationError(dir, `cannot read the migrations folder ${dir}: ${messageOf(error)}`);
  }
  for (const name of names) {
    if (!FILE_NAME.test(name)) {
      throw new MigrationError(
        name,
        `${path.join(dir, name)}: a migration's name starts with its number, e.g. 0004_add_index.sql; rename it.`,
      );
    }
  }
  return names.sort().map((name) => {
    const sql = fs.readFileSync(path.join(dir, name), "utf8");
    return { name, sql, checksum: sha256(sql) };
  });
}

async function ensureTable(db: Db): Promise<void> {
  try {
    await db.query(`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (
      name TEXT PRIMARY KEY,
      checksum TEXT NOT NULL,
      applied_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
    )`);
  } catch (error) {
    // Two first-time migrate runs race on IF NOT EXISTS; the loser sees a duplicate: the table is there.
    if (!["23505", "42P07"].includes((error as { code?: string }).code ?? "")) throw error;
  }
}

async function readApplied(db: Db): Promise<AppliedMigration[]> {
  const exists = await db.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [
    MIGRATIONS_TABLE,
  ]);
  if (!exists.rows[0]?.t) return [];
  const { rows } = await db.query<{ name: string; checksum: string; applied_at: Date }>(
    `SELECT name, checksum, applied_at FROM ${MIGRATIONS_TABLE} ORDER BY name`,
  );
  return rows.map((row) => ({ name: row.name, checksum: row.checksum, appliedAt: row.applied_at }));
}

export async function migrationStatus(
  db: Db,
  dir: string = defaultMigrationsDir(),
): Promise<MigrationStatus> {
  const files = readMigrations(dir);
  const applied = await readApplied(db);
  const byName = new Map(applied.map((m) => [m.name, m]));
  const fileNames = new Set(files.map((f) => f.name));
  return {
    applied,
    pending: files.filter((f) => !byName.has(f.name)),
    changed: files
      .filter((f) => byName.has(f.name) && byName.get(f.name)?.checksum !== f.checksum)
      .map((f) => f.name),
    missing: applied.filter((m) => !fileNames.has(m.name)).map((m) => m.name),
  };
}

function lineOf(sql: string, position: unknown): string {
  const offset = Number(position);
  if (!Number.isInteger(offset) || offset <= 0) return "";
  return `:${sql.slice(0, offset - 1).split("\n").length}`;
}

function failure(file: MigrationFile, error: unknown): MigrationError {
  const code = (error as { code?: string }).code;
  const where = `${file.name}${lineOf(file.sql, (error as { position?: unknown }).position)}`;
  // 42P07 duplicate table, 42710 duplicate object, 42P06 duplicate schema, 42701 duplicate column.
  const partly = ["42P07", "42710", "42P06", "42701"].includes(code ?? "");
  const why = partly
    ? " The database already holds objects this migration creates: it was partly applied outside the migration runner."
    : " Nothing of it was applied (it runs in one transaction).";
  const fix = partly
    ? "Drop those objects (or restore the database), then try again."
    : "Fix the file, then try again.";
  return new MigrationError(file.name, `migration ${where} failed: ${messageOf(error)}.${why}`, error, [
    { do: "say", text: fix },
  ]);
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

/** Apply every pending migration. A changed applied file stops everything before any change. */
export async function migrate(db: Db, options: { dir?: string } = {}): Promise<MigrateResult> {
  const dir = options.dir ?? defaultMigrationsDir();
  const status = await migrationStatus(db, dir);
  const [changed] = status.changed;
  if (changed) {
    throw new MigrationError(
      changed,
      `migration ${changed} was changed after it was applied (its sha256 differs from the one recorded in ${MIGRATIONS_TABLE}): restore the file and put the change in a new migration.`,
    );
  }
  // Already there when a migration was applied: every open of the store (each CLI command) comes
  // here, and on the embedded database the DDL costs more than the two reads before it.
  if (status.pending.length > 0 || status.applied.length === 0) await ensureTable(db);
  const applied: string[] = [];
  for (const file of status.pending) {
    const ran = await db
      .transaction(async (tx) => {
        // Serialise concurrent `migrate` runs on a server: the second waits, then sees the row.
        await tx.query(`LOCK TABLE ${MIGRATIONS_TABLE} IN SHARE ROW EXCLUSIVE MODE`);
        const seen = await tx.query(`SELECT 1 FROM ${MIGRATIONS_TABLE} WHERE name = $1`, [file.name]);
        if (seen.rowCount > 0) return false;
        await tx.exec(file.sql);
        await tx.query(`INSERT INTO ${MIGRATIONS_TABLE} (name, checksum) VALUES ($1, $2)`, [
          file.name,
          file.checksum,
        ]);
        return true;
      })
      .catch((error: unknown) => {
        throw error instanceof MigrationError ? error : failure(file, error);
      });
    if (ran) applied.push(file.name);
  }
  return { applied, alreadyApplied: status.applied.length };
}

/** Throw unless every shipped migration is applied; for commands that need the schema. */
export async function assertMigrated(db: Db, what: string, dir?: string): Promise<void> {
  const status = await migrationStatus(db, dir);
  if (status.pending.length > 0) {
    throw new MigrationError(
      status.pending[0]?.name ?? "",
      `${what} needs the database schema, but ${status.pending.length} migration(s) are not applied (first: ${status.pending[0]?.name})`,
      undefined,
      [{ do: "migrate" }],
    );
  }
}
