// Diff desired rows against stored rows of one table by key and content, and write only the
// difference with set-based statements (one per kind of change), so an unchanged sync writes nothing.
import type { Db } from "./db.ts";

export interface TableSpec {
  table: string;
  /** Key columns (unique together). */
  keys: string[];
  /** Value columns compared and written. */
  values: string[];
  /** PostgreSQL type of every key and value column. */
  types: Record<string, "text" | "int" | "boolean" | "jsonb">;
}

export type Row = Record<string, unknown>;

export interface TableDiff {
  inserts: Row[];
  updates: Row[];
  deletes: Row[];
}

/** JSON with sorted object keys, so jsonb read back compares equal to what was written. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Equal as stored values: primitives directly, objects (jsonb) by canonical JSON. */
function same(a: unknown, b: unknown): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (typeof x === "object" && typeof y === "object" && x !== null && y !== null)
    return canonical(x) === canonical(y);
  return false;
}

export function keyOf(spec: TableSpec, row: Row): string {
  return JSON.stringify(spec.keys.map((k) => row[k]));
}

export function diffTable(spec: TableSpec, stored: Row[], desired: Row[]): TableDiff {
  const current = new Map(stored.map((row) => [keyOf(spec, row), row]));
  const diff: TableDiff = { inserts: [], updates: [], deletes: [] };
  const wanted = new Set<string>();
  for (const row of desired) {
    const key = keyOf(spec, row);
    wanted.add(key);
    const before = current.get(key);
    if (!before) diff.inserts.push(row);
    else if (spec.values.some((c) => !same(before[c], row[c]))) diff.updates.push(row);
  }
  for (const [key, row] of current) if (!wanted.has(key)) diff.deletes.push(row);
  return diff;
}

function arrays(spec: TableSpec, columns: string[], rows: Row[]): unknown[] {
  return columns.map((c) =>
    rows.map((row) => {
      const v = row[c] ?? null;
      return spec.types[c] === "jsonb" && v !== null ? JSON.stringify(v) : v;
    }),
  );
}

/** `unnest($1::text[], ...) AS u(a, b)` with jsonb passed as text and cast back. */
function unnest(spec: TableSpec, columns: string[]): { from: string; select: string } {
  const args = columns.map((c, i) => `$${i + 1}::${spec.types[c] === "jsonb" ? "text" : spec.types[c]}[]`);
  const select = columns.map((c) => (spec.types[c] === "jsonb" ? `u.${c}::jsonb` : `u.${c}`));
  return { from: `unnest(${args.join(", ")}) AS u(${columns.join(", ")})`, select: select.join(", ") };
}

export async function readTable(db: Db, spec: TableSpec): Promise<Row[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${[...spec.keys, ...spec.values].join(", ")} FROM ${spec.table}`,
  );
  return rows;
}

export async function deleteRows(db: Db, spec: TableSpec, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const u = unnest(spec, spec.keys);
  await db.query(
    `DELETE FROM ${spec.table} t USING ${u.from} WHERE ${spec.keys.map((k) => `t.${k} = u.${k}`).join(" AND ")}`,
    arrays(spec, spec.keys, rows),
  );
}

export async function insertRows(db: Db, spec: TableSpec, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...spec.keys, ...spec.values];
  const u = unnest(spec, columns);
  await db.query(
    `INSERT INTO ${spec.table} (${columns.join(", ")}) SELECT ${u.select} FROM ${u.from}`,
    arrays(spec, columns, rows),
  );
}

export async function updateRows(db: Db, spec: TableSpec, rows: Row[], extraSet = ""): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...spec.keys, ...spec.values];
  const u = unnest(spec, columns);
  const sets = spec.values.map((c) => `${c} = ${spec.types[c] === "jsonb" ? `u.${c}::jsonb` : `u.${c}`}`);
  if (extraSet) sets.push(extraSet);
  await db.query(
    `UPDATE ${spec.table} t SET ${sets.join(", ")} FROM ${u.from} WHERE ${spec.keys.map((k) => `t.${k} = u.${k}`).join(" AND ")}`,
    arrays(spec, columns, rows),
  );
}
