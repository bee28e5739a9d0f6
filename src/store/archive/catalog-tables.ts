// The tables the phase 1 plan retires: nine registry tables moved to the `archived` schema, and two
// legacy archive tables whose rows fold into sys_unified_archive.
import type { Db } from "../db.ts";

export const REGISTRY_TABLES = [
  "registry_services",
  "registry_service_imports",
  "registry_service_exports",
  "registry_service_dependencies",
  "registry_dependency_graph",
  "registry_circular_dependencies",
  "registry_missing_services",
  "registry_duplicate_exports",
  "registry_scan_history",
] as const;

export interface LegacyTable {
  table: "sys_archived_scripts" | "sys_archived_packages";
  itemType: "script" | "package";
  /** Columns the plan's INSERT ... SELECT reads. */
  columns: string[];
  /** The plan's projection into sys_unified_archive (item_type, original_path, archive_path, archived_at, reason, metadata). */
  select: string;
}

export const LEGACY_TABLES: LegacyTable[] = [
  {
    table: "sys_archived_scripts",
    itemType: "script",
    columns: ["script_path", "archive_location", "archived_at", "reason"],
    select: `'script', s.script_path, s.archive_location, s.archived_at, s.reason,
      jsonb_build_object('original_table', 'sys_archived_scripts', 'source_id', s.source_id)`,
  },
  {
    table: "sys_archived_packages",
    itemType: "package",
    columns: ["package_name", "version", "archived_at", "reason"],
    select: `'package', s.package_name, NULL, s.archived_at, s.reason,
      jsonb_build_object('version', s.version, 'original_table', 'sys_archived_packages', 'source_id', s.source_id)`,
  },
];

export async function tableExists(db: Db, schema: string, table: string): Promise<boolean> {
  const { rows } = await db.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [
    `"${schema}"."${table}"`,
  ]);
  return Boolean(rows[0]?.t);
}

export async function rowCount(db: Db, schema: string, table: string): Promise<number> {
  const { rows } = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM "${schema}"."${table}"`);
  return Number(rows[0]?.n ?? 0);
}

export async function columnsOf(db: Db, schema: string, table: string): Promise<Set<string>> {
  const { rows } = await db.query<{ c: string }>(
    "SELECT column_name AS c FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2",
    [schema, table],
  );
  return new Set(rows.map((r) => r.c));
}

/**
 * The legacy rows with a stable source id: the `id` column when there is one, else a content hash
 * numbered among identical rows, so two identical legacy rows stay two archive entries.
 */
export function legacySourceSql(table: string, hasId: boolean): string {
  const key = hasId
    ? "t.id::text"
    : "md5(row_to_json(t)::text) || ':' || row_number() OVER (PARTITION BY md5(row_to_json(t)::text) ORDER BY t.ctid)";
  return `SELECT t.*, ${key} AS source_id FROM public."${table}" t`;
}
