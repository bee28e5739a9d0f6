// Every shipped scenario, end to end, on a fresh copy of examples/monorepo, as `scenario test` runs it
// (the application's selfTest): real git, real files, the real engine with the CLI's adapters, the real
// store on PostgreSQL, real post-validation, then the engine's rollback, whose document steps must leave
// the tree equal to the base commit. Before that, the documents' rollback steps from every checkpoint.
import { existsSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkoutSource, resolveLayout } from "../../src/application/repository/index.ts";
import { selfTest } from "../../src/application/self-test/self-test.ts";
import { buildPlan } from "../../src/engine/plan/build-plan.ts";
import { type Catalog, loadCatalog } from "../../src/scenario/index.ts";
import { gitIn, localPorts, useEngineDb } from "../support/engine-harness.ts";
import { scenarioCases } from "./cases.ts";
import { CLI_PATH, copyMonorepo, freePort, REPO_ROOT } from "./monorepo.ts";
import { checkRollbackEverywhere } from "./rollback-check.ts";
import { NOW } from "./run-to-end.ts";

const store = useEngineDb("all_scenarios");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

let catalog: Catalog;
let proxyPort = 0;
let counter = 0;
beforeAll(async () => {
  catalog = await loadCatalog("scenarios", { root: REPO_ROOT });
  proxyPort = await freePort();
});

describe("the shipped catalog", () => {
  it("has an end-to-end case below for every runnable scenario", () => {
    const covered = new Set(scenarioCases(0).map((c) => c.id));
    expect(catalog.scenarios.map((s) => s.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it("restricts every free-text parameter with a pattern, since file blocks substitute values as text", () => {
    const loose = catalog.scenarios.flatMap((s) =>
      s.parameters.filter((p) => p.type === "string" && !p.pattern).map((p) => `${s.id}.${p.name}`),
    );
    expect(loose).toEqual([]);
  });

  it("has the plan's 15 scenarios and 5 templates, without a problem", () => {
    expect(catalog.problems).toEqual([]);
    expect(catalog.scenarios.map((s) => `${s.objectType}/${s.id}`).sort()).toEqual([
      "cli/add-cli-command",
      "cli/create-cli-pipeline",
      "cli/migrate-script-to-pipeline",
      "database/add-rls-policies",
      "database/create-database-table",
      "database/modify-table-schema",
      "infra/add-pnpm-script",
      "infra/setup-environment",
      "proxy/add-proxy-server",
      "service/add-service-tests",
      "service/create-shared-service",
      "service/refactor-to-shared-service",
      "ui/add-app-page",
      "ui/create-new-app",
      "ui/create-shared-component",
    ]);
    expect(catalog.templates.map((t) => t.id).sort()).toEqual([
      "cli-scenario-template",
      "database-scenario-template",
      "infra-scenario-template",
      "service-scenario-template",
      "ui-scenario-template",
    ]);
  });

  it("never pipes a command that writes more than once into grep -q or head (status 141 under pipefail)", () => {
    // `help | grep -q x` fails at random: grep quits at its match, and a line written after that ends
    // the writer with SIGPIPE, which pipefail makes the block's status (create-cli-pipeline on a busy
    // machine). `printf '%s' {value} | grep -q` writes once, before grep can quit: it is safe.
    const shells = catalog.scenarios.flatMap((s) =>
      [
        ...s.preConditions.flatMap((c) => (c.check ? [c.check] : [])),
        ...s.postValidation.flatMap((c) => (c.check ? [c.check] : [])),
        ...s.steps.flatMap((step) => step.blocks),
        ...s.rollback.flatMap((r) => r.blocks),
        ...(s.healthCheck ? [s.healthCheck] : []),
      ]
        .filter((b) => b.kind === "shell")
        .map((b) => ({ where: `${b.position.file}:${b.position.line}`, content: b.content })),
    );
    const early = shells.flatMap(({ where, content }) =>
      content
        .split("\n")
        .filter(
          (line) =>
            /(^|[^|])\|\s*(grep\s+-[A-Za-z]*q[A-Za-z]*|head)\b/.test(line) &&
            !/^\s*(if\s+)?printf '%s' \{\w+\} \|/.test(line),
        )
        .map((line) => `${where}: ${line.trim()}`),
    );
    expect(early).toEqual([]);
  });

  it("gives every scenario a check in pre-conditions and post-validation, a validation step and a rollback", () => {
    for (const s of catalog.scenarios) {
      expect(
        s.preConditions.some((c) => c.check),
        s.id,
      ).toBe(true);
      expect(
        s.postValidation.some((c) => c.check),
        s.id,
      ).toBe(true);
      expect(
        s.steps.some((step) => step.kind === "validation"),
        s.id,
      ).toBe(true);
      expect(s.rollback.flatMap((r) => r.blocks).length, s.id).toBeGreaterThan(0);
      if (s.objectType === "service" || s.objectType === "proxy") expect(s.healthCheck, s.id).toBeDefined();
    }
  });
});

const DATABASE = new Set(["create-database-table", "modify-table-schema", "add-rls-policies"]);
const labels = scenarioCases(0).map((c) => ({ label: c.label ?? c.id, database: DATABASE.has(c.id) }));

/**
 * The case through `scenario test`'s own logic (the application's selfTest, with the CLI's adapters):
 * run to the end with manual steps ticked, post-validation, the engine's rollback, the tree back at the
 * base. Before that rollback, what the run left on its branch, and the documents' own rollback steps
 * from every checkpoint, twice in a row.
 */
async function runsGreenThenRollsBack(label: string): Promise<void> {
  const spec = scenarioCases(proxyPort).find((c) => (c.label ?? c.id) === label);
  if (!spec) throw new Error(`no case ${label}`);
  const repo = copyMonorepo();
  cleanups.push(repo.cleanup);
  const runId = `20261124-p${process.pid}x${String(++counter).padStart(4, "0")}`;
  const layout = await resolveLayout(checkoutSource(repo.dir));
  const plan = buildPlan({
    catalog: catalog.scenarios,
    scenarioId: spec.id,
    rawParams: spec.params,
    runId,
    now: NOW,
    layout,
  });
  const ports = await localPorts(store.db, repo.dir, runId);
  let looked = false;

  const report = await selfTest({
    plan,
    catalog: catalog.scenarios,
    workspace: ports.workspace,
    store: ports.store,
    progress: ports.reporter,
    options: { repository: repo.dir, baseBranch: "main", cliPath: CLI_PATH },
    beforeRollback: async (run, steps) => {
      looked = true;
      const failed = steps
        .filter((s) => s.status === "failed")
        .map((s) => `${s.name}:\n${s.outputTail ?? ""}`);
      expect(run.status, `${run.error ?? ""}\n${failed.join("\n")}\n${ports.output.join("")}`).toBe(
        "succeeded",
      );
      const ran = new Set(steps.filter((s) => s.status === "succeeded").map((s) => s.scenarioId));
      for (const dependency of plan.dependencies.required) {
        expect(ran.has(dependency.scenarioId), `${dependency.scenarioId} ran`).toBe(
          (spec.ranDependencies ?? []).includes(dependency.scenarioId),
        );
      }
      for (const [file, text] of Object.entries(spec.expect)) {
        const content = gitIn(repo.dir, "show", `${plan.branch}:${file}`);
        for (const part of [text].flat()) expect(content, file).toContain(part);
      }
      // The user's checkout is untouched by the run.
      expect(gitIn(repo.dir, "rev-parse", "HEAD")).toBe(repo.baseSha);
      expect(
        gitIn(repo.dir, "status", "--porcelain", "--untracked-files=all", "--", ".", ":!.scenario"),
      ).toBe("");
      // From the head and from every checkpoint, twice in a row: exit 0 and the base tree each time.
      for (const undo of checkRollbackEverywhere(repo.dir, plan, steps, repo.baseSha)) {
        const context = `${undo.from}\n${undo.ran.join("\n")}`;
        expect(
          undo.ran.every((line) => line.endsWith(": 0")),
          context,
        ).toBe(true);
        expect(undo.differences, context).toEqual([]);
      }
    },
  });

  expect(looked).toBe(true);
  expect(report, ports.output.join("")).toMatchObject({
    passed: true,
    run: { status: "passed" },
    postValidation: { status: "passed" },
    rollback: { status: "passed" },
    tree: { status: "passed", differences: [], branchAtBase: true },
  });
  expect(gitIn(repo.dir, "rev-parse", plan.branch)).toBe(repo.baseSha);
  expect(existsSync(ports.workspace.root)).toBe(false);
}

describe("every scenario on a fresh copy of examples/monorepo", () => {
  it.each(labels.filter((c) => !c.database).map((c) => c.label))(
    "%s runs green, and its rollback restores the base",
    runsGreenThenRollsBack,
    180_000,
  );
  it.each(labels.filter((c) => c.database).map((c) => c.label))(
    "%s runs green (migrations applied to a scratch database), and its rollback restores the base",
    runsGreenThenRollsBack,
    180_000,
  );
});
