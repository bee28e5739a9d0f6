// The scenarios' checks catch real mistakes: a validation that fails rolls the run back to the base
// commit through the document's rollback steps, and a pre-condition that fails changes nothing.
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildPlan } from "../../src/engine/plan/build-plan.ts";
import { type Catalog, loadCatalog } from "../../src/scenario/index.ts";
import { gitIn, useEngineDb } from "../support/engine-harness.ts";
import { copyMonorepo, freePort, REPO_ROOT } from "./monorepo.ts";
import { NOW, runToEnd } from "./run-to-end.ts";

const store = useEngineDb("scenario_failures");
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog("scenarios", { root: REPO_ROOT });
});

function repo() {
  const copy = copyMonorepo();
  cleanups.push(copy.cleanup);
  return copy;
}

function branchHas(dir: string, branch: string, file: string): boolean {
  return gitIn(dir, "ls-tree", "-r", "--name-only", branch).split("\n").includes(file);
}

describe("a failing validation rolls the run back", () => {
  it("add-proxy-server: the port is taken by something unhealthy, so /health fails and the proxy goes", async () => {
    const port = await freePort();
    const squatter: Server = createServer((_req, res) => {
      res.writeHead(503, { "content-type": "application/json" });
      res.end('{"ok":false}');
    });
    await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const { dir, baseSha } = repo();

    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "add-proxy-server", {
      name: "search-proxy",
      port: String(port),
    });

    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^scenarios\/proxy\/add-proxy-server\.md:\d+: the shell block exited with status 1/,
    );
    const failed = (await ports.store.listSteps(runId)).find((s) => s.status === "failed");
    expect(failed?.name).toBe("Start it and wait for /health");
    expect(failed?.outputTail).toMatch(/last: HTTP 503/);
    expect(failed?.outputTail).toContain("EADDRINUSE");
    const output = ports.output.join("");
    expect(output).toContain("rollback add-proxy-server #1 Unregister it: ok");
    expect(output).toContain(
      "rollback add-proxy-server #2 Remove the server (and the proxy folder when it is left empty): ok",
    );
    expect(gitIn(dir, "rev-parse", plan.branch)).toBe(baseSha);
    expect(branchHas(dir, plan.branch, "scripts/cli-pipeline/proxy/search-proxy.cjs")).toBe(false);
  }, 120_000);

  it("modify-table-schema: adding a column the table already has fails on the scratch database", async () => {
    const { dir, baseSha } = repo();
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "modify-table-schema", {
      table: "documents",
      column: "title",
    });
    expect(run.status).toBe("rolled_back");
    const failed = (await ports.store.listSteps(runId)).find((s) => s.status === "failed");
    expect(failed?.name).toBe("Replay the migrations and apply the new one on a scratch database");
    expect(failed?.outputTail).toMatch(/column "title" of relation "documents" already exists/);
    expect(ports.output.join("")).toContain(
      "rollback modify-table-schema #1 Remove the migration and its down companion: ok",
    );
    expect(gitIn(dir, "rev-parse", plan.branch)).toBe(baseSha);
  }, 120_000);

  it("add-rls-policies: an owner column the table does not have fails before anyone reviews it", async () => {
    const { dir, baseSha } = repo();
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "add-rls-policies", {
      table: "documents",
      owner_column: "owner_id",
    });
    expect(run.status).toBe("rolled_back");
    const steps = await ports.store.listSteps(runId);
    expect(steps.find((s) => s.status === "failed")?.outputTail).toMatch(/column "owner_id" does not exist/);
    // It never reached the manual review.
    expect(steps.some((s) => s.kind === "manual" && s.status !== "pending")).toBe(false);
    expect(gitIn(dir, "rev-parse", plan.branch)).toBe(baseSha);
  }, 120_000);
});

describe("a failing pre-condition changes nothing", () => {
  it("create-shared-service refuses a service that exists", async () => {
    const { dir, baseSha } = repo();
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "create-shared-service", {
      name: "logger-service",
    });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^create-shared-service: pre-condition \d+ "No service with that name exists yet" does not hold \(.*checked before any change\)/,
    );
    expect(await ports.store.listSteps(runId)).toEqual([]);
    expect(gitIn(dir, "rev-parse", plan.branch)).toBe(baseSha);
  }, 60_000);

  it("add-service-tests on a service the index does not export: the refusal says why create-shared-service ran", async () => {
    // dhg-mono has such services (classify-service.ts, exported from nowhere): not a shared service yet.
    const { dir } = repo();
    writeFileSync(
      path.join(dir, "packages/shared/services/stray-service.ts"),
      "export class StrayService {\n  static getInstance() { return new StrayService(); }\n}\nexport const strayService = StrayService.getInstance();\n",
    );
    gitIn(dir, "add", "-A");
    gitIn(dir, "commit", "-q", "-m", "a service no index exports");
    const { run, ports, runId } = await runToEnd(store.db, catalog, dir, "add-service-tests", {
      name: "stray-service",
    });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^create-shared-service: pre-condition 2 "No service with that name exists yet" does not hold \(scenarios\/service\/create-shared-service\.md:\d+, checked before any change\)\. It runs as a dependency that add-service-tests requires, not skipped since its post-validation 1 "The service's module exists and the services index exports it" does not hold \(scenarios\/service\/create-shared-service\.md:\d+\): packages\/shared\/services\/index\.ts does not export \.\/stray-service$/,
    );
    expect(await ports.store.listSteps(runId)).toEqual([]);
  }, 60_000);

  it("add-cli-command refuses a command the pipeline already has", async () => {
    const { dir } = repo();
    const { run } = await runToEnd(store.db, catalog, dir, "add-cli-command", {
      domain: "content",
      command: "health-check",
    });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^add-cli-command: pre-condition \d+ "The command name is free \(no file, no branch or function in the wrapper\)" does not hold \(.*checked before any change\)/,
    );
  }, 60_000);
});

describe("parameters are checked before anything runs", () => {
  it.each([
    ["create-shared-service", { name: "Billing Service" }, /name/],
    ["create-database-table", { table: "users; drop table users" }, /table/],
    ["add-proxy-server", { name: "p", port: "80" }, /port/],
    ["setup-environment", { environment: "moon" }, /environment/],
    ["add-app-page", { app: "portal", page: "Settings", route: "../../etc" }, /route/],
  ])("%s %o is refused, naming the parameter", (scenarioId, rawParams, param) => {
    expect(() =>
      buildPlan({ catalog: catalog.scenarios, scenarioId, rawParams, runId: "20261124-bad", now: NOW }),
    ).toThrow(param);
  });
});
