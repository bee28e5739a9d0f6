// Scenarios the run tests share: a table scenario (dependency), an RLS scenario with a manual step,
// and one whose validation can be made to fail.
import type { ScenarioDefinition } from "../../../src/scenario/types.ts";
import { check, file, param, rollbackStep, scenario, shell, step } from "../../support/engine-scenarios.ts";

export const createTable = scenario("create-database-table", {
  parameters: [param("table", { pattern: "[a-z_]+" })],
  steps: [
    step("Write the table migration", "automated", [
      file(
        "db/{timestamp}_create_{table}.sql",
        "create table {table|ident} (id int primary key, user_id int);\n",
      ),
    ]),
  ],
  postValidation: [check("A migration creates the table", "grep -lq 'create table {table}' db/*.sql")],
  rollback: [rollbackStep("Remove the table migration", "rm -f db/*_create_{table}.sql")],
});

export const addRls = scenario("add-rls-policies", {
  dependencies: [{ id: "create-database-table", type: "required", position: createTable.position }],
  parameters: [
    param("table", { pattern: "[a-z_]+" }),
    param("strict", { type: "boolean", required: false, default: false, example: "true" }),
  ],
  preConditions: [
    check("A migration creates the table", "grep -lq 'create table {table}' db/*.sql"),
    { text: "The team agreed on the policy model", position: createTable.position },
  ],
  steps: [
    step("Write the policy migration", "automated", [
      file("db/{timestamp}_rls_{table}.sql", "alter table {table|ident} enable row level security;\n"),
    ]),
    step("Check the migration", "validation", [
      shell(
        'grep -q "enable row level security" db/*_rls_{table}.sql\nif [ "{strict}" = true ]; then echo "strict mode refuses" >&2; exit 3; fi',
      ),
    ]),
    step("Review with the data owner", "manual", [], {
      checklist: [
        { text: "Policies match who may read `{table}`", position: createTable.position },
        { text: "The owner column is indexed", position: createTable.position },
      ],
    }),
    step("Ready for review", "checkpoint"),
  ],
  postValidation: [check("RLS is on", "grep -q 'row level security' db/*_rls_{table}.sql")],
  rollback: [rollbackStep("Remove the policy migration", "rm -f db/*_rls_{table}.sql; echo removed policy")],
});

/** No manual step: runs green in one go. */
export const addIndex = scenario("add-index", {
  objectType: "database",
  parameters: [
    param("table", { pattern: "[a-z_]+" }),
    param("column", { required: false, default: "user_id" }),
  ],
  steps: [
    step("Write the index", "automated", [
      file("db/index_{table}.sql", "create index on {table|ident} ({column|ident});\n"),
      shell('echo "indexed {table}.{column}" >> notes.txt'),
    ]),
    step("Check", "validation", [shell("grep -q {column} db/index_{table}.sql")]),
    step("Done", "checkpoint"),
  ],
  postValidation: [check("The index file exists", "test -f db/index_{table}.sql")],
  rollback: [rollbackStep("Drop notes", "rm -f notes.txt")],
});

/** A pre-condition guards its only step. */
export const guarded = scenario("guarded", {
  parameters: [param("config")],
  preConditions: [check("{config} exists", "test -f {config}")],
  steps: [step("Edit the config", "automated", [shell("echo edited >> {config}")])],
  rollback: [rollbackStep("Nothing", "true")],
});

export const catalog: ScenarioDefinition[] = [createTable, addRls, addIndex, guarded];
