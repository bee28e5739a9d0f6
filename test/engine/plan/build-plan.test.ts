import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildPlan } from "../../../src/engine/plan/build-plan.ts";
import { formatPlan } from "../../../src/engine/plan/format-plan.ts";
import { DEFAULT_LAYOUT } from "../../../src/scenario/layout.ts";
import { check, file, param, rollbackStep, scenario, shell, step } from "../../support/engine-scenarios.ts";

const table = scenario("create-database-table", {
  parameters: [param("table", { pattern: "[a-z_]+" })],
  steps: [step("Write the table", "automated", [file("db/{table}.sql", "create table {table|ident} ();\n")])],
  postValidation: [check("The table exists", "test -f db/{table}.sql")],
});
const rls = scenario("add-rls-policies", {
  dependencies: [
    { id: "create-database-table", type: "required", position: { file: "x", line: 3, column: 1 } },
    { id: "add-service-tests", type: "recommended", position: { file: "x", line: 3, column: 1 } },
  ],
  parameters: [param("table", { pattern: "[a-z_]+" }), param("note", { required: false, default: "hi" })],
  preConditions: [
    check("The table exists", "grep -q {table} db/{table}.sql"),
    { text: "People agree", position: table.position },
  ],
  steps: [
    step("Write the policy", "automated", [
      file("db/{timestamp}_rls_{table}.sql", "alter table {table|ident} enable row level security;\n"),
      shell('echo "{note}" > note.txt'),
    ]),
    step("Review", "manual", [], {
      checklist: [{ text: "Policies fit `{table}`", position: table.position }],
    }),
    step("Done", "checkpoint", [], { timeoutMs: 5000 }),
  ],
  postValidation: [check("RLS is on", "grep -q 'row level security' db/*_rls_{table}.sql")],
  rollback: [rollbackStep("Remove the migration", "rm -f db/*_rls_{table}.sql")],
});
const catalog = [table, rls];
const now = new Date("2026-11-24T10:20:30Z");

describe("buildPlan", () => {
  it("fills {layout_<key>} from the repository's layout: text in files and paths, env in shell blocks", () => {
    const service = scenario("create-shared-service", {
      parameters: [param("name", { pattern: "[a-z-]+" })],
      steps: [
        step("Write it", "automated", [
          file("{layout_services}/{name}/index.ts", "import x from '{layout_scope}/shared';\n"),
          shell('"$SCENARIO_CLI" add-export {layout_services_index} ./{name}'),
        ]),
      ],
    });
    const layout = {
      ...DEFAULT_LAYOUT,
      scope: "@dhg",
      services: "libs/services",
      services_index: "libs/services/index.ts",
    };
    const plan = buildPlan({
      catalog: [service],
      scenarioId: service.id,
      rawParams: { name: "mail" },
      runId: "r1",
      now,
      layout,
    });
    const [write, run] = plan.steps[0]?.actions ?? [];
    expect(write).toMatchObject({
      path: "libs/services/mail/index.ts",
      content: "import x from '@dhg/shared';\n",
    });
    expect(run).toMatchObject({
      script: '"$SCENARIO_CLI" add-export "${SCENARIO_LAYOUT_SERVICES_INDEX}" ./"${SCENARIO_PARAM_NAME}"',
      env: expect.objectContaining({
        SCENARIO_LAYOUT_SERVICES_INDEX: "libs/services/index.ts",
        SCENARIO_LAYOUT_SCOPE: "@dhg",
        SCENARIO_LAYOUT_USERS_TABLE: "public.users",
        SCENARIO_LAYOUT_PACKAGE_MANAGER: "npm",
      }),
    });
    // Without a layout a plan uses the defaults (a repository where nothing was detected).
    const plain = buildPlan({
      catalog: [service],
      scenarioId: service.id,
      rawParams: { name: "mail" },
      runId: "r1",
      now,
    });
    expect(plain.steps[0]?.actions[0]).toMatchObject({ path: "packages/shared/services/mail/index.ts" });
  });

  it("names the branch with a repository's branch prefix", () => {
    const plan = buildPlan({
      catalog,
      scenarioId: "add-rls-policies",
      rawParams: { table: "users" },
      runId: "20261124-abc123",
      now,
      branchPrefix: "bots/",
    });
    expect(plan.branch).toBe("bots/add-rls-policies/20261124-abc123");
  });

  it("orders required dependencies first and renders every block", () => {
    const plan = buildPlan({
      catalog,
      scenarioId: "add-rls-policies",
      rawParams: { table: "users" },
      runId: "20261124-abc123",
      now,
    });
    expect(plan.branch).toBe("scenario/add-rls-policies/20261124-abc123");
    expect(plan.target).toBe("users");
    expect(plan.steps.map((s) => [s.index, s.scenarioId, s.kind])).toEqual([
      [0, "create-database-table", "automated"],
      [1, "add-rls-policies", "automated"],
      [2, "add-rls-policies", "manual"],
      [3, "add-rls-policies", "checkpoint"],
    ]);
    expect(plan.dependencies.required.map((d) => d.scenarioId)).toEqual(["create-database-table"]);
    expect(plan.dependencies.recommended).toEqual(["add-service-tests"]);
    expect(plan.steps[1]?.actions).toEqual([
      expect.objectContaining({
        type: "file",
        path: "db/20261124102030_rls_users.sql",
        content: expect.stringMatching(/[^\n]\n$/),
      }),
      expect.objectContaining({
        type: "shell",
        script: 'echo "${SCENARIO_PARAM_NOTE}" > note.txt',
        env: expect.objectContaining({ SCENARIO_PARAM_NOTE: "hi", SCENARIO_RUN_ID: "20261124-abc123" }),
      }),
    ]);
    expect(plan.manual).toEqual([{ stepIndex: 2, item: 0, text: "Policies fit `users`" }]);
    expect(formatPlan(plan)).toMatchInlineSnapshot(`
      "Plan for add-rls-policies (add rls policies), run 20261124-abc123
        branch: scenario/add-rls-policies/20261124-abc123
        target: users
        parameters: table=users note=hi
        requires create-database-table: runs first (its 1 step) unless its post-validation already holds
        recommended (not run): add-service-tests

      Pre-conditions:
        - The table exists
            $ bash:
                grep -q "\${SCENARIO_PARAM_TABLE}" db/"\${SCENARIO_PARAM_TABLE}".sql
              with SCENARIO_PARAM_TABLE=users
        - People agree (informational)

      Steps:
        create-database-table 1/1 Write the table [automated]
            write db/users.sql (23 bytes)
            then: checkpoint (a commit, when the step changed something)
        1/3 Write the policy [automated]
            write db/20261124102030_rls_users.sql (45 bytes)
            $ bash:
                echo "\${SCENARIO_PARAM_NOTE}" > note.txt
              with SCENARIO_PARAM_NOTE=hi
            then: checkpoint (a commit, when the step changed something)
        2/3 Review [manual]
            - [ ] Policies fit \`users\`
            then: checkpoint (a commit, when the step changed something)
        3/3 Done [checkpoint, timeout 5s]
            then: checkpoint (a commit, when the step changed something)

      Post-validation:
        - RLS is on
            $ bash:
                grep -q 'row level security' db/*_rls_"\${SCENARIO_PARAM_TABLE}".sql
              with SCENARIO_PARAM_TABLE=users

      On failure, rollback:
        1. Remove the migration
            $ bash:
                rm -f db/*_rls_"\${SCENARIO_PARAM_TABLE}".sql
              with SCENARIO_PARAM_TABLE=users
        then: the branch is reset to its base commit

      Left to people (manual):
        - step 2: Policies fit \`users\`
      "
    `);
  });

  it("ends a written file with a newline, unless its block says the file has none", () => {
    const notes = scenario("write-notes", {
      steps: [
        step("Write", "automated", [
          file("a.txt", "one"),
          file("b.json", '{ "b": 1 }', { noFinalNewline: true }),
          file("c.txt", "three\n", { noFinalNewline: true }),
        ]),
      ],
    });
    const plan = buildPlan({ catalog: [notes], scenarioId: "write-notes", rawParams: {}, runId: "r", now });
    expect(plan.steps[0]?.actions.map((a) => (a.type === "file" ? a.content : ""))).toEqual([
      "one\n",
      '{ "b": 1 }',
      "three\n",
    ]);
  });

  it("refuses an unknown scenario with the closest ids", () => {
    expect(() =>
      buildPlan({ catalog, scenarioId: "add-rls-policy", rawParams: {}, runId: "r", now }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[UnknownScenarioError: unknown scenario "add-rls-policy"; did you mean add-rls-policies?]`,
    );
  });

  it("names a dependency cycle as a path", () => {
    const dep = (id: string) => ({ id, type: "required" as const, position: table.position });
    const a = scenario("a", { dependencies: [dep("b")] });
    const b = scenario("b", { dependencies: [dep("c")] });
    const c = scenario("c", { dependencies: [dep("a")] });
    expect(() =>
      buildPlan({ catalog: [a, b, c], scenarioId: "a", rawParams: {}, runId: "r", now }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[DependencyError: a: required dependencies form a cycle: a -> b -> c -> a. Make one of them recommended.]`,
    );
  });

  it("refuses templates", () => {
    const t = scenario("tpl", { template: true, file: "scenarios/templates/tpl.md" });
    expect(() => buildPlan({ catalog: [t], scenarioId: "tpl", rawParams: {}, runId: "r", now })).toThrow(
      /template/,
    );
  });
});

describe("paths at plan time", () => {
  const loose = scenario("write-anything", {
    parameters: [param("name")],
    steps: [step("Write", "automated", [file("out/{name}.txt", "x")])],
  });
  const plan = (name: string, root?: string) =>
    buildPlan({
      catalog: [loose],
      scenarioId: "write-anything",
      rawParams: { name },
      runId: "r",
      now,
      ...(root ? { root } : {}),
    });

  it.each([
    ["../../etc/passwd", "leaves the workspace"],
    ["a/../../../x", "leaves the workspace"],
    ["x\nfoo", "contains a line break"],
    ["../.git/hooks/pre-commit", "points into .git"],
  ])("refuses %j", (name, why) => {
    expect(() => plan(name)).toThrow(why);
  });

  it("refuses an absolute path from a parameter", () => {
    const abs = scenario("abs", {
      parameters: [param("p")],
      steps: [step("W", "automated", [file("{p}", "x")])],
    });
    expect(() =>
      buildPlan({ catalog: [abs], scenarioId: "abs", rawParams: { p: "/etc/passwd" }, runId: "r", now }),
    ).toThrowErrorMatchingInlineSnapshot(
      `[PathEscapeError: t.md:${abs.steps[0]?.blocks[0]?.position.line}: the path "/etc/passwd" is absolute. Paths must stay inside the repository: check the parameters used in it.]`,
    );
  });

  const root = mkdtempSync(path.join(tmpdir(), "plan-root-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("refuses a path through a symlink that leaves the workspace, when given the root", () => {
    mkdirSync(path.join(root, "out"));
    symlinkSync(tmpdir(), path.join(root, "out", "link"));
    expect(plan("inside").steps[0]?.actions[0]).toMatchObject({ path: "out/inside.txt" });
    expect(() => plan("link/evil", root)).toThrow("symlink that leaves the workspace");
    expect(() => plan("fine", root)).not.toThrow();
  });
});
