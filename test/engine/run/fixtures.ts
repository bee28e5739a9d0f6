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

/**
 * Requires create-database-table. Its first pre-condition is that dependency's post-validation (it can
 * only hold once the dependency ran); its second can be checked before any change.
 */
export const lockTable = scenario("lock-table", {
  dependencies: [{ id: "create-database-table", type: "required", position: createTable.position }],
  parameters: [param("table", { pattern: "[a-z_]+" })],
  preConditions: [
    check("A migration creates the table", "grep -lq 'create table {table}' db/*.sql"),
    check(
      "No lock for {table} yet",
      "test ! -e locks/{table}.lock || { echo 'locks/{table}.lock is there' >&2; exit 1; }",
    ),
  ],
  steps: [step("Lock", "automated", [file("locks/{table}.lock", "locked\n")])],
  rollback: [rollbackStep("Unlock", "rm -f locks/{table}.lock")],
});

export const catalog: ScenarioDefinition[] = [createTable, addRls, addIndex, guarded, lockTable];

/**
 * Three steps; the second writes part of its output, then (when SLOW_STEP is set) records its process
 * group in $PIDFILE and sleeps, so a test can kill the run in the middle of it.
 */
export const slowSteps = scenario("slow-steps", {
  parameters: [param("name", { pattern: "[a-z]+" })],
  env: ["SLOW_STEP", "PIDFILE"],
  steps: [
    step("First", "automated", [file("out/{name}-1.txt", "one\n")]),
    step("Second", "automated", [
      shell(
        'echo partial > out/{name}-2.txt\nif [ -n "${SLOW_STEP:-}" ]; then echo $$ > "$PIDFILE"; sleep 30; fi\necho complete >> out/{name}-2.txt',
      ),
    ]),
    step("Third", "automated", [shell("cat out/{name}-*.txt > out/{name}-all.txt")]),
  ],
  postValidation: [check("All parts are there", "grep -q complete out/{name}-all.txt")],
  rollback: [rollbackStep("Remove the output", "rm -rf out")],
});

catalog.push(slowSteps);

/** Writes one free-text value through every kind of placeholder context. */
export const echoValue = scenario("echo-value", {
  parameters: [param("value")],
  steps: [
    step("Echo", "automated", [
      shell("printf '%s' {value} > bare.txt"),
      shell("printf '%s' \"{value}\" > double.txt"),
      shell("printf '%s' '{value}' > single.txt"),
      file("file.txt", "{value}"),
    ]),
  ],
  rollback: [rollbackStep("Nothing", "true")],
});

/** A path made of a parameter. */
export const pathValue = scenario("path-value", {
  parameters: [param("name")],
  steps: [step("Write", "automated", [file("files/{name}.txt", "x\n")])],
  rollback: [rollbackStep("Nothing", "true")],
});

/** A step that outlives its time limit, with a background child of its own. */
export const sleepy = scenario("sleepy", {
  parameters: [param("name", { required: false, default: "x" })],
  env: ["PIDFILE"],
  steps: [
    step("Sleep", "automated", [shell('sleep 30 &\necho $! > "$PIDFILE"\nsleep 30')], { timeoutMs: 1000 }),
  ],
  rollback: [rollbackStep("Say so", "echo rolled back sleepy")],
});

catalog.push(echoValue, pathValue, sleepy);

/** A service scenario with a health check that passes or fails on a parameter. */
export const healthy = scenario("healthy-service", {
  objectType: "service",
  parameters: [
    param("name", { pattern: "[a-z]+" }),
    param("up", { type: "boolean", required: false, default: true, example: "true" }),
  ],
  steps: [step("Write", "automated", [file("svc/{name}.txt", "up={up}\n")])],
  postValidation: [check("The service file exists", "test -f svc/{name}.txt")],
  healthCheck: shell("grep -q up=true svc/{name}.txt || { echo 'service {name} is down' >&2; exit 1; }"),
  rollback: [rollbackStep("Remove", "rm -rf svc")],
});

catalog.push(healthy);

/** A step whose Node program throws: its last output line is `Node.js v24...`, not the reason. */
export const nodeThrows = scenario("node-throws", {
  parameters: [param("name", { required: false, default: "x" })],
  steps: [
    step("Build", "automated", [
      shell("echo building\nnode -e 'throw new Error(\"config missing: config.json\")'"),
    ]),
  ],
  rollback: [rollbackStep("Nothing", "true")],
});

catalog.push(nodeThrows);

/**
 * Two writes with a validation and a checkpoint between them: the middle steps change nothing. The
 * validation appends to $COUNTER (outside the repository), so a test can tell whether it ran again.
 */
export const twoWrites = scenario("two-writes", {
  parameters: [param("name", { pattern: "[a-z]+" })],
  steps: [
    step("Write a", "automated", [file("{name}/a.txt", "a\n")]),
    step("Check a", "validation", [shell('test -f {name}/a.txt\necho checked >> "${COUNTER:-/dev/null}"')]),
    step("Ready", "checkpoint"),
    step("Write b", "automated", [file("{name}/b.txt", "b\n")]),
  ],
  postValidation: [check("Both are there", "test -f {name}/a.txt && test -f {name}/b.txt")],
  rollback: [rollbackStep("Remove", "rm -rf {name}")],
});

catalog.push(twoWrites);

/**
 * A dependency whose post-validation checks the one shape it creates (`widgets/<name>.ts`) and whose
 * pre-condition refuses any widget of that name: a widget in another shape (a folder) satisfies neither.
 */
export const createWidget = scenario("create-widget", {
  parameters: [param("name", { pattern: "[a-z]+" })],
  preConditions: [
    check("No widget of that name yet", "test ! -e widgets/{name} && test ! -e widgets/{name}.ts"),
  ],
  steps: [step("Write", "automated", [file("widgets/{name}.ts", "export const widget = 1;\n")])],
  postValidation: [check("The widget file exists", "test -f widgets/{name}.ts")],
  rollback: [rollbackStep("Remove", "rm -f widgets/{name}.ts")],
});

export const testWidget = scenario("test-widget", {
  dependencies: [{ id: "create-widget", type: "required", position: createWidget.position }],
  parameters: [param("name", { pattern: "[a-z]+" })],
  steps: [step("Write", "automated", [file("widgets/{name}.test.ts", "test\n")])],
  rollback: [rollbackStep("Remove", "rm -f widgets/{name}.test.ts")],
});

catalog.push(createWidget, testWidget);

/**
 * Requires create-database-table, with pre-conditions whose checks are not that dependency's
 * post-validation: `established-by` says which one the dependency makes hold (the table's migration,
 * with its primary key) and one it wrongly claims (a seed file nobody writes); `seedLinked` is the
 * document with the wrong claim, `unlinked` the same pre-condition without the link.
 */
function tableUser(id: string, preCondition: { content: string; establishedBy?: string }) {
  return scenario(id, {
    dependencies: [{ id: "create-database-table", type: "required", position: createTable.position }],
    parameters: [param("table", { pattern: "[a-z_]+" })],
    preConditions: [
      {
        ...check("The table's migration declares its primary key", ""),
        check: shell(preCondition.content, {
          check: true,
          ...(preCondition.establishedBy ? { establishedBy: preCondition.establishedBy } : {}),
        }),
      },
    ],
    steps: [
      step("Seed", "automated", [file("db/seed_{table}.sql", "insert into {table|ident} values (1, 1);\n")]),
    ],
    rollback: [rollbackStep("Remove the seed", "rm -f db/seed_{table}.sql")],
  });
}
const PRIMARY_KEY = "ls db/*_create_{table}.sql > /dev/null\ngrep -q 'primary key' db/*_create_{table}.sql";
export const seedTable = tableUser("seed-table", {
  content: PRIMARY_KEY,
  establishedBy: "create-database-table",
});
export const seedUnlinked = tableUser("seed-unlinked", { content: PRIMARY_KEY });
export const seedWrongLink = tableUser("seed-wrong-link", {
  content: "test -f db/{table}.seed || { echo 'db/{table}.seed is missing' >&2; exit 1; }",
  establishedBy: "create-database-table",
});

catalog.push(seedTable, seedUnlinked, seedWrongLink);
