import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/store/pglite-db.ts";
import { cli, scenarioDoc, tempRepo } from "../support/cli-in-process.ts";

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

describe("scenario sync on a fresh clone (embedded PGlite)", () => {
  it("migrate then sync fills the registry; a second sync changes nothing; an edit is one change", async () => {
    const cwd = tempRepo({
      "scenarios/database/create-table.md": scenarioDoc("create-table", "Create a table"),
      "scenarios/database/add-index.md": scenarioDoc(
        "add-index",
        "Add an index",
        "`create-table` (required)",
      ),
      "scenarios/templates/database.md": scenarioDoc("database-template", "Template"),
    });
    roots.push(cwd);
    expect((await cli(["migrate"], { cwd })).code).toBe(0);
    const first = await cli(["sync"], { cwd: path.join(cwd, "scenarios") });
    expect(first).toEqual({
      code: 0,
      err: "",
      out: "registry synced: 2 added, 0 changed, 0 removed, 0 unchanged (9 row(s) written)\n  + add-index\n  + create-table\n",
    });
    expect(await cli(["sync"], { cwd })).toEqual({
      code: 0,
      err: "",
      out: "registry up to date: 2 scenario(s), nothing changed\n",
    });

    fs.writeFileSync(
      path.join(cwd, "scenarios/database/add-index.md"),
      scenarioDoc("add-index", "Add a unique index", "`create-table` (required)"),
    );
    const edited = await cli(["sync"], { cwd });
    expect(edited.out).toBe(
      "registry synced: 0 added, 1 changed, 0 removed, 1 unchanged (1 row(s) written)\n  ~ add-index\n",
    );

    const db = await openPglite({ dataDir: path.join(cwd, ".scenario", "db") });
    try {
      const { rows } = await db.query(
        "SELECT scenario_id, depends_on_scenario_id, dependency_type, execution_order FROM sys_scenario_dependencies",
      );
      expect(rows).toEqual([
        {
          scenario_id: "add-index",
          depends_on_scenario_id: "create-table",
          dependency_type: "required",
          execution_order: 1,
        },
      ]);
    } finally {
      await db.close();
    }
  });

  it("fills the registry from the shipped scenarios/ on a fresh clone: 15 scenarios with steps, parameters, dependencies", async () => {
    const cwd = tempRepo();
    roots.push(cwd);
    fs.cpSync(fileURLToPath(new URL("../../scenarios", import.meta.url)), path.join(cwd, "scenarios"), {
      recursive: true,
    });
    expect((await cli(["migrate"], { cwd })).code).toBe(0);
    const run = await cli(["sync"], { cwd });
    expect(run.err).toBe("");
    expect(run.out).toMatch(/^registry synced: 15 added, 0 changed, 0 removed, 0 unchanged/);
    const db = await openPglite({ dataDir: path.join(cwd, ".scenario", "db") });
    try {
      const count = async (table: string) =>
        (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;
      expect(await count("sys_scenario_definitions")).toBe(15);
      // Every scenario has steps and parameters; some depend on others.
      const { rows } = await db.query<{ without: number }>(
        `SELECT count(*)::int AS without FROM sys_scenario_definitions d
         WHERE NOT EXISTS (SELECT 1 FROM sys_scenario_steps s WHERE s.scenario_id = d.scenario_id)
            OR NOT EXISTS (SELECT 1 FROM sys_scenario_parameters p WHERE p.scenario_id = d.scenario_id)`,
      );
      expect(rows[0]?.without).toBe(0);
      expect(await count("sys_scenario_dependencies")).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });

  it("syncs nothing from a catalog with problems and says which, before opening the database", async () => {
    const cwd = tempRepo({
      "scenarios/broken.md": "# Scenario: Broken\n\n## Metadata\n- **ID**: `broken`\n",
    });
    roots.push(cwd);
    const run = await cli(["sync"], { cwd });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^error: \d+ problem\(s\) in the scenario documents; nothing was synced\. Fix them \(see `scenario validate`\) and run again:\nscenarios\/broken\.md:/,
    );
    expect(fs.existsSync(path.join(cwd, ".scenario"))).toBe(false);
  });

  it("asks for migrations first", async () => {
    const cwd = tempRepo({ "scenarios/a.md": scenarioDoc("create-table", "Create a table") });
    roots.push(cwd);
    const run = await cli(["sync"], { cwd });
    expect(run).toMatchObject({
      code: 1,
      err: "error: scenario sync needs the table sys_scenario_definitions, which does not exist yet. Run `scenario migrate` first.\n",
    });
  });
});
