import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { doc } from "../support/scenario-documents.ts";
import { cli, repoCopy } from "./support/read-commands.ts";

const repo = repoCopy();
afterAll(() => {
  // None of the read-only commands may open (and so create) a database.
  expect(readdirSync(repo).sort()).toEqual(["scenarios"]);
  rmSync(repo, { recursive: true, force: true });
});

describe("scenario list", () => {
  it("prints a table of runnable scenarios", async () => {
    const { code, stdout } = await cli(repo, "list");
    expect(code).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "ID                     TYPE      COMPLEXITY  AUTOMATION  TITLE
      add-rls-policies       database  medium      80%         Add RLS policies
      add-service-tests      service   simple      50%         Add service tests
      create-database-table  database  simple      100%        Create a database table
      "
    `);
  });

  it("filters by type and prints JSON", async () => {
    const { stdout } = await cli(repo, "list", "--type", "database", "--json");
    expect(JSON.parse(stdout).map((s: { id: string; objectType: string }) => [s.id, s.objectType])).toEqual([
      ["add-rls-policies", "database"],
      ["create-database-table", "database"],
    ]);
  });

  it("refuses an unknown type with the closest", async () => {
    const { code, stderr } = await cli(repo, "list", "--type", "servce");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "error: unknown object type "servce"; did you mean service? expected one of service, cli, database, ui, proxy, infra
      "
    `);
  });

  it("says where it looked when there is no scenarios folder", async () => {
    const { code, stderr } = await cli(repo, "list", "--scenarios", "nowhere");
    expect(code).toBe(1);
    expect(stderr).toContain("--scenarios nowhere: no such folder (");
    expect(stderr).toContain("leave --scenarios out for the repository's own.");
  });
});

describe("scenario show", () => {
  it("says which pre-condition waits for the dependency that establishes it", async () => {
    const shipped = join(import.meta.dirname, "../../scenarios");
    const { code, stdout } = await cli(repo, "show", "add-cli-command", "--scenarios", shipped);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "  1. The pipeline's shell wrapper exists and parses (`create-cli-pipeline` writes it) [checked, after create-cli-pipeline when it runs]\n  2. The command name is free (no file, no branch or function in the wrapper) [checked]\n",
    );
  });

  it("shows parameters with rules, steps with kinds and dependencies", async () => {
    const { code, stdout } = await cli(repo, "show", "create-database-table");
    expect(code).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "create-database-table: Create a database table
      scenarios/database/create-database-table.md
      type database · complexity simple · automation 100% · target table

      Writes a migration that creates a table with the house standards (id, timestamps).

      Dependencies:
        none

      Parameters:
        table  string  required, pattern ^[a-z_][a-z0-9_]*$  e.g. table=table
        table: Table name.

      Steps:
        1. [automated] Write the migration
             writes supabase/migrations/{timestamp}_create_{table}.sql

      Post-validation:
        1. The migration exists [checked]

      Rollback:
        1. Remove the migration
      "
    `);
  });

  it("prints JSON with positions", async () => {
    const { stdout } = await cli(repo, "show", "add-rls-policies", "--json");
    expect(JSON.parse(stdout).steps[0].position).toEqual({
      file: "scenarios/database/add-rls-policies.md",
      line: 30,
      column: 1,
    });
  });

  it("answers an unknown id with the closest ids", async () => {
    const { code, stderr } = await cli(repo, "show", "add-service-test");
    expect(code).toBe(1);
    expect(stderr).toMatchInlineSnapshot(`
      "error: unknown scenario "add-service-test"; did you mean add-service-tests? List the scenarios with \`scenario list\`.
      "
    `);
  });
});

describe("scenario graph", () => {
  it("prints a Mermaid flowchart", async () => {
    const { code, stdout } = await cli(repo, "graph");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^flowchart LR\n/);
    expect(stdout).toContain("s_create_database_table --> s_add_rls_policies");
  });

  it("answers an unknown id with the closest ids", async () => {
    const { code, stderr } = await cli(repo, "graph", "create-table");
    expect(code).toBe(1);
    expect(stderr).toContain("did you mean create-database-table?");
  });
});

describe("scenario validate", () => {
  it("passes a valid catalog", async () => {
    const { code, stdout } = await cli(repo, "validate");
    expect(code).toBe(0);
    expect(stdout).toBe("ok: 4 documents valid (3 scenarios, 1 templates)\n");
  });

  describe("with broken documents", () => {
    const broken = repoCopy();
    writeFileSync(join(broken, "scenarios", "bad.md"), doc("bad-one").replace("[automated]", "[automatic]"));
    writeFileSync(join(broken, "scenarios", "dep.md"), doc("needs-table", "`create-database-tabel`"));
    writeFileSync(
      join(broken, "outside.md"),
      doc("outside").replace("**Complexity**: simple", "**Complexity**: easy"),
    );
    afterAll(() => rmSync(broken, { recursive: true, force: true }));

    it("prints every problem and exits 1", async () => {
      const { code, stdout, stderr } = await cli(broken, "validate");
      expect(code).toBe(1);
      expect(stdout).toMatchInlineSnapshot(`
        "scenarios/bad.md:14:14: unknown step kind "[automatic]"; expected one of automated, manual, validation, checkpoint
          hint: a step's kind says how it runs
        scenarios/dep.md:8:21: dependency "create-database-tabel" of "needs-table" is not a scenario in this catalog
          hint: did you mean create-database-table?
        "
      `);
      expect(stderr).toBe("2 problems in 2 of 6 documents\n");
    });

    it("prints GitHub workflow annotations", async () => {
      const { stdout } = await cli(broken, "validate", "--format", "github");
      expect(stdout).toMatchInlineSnapshot(`
        "::error file=scenarios/bad.md,line=14,col=14,title=scenario validate::unknown step kind "[automatic]"; expected one of automated, manual, validation, checkpoint%0Ahint: a step's kind says how it runs
        ::error file=scenarios/dep.md,line=8,col=21,title=scenario validate::dependency "create-database-tabel" of "needs-table" is not a scenario in this catalog%0Ahint: did you mean create-database-table?
        "
      `);
    });

    it("prints JSON", async () => {
      const { code, stdout } = await cli(broken, "validate", "--format", "json");
      expect(code).toBe(1);
      const body = JSON.parse(stdout);
      expect(body).toMatchObject({ ok: false, files: 6, scenarios: 4, templates: 1 });
      expect(body.problems[1]).toMatchObject({ file: "scenarios/dep.md", line: 8, column: 21 });
    });

    it("reports only the paths given, checked against the catalog", async () => {
      const one = await cli(broken, "validate", "scenarios/database");
      expect([one.code, one.stdout]).toEqual([0, "ok: 2 documents valid (2 scenarios, 0 templates)\n"]);
      const outside = await cli(broken, "validate", "outside.md");
      expect(outside.code).toBe(1);
      expect(outside.stdout).toContain("outside.md:6:19: unknown complexity");
    });

    it("warns from list that documents have problems", async () => {
      const { code, stderr } = await cli(broken, "list");
      expect(code).toBe(0);
      expect(stderr).toContain("warning: 2 problems in the scenario documents");
    });

    it("refuses an unknown format and a missing path", async () => {
      expect((await cli(broken, "validate", "--format", "xml")).stderr).toContain('unknown format "xml"');
      expect((await cli(broken, "validate", "nope.md")).stderr).toContain("no such file or folder: nope.md");
    });
  });
});

describe("--help", () => {
  for (const command of ["list", "show", "validate", "graph"]) {
    it(`works for ${command}`, async () => {
      const { code, stdout } = await cli(repo, command, "--help");
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: scenario ${command}`);
      expect(stdout).toContain("--scenarios <dir>");
    });
  }
  it("was not confused by a missing database", () => {
    expect(existsSync(join(repo, ".scenario"))).toBe(false);
  });
});
