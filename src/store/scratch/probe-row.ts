// Insert one row into any table, as a superuser, filling what the table demands: required columns
// get a value of their type, a required foreign key gets a parent row inserted the same way.
import { randomUUID } from "node:crypto";
import type { Db } from "../db.ts";
import { ScratchDbError } from "../errors.ts";

interface ColumnInfo {
  name: string;
  type: string;
  category: string;
  typname: string;
  not_null: boolean;
  has_default: boolean;
  parent: number | null;
  parent_column: string | null;
  first_label: string | null;
}

function quote(ident: string): string {
  return `"${ident.replaceAll('"', '""')}"`;
}

function valueFor(column: ColumnInfo): string | null {
  const unique = randomUUID().slice(0, 8);
  if (column.typname === "uuid") return randomUUID();
  switch (column.category) {
    case "S":
      return column.typname === "bpchar" ? "p" : `probe_${unique}`;
    case "N":
      return String(1 + Math.floor(Math.random() * 30_000));
    case "B":
      return "true";
    case "D":
      return new Date().toISOString();
    case "E":
      return column.first_label;
    case "A":
      return "{}";
    case "I":
      return "127.0.0.1";
    default:
      return column.typname === "json" || column.typname === "jsonb" ? "{}" : null;
  }
}

async function columnsOf(db: Db, oid: number): Promise<ColumnInfo[]> {
  const { rows } = await db.query<ColumnInfo>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, t.typcategory AS category,
       t.typname, a.attnotnull AS not_null,
       (ad.adbin IS NOT NULL OR a.attidentity <> '' OR a.attgenerated <> '') AS has_default,
       fk.confrelid::int AS parent, fk.parent_column,
       (SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = a.atttypid ORDER BY e.enumsortorder LIMIT 1) AS first_label
     FROM pg_attribute a
     JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
     LEFT JOIN LATERAL (
       SELECT c.confrelid, (SELECT p.attname FROM pg_attribute p WHERE p.attrelid = c.confrelid AND p.attnum = c.confkey[1]) AS parent_column
       FROM pg_constraint c
       WHERE c.conrelid = a.attrelid AND c.contype = 'f' AND array_length(c.conkey, 1) = 1 AND c.conkey[1] = a.attnum
       LIMIT 1) fk ON true
     WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attnum`,
    [oid],
  );
  return rows;
}

/** Insert a probe row into the table `oid`; returns the value of `returning` in it. */
export async function insertProbeRow(
  db: Db,
  oid: number,
  label: string,
  returning?: string,
  depth = 0,
): Promise<unknown> {
  if (depth > 5)
    throw new ScratchDbError(
      label,
      `${label}: foreign keys nest more than 5 deep; cannot build a probe row.`,
    );
  const columns = await columnsOf(db, oid);
  const names: string[] = [];
  const values: string[] = [];
  const params: unknown[] = [];
  for (const column of columns) {
    if (!column.not_null || column.has_default) continue;
    let value: unknown;
    if (column.parent !== null && column.parent_column) {
      value = await insertProbeRow(
        db,
        column.parent,
        `${label} -> ${column.name}`,
        column.parent_column,
        depth + 1,
      );
    } else {
      value = valueFor(column);
      if (value === null) {
        throw new ScratchDbError(
          label,
          `${label}: cannot make up a value of type ${column.type} for the required column ${column.name}; give it a default or seed a row in a migration.`,
        );
      }
    }
    params.push(value === null || value === undefined ? null : String(value));
    names.push(quote(column.name));
    values.push(`$${params.length}::${column.type}`);
  }
  const { rows: rel } = await db.query<{ name: string }>("SELECT $1::int::regclass::text AS name", [oid]);
  const target = rel[0]?.name ?? String(oid);
  const sql =
    names.length > 0
      ? `INSERT INTO ${target} (${names.join(", ")}) VALUES (${values.join(", ")})`
      : `INSERT INTO ${target} DEFAULT VALUES`;
  // The row a trigger made already (a profile per new auth user) is as good a probe row as this one.
  const conflict = depth === 0 ? " ON CONFLICT DO NOTHING" : "";
  const insert = `${sql}${conflict} RETURNING ${returning ? quote(returning) : "1"} AS v`;
  // A parent row (an auth user the owner column references) is made without its triggers when they
  // refuse it: only the probed table's own triggers matter.
  const { rows } =
    depth === 0
      ? await db.query<Record<string, unknown>>(insert, params)
      : await queryTriggersPermitting<Record<string, unknown>>(db, insert, params);
  return rows[0]?.v;
}

/**
 * `sql` with the table's triggers, in a savepoint; when a trigger refuses it, again without user
 * triggers (`session_replication_role = replica`, superuser only). A sign-up trigger on auth.users
 * that needs what a real sign-up sends (webscopeio/supabase-modules' handle_new_user() copies the
 * metadata's username into a NOT NULL column) would otherwise stop every probe of a table whose
 * owner column references auth.users.
 */
export async function queryTriggersPermitting<T extends Record<string, unknown>>(
  db: Db,
  sql: string,
  params: unknown[] = [],
): Promise<{ rows: T[] }> {
  try {
    return await db.transaction((sp) => sp.query<T>(sql, params));
  } catch {
    await db.query("SET LOCAL session_replication_role = replica");
    try {
      return await db.query<T>(sql, params);
    } finally {
      await db.query("SET LOCAL session_replication_role = origin");
    }
  }
}
