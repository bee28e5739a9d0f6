// The tables the phase 1 plan found in the user's database, with rows, for consolidation tests.

import { REGISTRY_TABLES } from "../../src/store/archive/catalog-tables.ts";
import type { Db } from "../../src/store/db.ts";

export async function createLegacySchema(
  db: Db,
  tables: readonly string[] = REGISTRY_TABLES,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [i, table] of tables.entries()) {
    const fk =
      table === "registry_service_imports" && tables.includes("registry_services")
        ? " REFERENCES registry_services(id)"
        : "";
    await db.exec(`CREATE TABLE ${table} (id serial PRIMARY KEY, service_id int${fk}, name text)`);
    const rows = (i % 4) + 1;
    await db.query(
      `INSERT INTO ${table} (service_id, name) SELECT ${fk ? "1" : "NULL"}, 'row ' || g FROM generate_series(1, $1::int) g`,
      [rows],
    );
    counts[table] = rows;
  }
  return counts;
}

/** The legacy archive tables: scripts without an id (two identical rows), packages with one. */
export async function createLegacyArchives(db: Db): Promise<void> {
  await db.exec(`
    CREATE TABLE sys_archived_scripts (script_path text, archive_location text, archived_at timestamptz, reason text);
    INSERT INTO sys_archived_scripts VALUES
      ('scripts/old-deploy.sh', 'archive/scripts/old-deploy.sh', '2025-01-02T00:00:00Z', 'replaced by pipeline'),
      ('scripts/dup.sh', 'archive/scripts/dup.sh', '2025-01-03T00:00:00Z', 'twice'),
      ('scripts/dup.sh', 'archive/scripts/dup.sh', '2025-01-03T00:00:00Z', 'twice');
    CREATE TABLE sys_archived_packages (id serial PRIMARY KEY, package_name text, version text, archived_at timestamptz, reason text);
    INSERT INTO sys_archived_packages (package_name, version, archived_at, reason) VALUES
      ('@corp/old-ui', '1.2.3', '2025-02-01T00:00:00Z', 'merged'),
      ('@corp/legacy-auth', '0.9.0', '2025-02-02T00:00:00Z', 'unused');
  `);
}
