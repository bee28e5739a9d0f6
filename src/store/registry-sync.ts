// `scenario sync`: the runnable catalog into the registry tables, in one transaction. Content is
// compared row by row (not timestamps), so a second sync with no change writes nothing.
import type { ScenarioDefinition } from "../scenario/types.ts";
import type { Db } from "./db.ts";
import { SchemaMissingError } from "./errors.ts";
import { registryRows } from "./registry-rows.ts";
import {
  deleteRows,
  diffTable,
  insertRows,
  type Row,
  readTable,
  type TableSpec,
  updateRows,
} from "./table-diff.ts";

const DEFINITIONS: TableSpec = {
  table: "sys_scenario_definitions",
  keys: ["scenario_id"],
  values: ["object_type", "name", "description", "complexity", "automation_readiness"],
  types: {
    scenario_id: "text",
    object_type: "text",
    name: "text",
    description: "text",
    complexity: "text",
    automation_readiness: "int",
  },
};

const CHILDREN: TableSpec[] = [
  {
    table: "sys_scenario_dependencies",
    keys: ["scenario_id", "depends_on_scenario_id"],
    values: ["dependency_type", "execution_order"],
    types: {
      scenario_id: "text",
      depends_on_scenario_id: "text",
      dependency_type: "text",
      execution_order: "int",
    },
  },
  {
    table: "sys_scenario_steps",
    keys: ["scenario_id", "step_number"],
    values: ["step_name", "step_type", "description", "automation_script", "estimated_duration_minutes"],
    types: {
      scenario_id: "text",
      step_number: "int",
      step_name: "text",
      step_type: "text",
      description: "text",
      automation_script: "text",
      estimated_duration_minutes: "int",
    },
  },
  {
    table: "sys_scenario_parameters",
    keys: ["scenario_id", "parameter_name"],
    values: ["parameter_type", "required", "default_value", "description", "validation_rules"],
    types: {
      scenario_id: "text",
      parameter_name: "text",
      parameter_type: "text",
      required: "boolean",
      default_value: "text",
      description: "text",
      validation_rules: "jsonb",
    },
  },
];

export interface SyncReport {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: number;
  /** Rows inserted, updated or deleted over the four tables. */
  rowsWritten: number;
}

/** Scenarios, or a loaded catalog (its `scenarios`: the runnable ones without problems). */
export type SyncInput = readonly ScenarioDefinition[] | { readonly scenarios: readonly ScenarioDefinition[] };

/** Write the runnable scenarios into the registry, in one transaction. Templates are skipped. */
export async function syncRegistry(db: Db, catalog: SyncInput): Promise<SyncReport> {
  const desired = registryRows("scenarios" in catalog ? catalog.scenarios : catalog);
  const desiredChildren: Row[][] = [desired.dependencies, desired.steps, desired.parameters];
  return db.transaction(async (tx) => {
    const exists = await tx.query<{ t: string | null }>(
      "SELECT to_regclass('sys_scenario_definitions')::text AS t",
    );
    if (!exists.rows[0]?.t) throw new SchemaMissingError("sys_scenario_definitions", "scenario sync");
    // One sync at a time on a server; readers are not blocked.
    await tx.query("LOCK TABLE sys_scenario_definitions IN SHARE ROW EXCLUSIVE MODE");
    const defDiff = diffTable(DEFINITIONS, await readTable(tx, DEFINITIONS), desired.definitions);
    const childDiffs = [];
    for (const [i, spec] of CHILDREN.entries()) {
      childDiffs.push(diffTable(spec, await readTable(tx, spec), desiredChildren[i] ?? []));
    }

    // Children first out, parents first in: the foreign keys hold after every statement.
    for (const [i, spec] of CHILDREN.entries()) await deleteRows(tx, spec, childDiffs[i]?.deletes ?? []);
    // Rows elsewhere that still point at a removed scenario (a dependency on it) go too.
    const removed = defDiff.deletes.map((r) => String(r.scenario_id));
    if (removed.length > 0) {
      await tx.query("DELETE FROM sys_scenario_dependencies WHERE depends_on_scenario_id = ANY($1::text[])", [
        removed,
      ]);
    }
    await deleteRows(tx, DEFINITIONS, defDiff.deletes);
    await insertRows(tx, DEFINITIONS, defDiff.inserts);
    await updateRows(tx, DEFINITIONS, defDiff.updates, "updated_at = CURRENT_TIMESTAMP");
    for (const [i, spec] of CHILDREN.entries()) {
      await insertRows(tx, spec, childDiffs[i]?.inserts ?? []);
      await updateRows(tx, spec, childDiffs[i]?.updates ?? []);
    }

    const added = new Set(defDiff.inserts.map((r) => String(r.scenario_id)));
    const changed = new Set(defDiff.updates.map((r) => String(r.scenario_id)));
    const removedSet = new Set(removed);
    for (const diff of childDiffs) {
      for (const row of [...diff.inserts, ...diff.updates, ...diff.deletes]) {
        const id = String(row.scenario_id);
        if (!added.has(id) && !removedSet.has(id)) changed.add(id);
      }
    }
    // A scenario changed only through its steps, parameters or dependencies is still updated.
    const touchedOnly = [...changed].filter((id) => !defDiff.updates.some((r) => r.scenario_id === id));
    if (touchedOnly.length > 0) {
      await tx.query(
        "UPDATE sys_scenario_definitions SET updated_at = CURRENT_TIMESTAMP WHERE scenario_id = ANY($1::text[])",
        [touchedOnly],
      );
    }
    const rowsWritten = [defDiff, ...childDiffs].reduce(
      (n, d) => n + d.inserts.length + d.updates.length + d.deletes.length,
      0,
    );
    return {
      added: [...added].sort(),
      changed: [...changed].sort(),
      removed: [...removedSet].sort(),
      unchanged: desired.definitions.length - added.size - changed.size,
      rowsWritten,
    };
  });
}

export function formatSyncReport(report: SyncReport): string {
  if (report.rowsWritten === 0) {
    return `registry up to date: ${report.unchanged} scenario(s), nothing changed\n`;
  }
  const lines = [
    `registry synced: ${report.added.length} added, ${report.changed.length} changed, ${report.removed.length} removed, ${report.unchanged} unchanged (${report.rowsWritten} row(s) written)`,
  ];
  for (const id of report.added) lines.push(`  + ${id}`);
  for (const id of report.changed) lines.push(`  ~ ${id}`);
  for (const id of report.removed) lines.push(`  - ${id}`);
  return `${lines.join("\n")}\n`;
}
