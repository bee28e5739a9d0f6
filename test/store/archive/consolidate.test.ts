import { describe, expect, it } from "vitest";
import { REGISTRY_TABLES, rowCount, tableExists } from "../../../src/store/archive/catalog-tables.ts";
import {
  applyConsolidation,
  formatConsolidation,
  planConsolidation,
} from "../../../src/store/archive/consolidate.ts";
import type { Db } from "../../../src/store/db.ts";
import { createLegacyArchives, createLegacySchema } from "../../support/legacy-archive-schema.ts";
import { BACKENDS, useTestDb } from "../../support/test-db.ts";

async function archiveRows(db: Db) {
  const { rows } = await db.query<{
    item_type: string;
    original_path: string;
    archive_path: string | null;
    metadata: Record<string, unknown>;
  }>(
    "SELECT item_type, original_path, archive_path, metadata FROM sys_unified_archive ORDER BY item_type, original_path, metadata->>'source_id'",
  );
  return rows;
}

describe.each(BACKENDS)("archive consolidate on %s", (kind) => {
  const t = useTestDb(kind, "archive_consolidate");

  it("moves every registry table with its rows and folds each legacy row exactly once, twice in a row", async () => {
    const counts = await createLegacySchema(t.db);
    await createLegacyArchives(t.db);

    const dry = await planConsolidation(t.db);
    expect(dry.moves.map((m) => [m.table, m.rows])).toEqual(
      REGISTRY_TABLES.map((table) => [table, counts[table]]),
    );
    expect(dry.legacy).toEqual([
      { table: "sys_archived_scripts", itemType: "script", rows: 3, pending: 3 },
      { table: "sys_archived_packages", itemType: "package", rows: 2, pending: 2 },
    ]);
    expect(formatConsolidation(dry)).toContain(
      "would move public.registry_services -> archived.registry_services (1 row(s))",
    );
    expect(await tableExists(t.db, "public", "registry_services")).toBe(true);
    expect(await archiveRows(t.db)).toEqual([]);

    const first = await applyConsolidation(t.db);
    expect(first).toMatchObject({ applied: true, archiveRows: 9 + 2 + 5 });
    for (const table of REGISTRY_TABLES) {
      expect(await tableExists(t.db, "public", table)).toBe(false);
      expect(await rowCount(t.db, "archived", table)).toBe(counts[table]);
    }
    // The foreign key between two moved tables survived the move.
    await expect(
      t.db.query("INSERT INTO archived.registry_service_imports (service_id) VALUES (999)"),
    ).rejects.toThrow(/foreign key/);

    const second = await applyConsolidation(t.db);
    expect(second).toMatchObject({ applied: false, nothingToDo: true, archiveRows: 0 });
    expect(formatConsolidation(second)).toBe(
      "nothing to consolidate: no registry_* table is left in public and no legacy archive table remains (9 registry table(s) already in archived).\n",
    );

    const rows = await archiveRows(t.db);
    const legacy = rows.filter((r) => r.item_type !== "table");
    expect(
      legacy.map((r) => [r.item_type, r.original_path, r.archive_path, r.metadata.original_table]),
    ).toEqual([
      ["package", "@corp/legacy-auth", null, "sys_archived_packages"],
      ["package", "@corp/old-ui", null, "sys_archived_packages"],
      ["script", "scripts/dup.sh", "archive/scripts/dup.sh", "sys_archived_scripts"],
      ["script", "scripts/dup.sh", "archive/scripts/dup.sh", "sys_archived_scripts"],
      ["script", "scripts/old-deploy.sh", "archive/scripts/old-deploy.sh", "sys_archived_scripts"],
    ]);
    expect(legacy.find((r) => r.original_path === "@corp/old-ui")?.metadata.version).toBe("1.2.3");
    const tables = rows.filter((r) => r.item_type === "table");
    expect(tables.map((r) => r.original_path).sort()).toEqual(
      [...REGISTRY_TABLES, "sys_archived_packages", "sys_archived_scripts"].map((x) => `public.${x}`).sort(),
    );
    expect(tables.find((r) => r.original_path === "public.registry_scan_history")).toMatchObject({
      archive_path: "archived.registry_scan_history",
      metadata: { row_count: counts.registry_scan_history },
    });
    // The legacy tables themselves kept their rows in archived.
    expect(await rowCount(t.db, "archived", "sys_archived_scripts")).toBe(3);
    const { rows: summary } = await t.db.query<{ item_type: string; total_items: string | number }>(
      "SELECT item_type, total_items FROM sys_archive_summary_view ORDER BY item_type",
    );
    expect(summary.map((s) => [s.item_type, Number(s.total_items)])).toEqual([
      ["package", 2],
      ["script", 3],
      ["table", 11],
    ]);
  });

  it("works with only some of the tables, and with none", async () => {
    expect(await applyConsolidation(t.db)).toMatchObject({ applied: false, nothingToDo: true });
    await createLegacySchema(t.db, ["registry_services", "registry_scan_history"]);
    const plan = await planConsolidation(t.db);
    expect(plan.moves.map((m) => m.table)).toEqual(["registry_services", "registry_scan_history"]);
    expect(plan.absent).toHaveLength(7);
    expect(plan.legacy).toEqual([]);
    expect(await applyConsolidation(t.db)).toMatchObject({ applied: true, archiveRows: 2 });
    expect(await rowCount(t.db, "archived", "registry_scan_history")).toBe(2);
  });

  it("changes nothing when a table exists in both schemas, and says which", async () => {
    await createLegacySchema(t.db, ["registry_services", "registry_missing_services"]);
    await createLegacyArchives(t.db);
    await t.db.exec("CREATE SCHEMA archived; CREATE TABLE archived.registry_missing_services (id int)");
    await expect(applyConsolidation(t.db)).rejects.toThrow(
      "registry_missing_services exists both as public.registry_missing_services and archived.registry_missing_services: compare them, drop or rename one, then run again.",
    );
    expect(await tableExists(t.db, "public", "registry_services")).toBe(true);
    expect(await archiveRows(t.db)).toEqual([]);
  });

  it("refuses a legacy table without the columns the plan reads", async () => {
    await t.db.exec("CREATE TABLE sys_archived_packages (id serial, package_name text)");
    await expect(planConsolidation(t.db)).rejects.toThrow(
      "public.sys_archived_packages lacks the column(s) version, archived_at, reason that consolidation reads",
    );
  });
});
