import { describe, expect, it } from "vitest";
import { catalogFromFiles } from "../../src/scenario/index.ts";
import type { Db } from "../../src/store/db.ts";
import { formatSyncReport, syncRegistry } from "../../src/store/registry-sync.ts";
import { scenarioDoc } from "../support/cli-in-process.ts";
import { BACKENDS, useTestDb } from "../support/test-db.ts";
import { makeScenario } from "./scenario-fixtures.ts";

async function count(db: Db, table: string, where = "true"): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`);
  return rows[0]?.n ?? -1;
}

async function snapshot(db: Db): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const table of [
    "sys_scenario_definitions",
    "sys_scenario_dependencies",
    "sys_scenario_steps",
    "sys_scenario_parameters",
  ]) {
    out.push((await db.query(`SELECT * FROM ${table} ORDER BY id`)).rows);
  }
  return out;
}

const catalog = () => [
  makeScenario("create-database-table"),
  makeScenario("add-service-tests"),
  makeScenario("add-rls-policies", {
    deps: [
      ["add-service-tests", "recommended"],
      ["create-database-table", "required"],
    ],
  }),
  makeScenario("database-scenario-template", { template: true }),
];

describe.each(BACKENDS)("syncRegistry on %s", (kind) => {
  const t = useTestDb(kind, "registry_sync");

  it("writes the runnable scenarios with their steps, parameters and dependencies; templates stay out", async () => {
    const report = await syncRegistry(t.db, catalog());
    expect(report).toMatchObject({
      added: ["add-rls-policies", "add-service-tests", "create-database-table"],
      changed: [],
      removed: [],
      unchanged: 0,
    });
    expect(await count(t.db, "sys_scenario_definitions")).toBe(3);
    expect(await count(t.db, "sys_scenario_steps")).toBe(9);
    expect(await count(t.db, "sys_scenario_parameters")).toBe(9);
    const { rows: def } = await t.db.query(
      "SELECT object_type, name, description, complexity, automation_readiness FROM sys_scenario_definitions WHERE scenario_id = 'add-rls-policies'",
    );
    expect(def[0]).toEqual({
      object_type: "database",
      name: "Scenario add-rls-policies",
      description: "Does add-rls-policies.",
      complexity: "medium",
      automation_readiness: 80,
    });
    const { rows: params } = await t.db.query(
      "SELECT parameter_name, parameter_type, required, default_value, validation_rules FROM sys_scenario_parameters WHERE scenario_id = 'add-rls-policies' ORDER BY parameter_name",
    );
    expect(params).toEqual([
      {
        parameter_name: "mode",
        parameter_type: "enum",
        required: false,
        default_value: "owner",
        validation_rules: { values: ["owner", "read-public"], example: "owner" },
      },
      {
        parameter_name: "port",
        parameter_type: "number",
        required: false,
        default_value: "8080",
        validation_rules: { min: 1024, max: 65535, example: "8080" },
      },
      {
        parameter_name: "table",
        parameter_type: "string",
        required: true,
        default_value: null,
        validation_rules: { pattern: "^[a-z_][a-z0-9_]*$", example: "users" },
      },
    ]);
    const { rows: steps } = await t.db.query(
      "SELECT step_number, step_type, automation_script FROM sys_scenario_steps WHERE scenario_id = 'add-rls-policies' ORDER BY step_number",
    );
    expect(steps).toEqual([
      { step_number: 1, step_type: "automated", automation_script: "database/add-rls-policies.md:20" },
      { step_number: 2, step_type: "validation", automation_script: null },
      { step_number: 3, step_type: "manual", automation_script: null },
    ]);
  });

  it("orders dependencies as the graph runs them", async () => {
    // create-database-table itself needs add-service-tests, so add-service-tests runs first.
    const scenarios = catalog();
    scenarios[0] = makeScenario("create-database-table", { deps: [["add-service-tests", "required"]] });
    await syncRegistry(t.db, scenarios);
    const { rows } = await t.db.query(
      "SELECT depends_on_scenario_id AS dep, dependency_type AS type, execution_order AS n FROM sys_scenario_dependencies WHERE scenario_id = 'add-rls-policies' ORDER BY execution_order",
    );
    expect(rows).toEqual([
      { dep: "add-service-tests", type: "recommended", n: 1 },
      { dep: "create-database-table", type: "required", n: 2 },
    ]);
  });

  it("changes no row and says so when nothing changed", async () => {
    await syncRegistry(t.db, catalog());
    const before = await snapshot(t.db);
    const again = await syncRegistry(t.db, catalog());
    expect(again).toEqual({ added: [], changed: [], removed: [], unchanged: 3, rowsWritten: 0 });
    expect(formatSyncReport(again)).toBe("registry up to date: 3 scenario(s), nothing changed\n");
    expect(await snapshot(t.db)).toEqual(before);
  });

  it("reports a change in a step or parameter as a changed scenario and touches only it", async () => {
    await syncRegistry(t.db, catalog());
    const before = await t.db.query<{ scenario_id: string; updated_at: Date }>(
      "SELECT scenario_id, updated_at FROM sys_scenario_definitions ORDER BY scenario_id",
    );
    const scenarios = catalog();
    const rls = scenarios[2];
    if (!rls?.steps[1] || !rls.parameters[0]) throw new Error("fixture");
    rls.steps[1].name = "Apply it to a scratch database";
    rls.parameters[0].pattern = "^[a-z]+$";
    rls.steps.pop();
    const report = await syncRegistry(t.db, scenarios);
    expect(report).toEqual({
      added: [],
      changed: ["add-rls-policies"],
      removed: [],
      unchanged: 2,
      rowsWritten: 3,
    });
    expect(formatSyncReport(report)).toContain("0 added, 1 changed, 0 removed, 2 unchanged");
    const after = await t.db.query<{ scenario_id: string; updated_at: Date }>(
      "SELECT scenario_id, updated_at FROM sys_scenario_definitions ORDER BY scenario_id",
    );
    const changedAt = (rows: typeof after.rows, id: string) =>
      rows.find((r) => r.scenario_id === id)?.updated_at.getTime();
    expect(changedAt(after.rows, "add-service-tests")).toBe(changedAt(before.rows, "add-service-tests"));
    expect(changedAt(after.rows, "add-rls-policies")).toBeGreaterThan(
      changedAt(before.rows, "add-rls-policies") ?? 0,
    );
    expect(await count(t.db, "sys_scenario_steps", "scenario_id = 'add-rls-policies'")).toBe(2);
  });

  it("removes a scenario and every row that refers to it", async () => {
    await syncRegistry(t.db, catalog());
    const withoutTests = catalog()
      .filter((s) => s.id !== "add-service-tests")
      .map((s) =>
        s.id === "add-rls-policies"
          ? { ...s, dependencies: s.dependencies.filter((d) => d.id !== "add-service-tests") }
          : s,
      );
    const report = await syncRegistry(t.db, withoutTests);
    expect(report).toMatchObject({
      added: [],
      changed: ["add-rls-policies"],
      removed: ["add-service-tests"],
    });
    for (const table of [
      "sys_scenario_definitions",
      "sys_scenario_steps",
      "sys_scenario_parameters",
      "sys_scenario_dependencies",
    ]) {
      expect(await count(t.db, table, "scenario_id = 'add-service-tests'")).toBe(0);
    }
    expect(
      await count(t.db, "sys_scenario_dependencies", "depends_on_scenario_id = 'add-service-tests'"),
    ).toBe(0);
  });

  it("serialises concurrent syncs: one writes, the others find it up to date", async () => {
    const reports = await Promise.all([1, 2, 3].map(() => syncRegistry(t.db, catalog())));
    expect(reports.map((r) => r.added.length).sort()).toEqual([0, 0, 3]);
    expect(reports.filter((r) => r.rowsWritten === 0)).toHaveLength(2);
    expect(await count(t.db, "sys_scenario_definitions")).toBe(3);
  });

  it("takes a catalog loaded by the parser as it is", async () => {
    const catalog = catalogFromFiles([
      { path: "scenarios/database/create-table.md", text: scenarioDoc("create-table", "Create a table") },
      { path: "scenarios/templates/database.md", text: scenarioDoc("database-template", "Template") },
    ]);
    expect(catalog.problems).toEqual([]);
    expect(await syncRegistry(t.db, catalog)).toMatchObject({ added: ["create-table"] });
    const { rows } = await t.db.query(
      "SELECT step_number, automation_script FROM sys_scenario_steps ORDER BY 1",
    );
    expect(rows).toEqual([
      { step_number: 1, automation_script: "scenarios/database/create-table.md:16" },
      { step_number: 2, automation_script: null },
    ]);
  });

  it("refuses a dependency on a scenario that is not in the catalog and writes nothing", async () => {
    const scenarios = [makeScenario("a", { deps: [["ghost", "required"]] }), makeScenario("b")];
    await expect(syncRegistry(t.db, scenarios)).rejects.toThrow(
      "database/a.md:8: scenario a depends on ghost, which is not a runnable scenario of the catalog; add it or remove the dependency.",
    );
    expect(await count(t.db, "sys_scenario_definitions")).toBe(0);
  });

  it("names a dependency cycle", async () => {
    const scenarios = [
      makeScenario("a", { deps: [["b", "required"]] }),
      makeScenario("b", { deps: [["a", "required"]] }),
    ];
    await expect(syncRegistry(t.db, scenarios)).rejects.toThrow(
      "database/b.md:8:1: dependency cycle a -> b -> a; remove one of these dependencies",
    );
  });
});
