// Which files of a migrations folder make the up history, in the order a migration tool applies
// them (file name order, as the Supabase CLI does), and which are not up migrations and why:
// rollback files under the names tools use (`*_down.sql`, `*.down.sql`, `*_rollback.sql`,
// `*_revert.sql`, `*_undo.sql`, Flyway's `U<version>__*.sql`), unfilled drafts whose name still holds
// a placeholder (`[timestamp]_x.sql`, `{timestamp}_x.sql`, `<timestamp>_x.sql`, `YYYYMMDDHHMMSS_x.sql`),
// and files without a version prefix. A file that keeps its down part below a marker line
// (`-- Down Migration` of node-pg-migrate, `-- migrate:down` of dbmate, `-- +goose Down`,
// `-- +migrate Down`) contributes only what is above it.
import fs from "node:fs";
import path from "node:path";
import { messageOf, ScratchDbError } from "../errors.ts";

export type MigrationKind = "up" | "down" | "draft" | "unversioned";

export interface MigrationFile {
  name: string;
  path: string;
  kind: MigrationKind;
  /** Why a file that is not `up` is left out of the history. */
  reason?: string;
  /** The text that is applied: the file, cut at its down marker. */
  sql: string;
  /** 1-based line of the down marker that cut the file, if any. */
  downMarkerLine?: number;
}

const DOWN_NAME = /(?:[._-](?:down|rollback|revert|undo)|^U\d+(?:[._]\d+)*__.*)\.sql$/i;
const PLACEHOLDER =
  /[[{<]\s*(?:timestamp|version|date|time|ts|n|num|number)\s*[\]}>]|^(?:YYYY|TIMESTAMP|X{4,})/i;
const VERSIONED = /^(?:\d|V\d)/;
const DOWN_MARKER =
  /^[ \t]*--[ \t]*(?:down[ \t]+migration|migrate:down|\+goose[ \t]+down|\+migrate[ \t]+down)[ \t:]*$/im;

function classify(name: string): { kind: MigrationKind; reason?: string } {
  if (PLACEHOLDER.test(name))
    return {
      kind: "draft",
      reason: "an unfilled draft: its name still holds a placeholder instead of a version",
    };
  if (DOWN_NAME.test(name)) return { kind: "down", reason: "a down (rollback) migration" };
  if (!VERSIONED.test(name))
    return {
      kind: "unversioned",
      reason: "no version prefix (migration tools apply only <version>_<name>.sql)",
    };
  return { kind: "up" };
}

/** The part of a migration above its down marker, and the marker's line. */
export function upSection(sql: string): { sql: string; downMarkerLine?: number } {
  const marker = DOWN_MARKER.exec(sql);
  if (!marker) return { sql };
  return {
    sql: sql.slice(0, marker.index),
    downMarkerLine: sql.slice(0, marker.index).split("\n").length,
  };
}

/** Larger files are refused rather than read: a migration (or a schema dump) is far smaller. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** A file's text, refused with a clear error past MAX_FILE_BYTES. */
export function readSqlFile(file: string): string {
  const size = fs.statSync(file).size;
  if (size > MAX_FILE_BYTES)
    throw new ScratchDbError(
      file,
      `${file} is ${(size / 1024 / 1024).toFixed(1)} MB; scratch-db reads .sql files up to ${MAX_FILE_BYTES / 1024 / 1024} MB: split it, or leave data out of it.`,
    );
  return fs.readFileSync(file, "utf8");
}

/** Every `.sql` file of `dir`, in name order, classified. */
export function readMigrationFolder(dir: string): MigrationFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    throw new ScratchDbError(
      dir,
      `cannot read the migrations folder ${dir}: ${messageOf(error)}; pass --migrations <folder of .sql files>.`,
    );
  }
  const files = names.filter((n) => n.toLowerCase().endsWith(".sql")).sort();
  if (files.length === 0)
    throw new ScratchDbError(dir, `${dir} holds no .sql file; pass --migrations <folder of .sql files>.`);
  return files.map((name) => {
    const file = path.join(dir, name);
    const { kind, reason } = classify(name);
    const { sql, downMarkerLine } = upSection(readSqlFile(file));
    return { name, path: file, kind, reason, sql, downMarkerLine };
  });
}

/** The version a name starts with (`20250529000002`, `001`, `V2_1`), for grouping files made together. */
export function versionOf(name: string): string {
  return /^V?\d+(?:[._]\d+)*/i.exec(name)?.[0] ?? name;
}

/**
 * The migrations under review: those named (paths relative to the folder or absolute, or bare names),
 * else the up migrations that share the newest version.
 */
export function pickTargets(files: MigrationFile[], named: string[]): MigrationFile[] {
  if (named.length > 0) {
    return named.map((wanted) => {
      const base = path.basename(wanted);
      const found = files.find((f) => f.name === base);
      if (!found)
        throw new ScratchDbError(
          wanted,
          `--check ${wanted}: no such .sql file in the migrations folder; name one of its files.`,
        );
      return found;
    });
  }
  const ups = files.filter((f) => f.kind === "up");
  const newest = ups.at(-1);
  if (!newest) return [];
  return ups.filter((f) => versionOf(f.name) === versionOf(newest.name));
}
