// `scenario archive consolidate`: the plan's archive migration as an explicit, repeatable command.
// Dry-run computes the plan; apply does all of it in one transaction and checks that no row was
// lost before it commits. A second run finds nothing left and says so.
import type { Db } from "../db.ts";
import { ArchiveError, SchemaMissingError } from "../errors.ts";
import {
  columnsOf,
  LEGACY_TABLES,
  type LegacyTable,
  legacySourceSql,
  REGISTRY_TABLES,
  rowCount,
  tableExists,
} from "./catalog-tables.ts";

export interface TableMove {
  table: string;
  rows: number;
}

export interface LegacyFold {
  table: string;
  itemType: "script" | "package";
  rows: number;
  /** Rows not yet in sys_unified_archive. */
  pending: number;
}

export interface ConsolidationPlan {
  moves: TableMove[];
  /** Registry tables found neither in public nor to be moved. */
  absent: string[];
  /** Registry tables already in `archived`. */
  alreadyArchived: string[];
  legacy: LegacyFold[];
  nothingToDo: boolean;
}

export interface ConsolidationResult extends ConsolidationPlan {
  applied: boolean;
  /** Rows inserted into sys_unified_archive. */
  archiveRows: number;
}

async function requireArchiveTable(db: Db): Promise<void> {
  if (!(await tableExists(db, "public", "sys_unified_archive"))) {
    throw new SchemaMissingError("sys_unified_archive", "scenario archive consolidate");
  }
}

async function legacyPlan(db: Db, legacy: LegacyTable): Promise<LegacyFold | undefined> {
  if (!(await tableExists(db, "public", legacy.table))) return undefined;
  const columns = await columnsOf(db, "public", legacy.table);
  const missing = legacy.columns.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw new ArchiveError(
      legacy.table,
      `public.${legacy.table} lacks the column(s) ${missing.join(", ")} that consolidation reads (it needs ${legacy.columns.join(", ")}): add or rename them, then run again.`,
    );
  }
  const { rows } = await db.query<{ total: string | number; pending: string | number }>(
    `SELECT count(*) AS total,
       count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM sys_unified_archive u
         WHERE u.metadata->>'original_table' = $1 AND u.metadata->>'source_id' = s.source_id)) AS pending
     FROM (${legacySourceSql(legacy.table, columns.has("id"))}) s`,
    [legacy.table],
  );
  return {
    table: legacy.table,
    itemType: legacy.itemType,
    rows: Number(rows[0]?.total),
    pending: Number(rows[0]?.pending),
  };
}

export async function planConsolidation(db: Db): Promise<ConsolidationPlan> {
  await requireArchiveTable(db);
  const plan: ConsolidationPlan = {
    moves: [],
    absent: [],
    alreadyArchived: [],
    legacy: [],
    nothingToDo: true,
  };
  for (const table of REGISTRY_TABLES) {
    const inPublic = await tableExists(db, "public", table);
    const inArchived = await tableExists(db, "archived", table);
    if (inPublic && inArchived) {
      throw new ArchiveError(
        table,
        `${table} exists both as public.${table} and archived.${table}: compare them, drop or rename one, then run again.`,
      );
    }
    if (inPublic) plan.moves.push({ table, rows: await rowCount(db, "public", table) });
    else if (inArchived) plan.alreadyArchived.push(table);
    else plan.absent.push(table);
  }
  for (const legacy of LEGACY_TABLES) {
    const fold = await legacyPlan(db, legacy);
    if (!fold) continue;
    if (await tableExists(db, "archived", legacy.table)) {
      throw new ArchiveError(
        legacy.table,
        `${legacy.table} exists both as public.${legacy.table} and archived.${legacy.table} (consolidated before): move the new rows into archived.${legacy.table} or drop public.${legacy.table}, then run again.`,
      );
    }
    plan.legacy.push(fold);
  }
  plan.nothingToDo = plan.moves.length === 0 && plan.legacy.length === 0;
  return plan;
}

async function recordTableMove(
  tx: Db,
  table: string,
  rows: number,
  reason: string,
  extra: object = {},
): Promise<void> {
  await tx.query(
    `INSERT INTO sys_unified_archive (item_type, original_path, archive_path, reason, size_bytes, metadata)
     VALUES ('table', $1, $2, $3, pg_total_relation_size($4::regclass), $5::jsonb)`,
    [
      `public.${table}`,
      `archived.${table}`,
      reason,
      `archived."${table}"`,
      JSON.stringify({ row_count: rows, ...extra }),
    ],
  );
}

async function moveTable(tx: Db, table: string, expected: number): Promise<void> {
  await tx.query(`ALTER TABLE public."${table}" SET SCHEMA archived`);
  const after = await rowCount(tx, "archived", table);
  if (after !== expected) {
    throw new ArchiveError(
      table,
      `archived.${table} has ${after} row(s) after the move, expected ${expected}: nothing was changed.`,
    );
  }
}

async function foldLegacy(tx: Db, fold: LegacyFold): Promise<number> {
  const legacy = LEGACY_TABLES.find((l) => l.table === fold.table) as LegacyTable;
  const hasId = (await columnsOf(tx, "public", fold.table)).has("id");
  const inserted = await tx.query(
    `INSERT INTO sys_unified_archive (item_type, original_path, archive_path, archived_at, reason, metadata)
     SELECT ${legacy.select} FROM (${legacySourceSql(fold.table, hasId)}) s
     WHERE NOT EXISTS (SELECT 1 FROM sys_unified_archive u
       WHERE u.metadata->>'original_table' = $1 AND u.metadata->>'source_id' = s.source_id)`,
    [fold.table],
  );
  const { rows } = await tx.query<{ n: string | number }>(
    `SELECT count(DISTINCT u.metadata->>'source_id') AS n FROM sys_unified_archive u
     WHERE u.metadata->>'original_table' = $1
       AND u.metadata->>'source_id' IN (SELECT source_id FROM (${legacySourceSql(fold.table, hasId)}) s)`,
    [fold.table],
  );
  if (Number(rows[0]?.n) !== fold.rows) {
    throw new ArchiveError(
      fold.table,
      `only ${rows[0]?.n} of the ${fold.rows} row(s) of ${fold.table} are in sys_unified_archive after folding: nothing was changed.`,
    );
  }
  return inserted.rowCount;
}

/** Do the whole consolidation in one transaction; with nothing left to do, change nothing. */
export async function applyConsolidation(db: Db): Promise<ConsolidationResult> {
  return db.transaction(async (tx) => {
    // One consolidation at a time on a server.
    await tx.query("LOCK TABLE sys_unified_archive IN SHARE ROW EXCLUSIVE MODE").catch((error: unknown) => {
      throw (error as { code?: string }).code === "42P01"
        ? new SchemaMissingError("sys_unified_archive", "scenario archive consolidate")
        : error;
    });
    const plan = await planConsolidation(tx);
    if (plan.nothingToDo) return { ...plan, applied: false, archiveRows: 0 };
    await tx.query("CREATE SCHEMA IF NOT EXISTS archived");
    let archiveRows = 0;
    for (const move of plan.moves) {
      await moveTable(tx, move.table, move.rows);
      await recordTableMove(tx, move.table, move.rows, "registry table unused: archived by the phase 1 plan");
      archiveRows++;
    }
    for (const fold of plan.legacy) {
      archiveRows += await foldLegacy(tx, fold);
      // Retire the legacy table too, so nothing is folded twice and nobody writes to it any more.
      await moveTable(tx, fold.table, fold.rows);
      await recordTableMove(
        tx,
        fold.table,
        fold.rows,
        "legacy archive table folded into sys_unified_archive",
        {
          folded_into: "sys_unified_archive",
        },
      );
      archiveRows++;
    }
    return { ...plan, applied: true, archiveRows };
  });
}

export function formatConsolidation(
  result: ConsolidationPlan & { applied?: boolean; archiveRows?: number },
): string {
  if (result.nothingToDo) {
    const done =
      result.alreadyArchived.length > 0
        ? ` (${result.alreadyArchived.length} registry table(s) already in archived)`
        : "";
    return `nothing to consolidate: no registry_* table is left in public and no legacy archive table remains${done}.\n`;
  }
  const verb = result.applied ? "moved" : "would move";
  const lines = [
    result.applied
      ? `archive consolidated in one transaction: ${result.moves.length + result.legacy.length} table(s) moved, ${result.archiveRows} row(s) added to sys_unified_archive`
      : "archive consolidate (dry run): nothing is changed; run with --apply to do this in one transaction",
  ];
  for (const m of result.moves)
    lines.push(`  ${verb} public.${m.table} -> archived.${m.table} (${m.rows} row(s))`);
  for (const l of result.legacy) {
    lines.push(
      `  ${result.applied ? "folded" : "would fold"} ${l.pending} of ${l.rows} row(s) of ${l.table} into sys_unified_archive (item_type ${l.itemType}), then ${verb} it to archived.${l.table}`,
    );
  }
  if (result.alreadyArchived.length > 0)
    lines.push(`  already archived: ${result.alreadyArchived.join(", ")}`);
  if (result.absent.length > 0) lines.push(`  not present: ${result.absent.join(", ")}`);
  return `${lines.join("\n")}\n`;
}
