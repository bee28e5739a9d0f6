// The archive audit: tables that look unused, archive entries that disagree with the repository or
// the database, legacy rows not yet consolidated, and the summary view. Returns data; renderers in
// audit-render.ts.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db.ts";
import { messageOf, SchemaMissingError } from "../errors.ts";
import type { ArchiveSummaryRow, AuditFinding, AuditReport } from "./audit-types.ts";
import { tableExists } from "./catalog-tables.ts";
import { gitMentions, type MentionCheck } from "./code-mentions.ts";
import { planConsolidation } from "./consolidate.ts";

/** scenario-bot's own tables are used by scenario-bot, whatever the repository's code says. */
const OWN_TABLES = new Set([
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
  "scenario_schema_migrations",
]);

export interface AuditOptions {
  /** How to tell whether a table name appears in the code; git grep over `repoRoot` by default. */
  mentions?: MentionCheck;
  now?: () => Date;
}

async function unusedTables(db: Db, mentions: MentionCheck): Promise<AuditFinding[]> {
  const { rows } = await db.query<{ schema: string; name: string; live: string | number }>(
    `SELECT s.schemaname AS schema, s.relname AS name, s.n_live_tup AS live
     FROM pg_stat_user_tables s
     WHERE s.schemaname NOT IN ('archived', 'pg_catalog', 'information_schema')
       AND coalesce(s.seq_scan, 0) + coalesce(s.idx_scan, 0) = 0
       AND coalesce(s.n_tup_ins, 0) + coalesce(s.n_tup_upd, 0) + coalesce(s.n_tup_del, 0) = 0
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.contype = 'f' AND c.confrelid = s.relid AND c.conrelid <> s.relid)
       AND NOT EXISTS (SELECT 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
                       WHERE d.refobjid = s.relid AND r.ev_class <> s.relid)
     ORDER BY 1, 2`,
  );
  const findings: AuditFinding[] = [];
  for (const row of rows) {
    if (row.schema === "public" && OWN_TABLES.has(row.name)) continue;
    if (await mentions(row.name)) continue;
    const qualified = `${row.schema}.${row.name}`;
    findings.push({
      severity: "warning",
      kind: "unused-table",
      subject: qualified,
      message: `${qualified} looks unused: no scans or writes since statistics were reset, nothing references it, and no code outside migrations mentions it (${Number(row.live)} live row(s))`,
      hint: `confirm nothing reads it, then move it to the archived schema and record it in sys_unified_archive`,
    });
  }
  return findings;
}

interface EntryRow {
  id: string;
  item_type: string;
  original_path: string;
  archive_path: string | null;
  metadata: Record<string, unknown> | null;
}

async function relationExists(db: Db, qualified: string): Promise<boolean> {
  const [schema, name] = qualified.includes(".") ? qualified.split(".", 2) : ["public", qualified];
  return tableExists(db, schema ?? "public", name ?? "");
}

function insideRepo(repoRoot: string, p: string): string | undefined {
  const absolute = path.resolve(repoRoot, p);
  const relative = path.relative(repoRoot, absolute);
  return relative.startsWith("..") || path.isAbsolute(relative) ? undefined : absolute;
}

async function entryFindings(db: Db, repoRoot: string): Promise<AuditFinding[]> {
  const { rows } = await db.query<EntryRow>(
    "SELECT id::text AS id, item_type, original_path, archive_path, metadata FROM sys_unified_archive ORDER BY archived_at, id",
  );
  const findings: AuditFinding[] = [];
  for (const row of rows) {
    const legacy =
      typeof row.metadata?.original_table === "string" ? ` (from ${row.metadata.original_table})` : "";
    if (row.item_type === "table") {
      if (await relationExists(db, row.original_path)) {
        findings.push({
          severity: "warning",
          kind: "original-still-exists",
          subject: row.original_path,
          message: `archived table ${row.original_path} still exists at its original place`,
          hint: `drop or move ${row.original_path}, or delete archive entry ${row.id} if it was restored`,
        });
      }
      if (row.archive_path && !(await relationExists(db, row.archive_path))) {
        findings.push({
          severity: "error",
          kind: "archive-missing",
          subject: row.archive_path,
          message: `archived table ${row.original_path} is missing from ${row.archive_path}`,
          hint: `restore ${row.archive_path} from a backup, or record why it was dropped in entry ${row.id}'s restoration_notes`,
        });
      }
      continue;
    }
    if (row.item_type === "package") continue; // a package name, not a path
    const original = insideRepo(repoRoot, row.original_path);
    if (original && fs.existsSync(original)) {
      findings.push({
        severity: "warning",
        kind: "original-still-exists",
        subject: row.original_path,
        message: `archived ${row.item_type} ${row.original_path}${legacy} still exists at its original path`,
        hint: `remove ${row.original_path} or delete archive entry ${row.id} if it was restored on purpose`,
      });
    }
    const archived = row.archive_path ? insideRepo(repoRoot, row.archive_path) : undefined;
    if (row.archive_path && (!archived || !fs.existsSync(archived))) {
      findings.push({
        // Legacy rows point into another system's layout: worth a look, not a failure.
        severity: legacy ? "warning" : "error",
        kind: "archive-missing",
        subject: row.archive_path,
        message: `archived ${row.item_type} ${row.original_path}${legacy} is missing from ${row.archive_path}`,
        hint: `restore ${row.archive_path} from git history (git log --all -- ${row.original_path}) or correct entry ${row.id}`,
      });
    }
  }
  return findings;
}

async function consolidationFindings(db: Db): Promise<AuditFinding[]> {
  try {
    const plan = await planConsolidation(db);
    const findings: AuditFinding[] = plan.legacy
      .filter((l) => l.pending > 0)
      .map((l) => ({
        severity: "warning" as const,
        kind: "legacy-not-consolidated" as const,
        subject: `public.${l.table}`,
        message: `${l.pending} of ${l.rows} row(s) of ${l.table} are not in sys_unified_archive yet`,
        hint: "run `scenario archive consolidate` to review, then `scenario archive consolidate --apply`",
      }));
    for (const move of plan.moves) {
      findings.push({
        severity: "warning",
        kind: "registry-not-archived",
        subject: `public.${move.table}`,
        message: `public.${move.table} (${move.rows} row(s)) is still in public; the plan archives it`,
        hint: "run `scenario archive consolidate` to review, then `scenario archive consolidate --apply`",
      });
    }
    return findings;
  } catch (error) {
    return [
      {
        severity: "error",
        kind: "consolidation-blocked",
        subject: (error as { subject?: string }).subject ?? "archive",
        message: messageOf(error),
        hint: "resolve the conflict, then run `scenario archive consolidate`",
      },
    ];
  }
}

async function summary(db: Db): Promise<ArchiveSummaryRow[]> {
  const { rows } = await db.query<{
    item_type: string;
    total_items: string | number;
    earliest_archive: Date | null;
    latest_archive: Date | null;
    unique_archivers: string | number;
  }>("SELECT * FROM sys_archive_summary_view ORDER BY item_type");
  return rows.map((r) => ({
    itemType: r.item_type,
    totalItems: Number(r.total_items),
    earliestArchive: r.earliest_archive ? new Date(r.earliest_archive).toISOString() : null,
    latestArchive: r.latest_archive ? new Date(r.latest_archive).toISOString() : null,
    uniqueArchivers: Number(r.unique_archivers),
  }));
}

export async function auditArchive(
  db: Db,
  repoRoot: string,
  options: AuditOptions = {},
): Promise<AuditReport> {
  if (!(await tableExists(db, "public", "sys_unified_archive"))) {
    throw new SchemaMissingError("sys_unified_archive", "scenario archive audit");
  }
  const findings = [
    ...(await consolidationFindings(db)),
    ...(await entryFindings(db, repoRoot)),
    ...(await unusedTables(db, options.mentions ?? gitMentions(repoRoot))),
  ];
  const order = { error: 0, warning: 1, info: 2 };
  findings.sort((a, b) => order[a.severity] - order[b.severity] || a.subject.localeCompare(b.subject));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return {
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    findings,
    summary: await summary(db),
    counts,
  };
}
