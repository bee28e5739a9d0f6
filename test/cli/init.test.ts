// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` here is workflow expression text under test.
// `scenario init`: what it writes for each mode are workflows GitHub accepts (the schema check
// test/action/workflows.test.ts runs), reference the published action, define every step they read
// from, grant least privilege; the scenario workflow listens to comments only in the mode where no App
// does, and zero-server mode also gets the pull request check the App would otherwise give.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { initFiles } from "../../src/cli/commands/init.ts";
import { parseRepoConfig } from "../../src/command/index.ts";
import { findInjections } from "../action/support/injections.ts";
import { cli } from "../support/cli-in-process.ts";
import { SCENARIO_RUN_NAME } from "../support/scenario-workflow.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function emptyRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "scenario-init-"));
  dirs.push(dir);
  return dir;
}

interface Workflow {
  "run-name"?: string;
  on: Record<string, unknown>;
  permissions: unknown;
  jobs: Record<
    string,
    { permissions: Record<string, string>; steps: { id?: string; uses?: string; with?: unknown }[] }
  >;
}

/** What every workflow init writes must be: valid, injection-free, least privilege, published action, no undefined step. */
function checkWorkflow(text: string): { uses: (string | undefined)[] } {
  expect(validateWorkflow(text).errors).toEqual([]);
  expect(findInjections(text)).toEqual([]);
  const doc = parse(text) as Workflow;
  expect(doc.permissions).toEqual({});
  for (const job of Object.values(doc.jobs)) {
    for (const level of Object.values(job.permissions)) expect(["read", "write", "none"]).toContain(level);
  }
  const steps = Object.values(doc.jobs).flatMap((j) => j.steps);
  const uses = steps.map((s) => s.uses).filter(Boolean);
  expect(uses.filter((u) => u?.startsWith("./"))).toEqual([]);
  expect(uses).toContain("scenario-bot/scenario-bot@v1");
  // Every `steps.<id>` read is a step of the job.
  const ids = new Set(steps.map((s) => s.id));
  const read = [...text.matchAll(/steps\.([\w-]+)\./g)].map((m) => m[1]);
  expect(read.filter((id) => !ids.has(id))).toEqual([]);
  return { uses };
}

describe("scenario init", () => {
  for (const mode of ["app", "zero-server"] as const) {
    it(`--mode ${mode} writes a valid workflow and a commented config`, async () => {
      const repo = emptyRepo();
      const run = await cli(["init", "--mode", mode], { cwd: repo });
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain("wrote .github/workflows/scenario.yml");
      const text = readFileSync(join(repo, ".github/workflows/scenario.yml"), "utf8");
      const doc = parse(text) as Workflow;
      const { uses } = checkWorkflow(text);
      // A dispatched job is found by the run it drives from its start (its workflow run's name).
      expect(doc["run-name"]).toBe(SCENARIO_RUN_NAME);
      // A comment is handled by the App or by the workflow, never both.
      expect("issue_comment" in doc.on).toBe(mode === "zero-server");
      if (mode === "app") {
        expect(uses).toContain("actions/create-github-app-token@v2");
        expect(doc.jobs.scenario?.permissions).toEqual({ contents: "read" });
      }
      const config = readFileSync(join(repo, ".github/scenarios.yml"), "utf8");
      expect(config).toMatch(/^# /);
      // Valid as written, and equal to the defaults it documents.
      const parsed = parseRepoConfig(parse(config));
      const defaults = parseRepoConfig(null);
      expect({ ...parsed, policy: parsed.policy.minimum }).toEqual({
        ...defaults,
        policy: defaults.policy.minimum,
      });
    });
  }

  it("--mode zero-server also writes the pull request check; --mode app leaves that to the App", async () => {
    const repo = emptyRepo();
    const run = await cli(["init", "--mode", "zero-server"], { cwd: repo });
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain("wrote .github/workflows/scenario-checks.yml");
    const text = readFileSync(join(repo, ".github/workflows/scenario-checks.yml"), "utf8");
    const { uses } = checkWorkflow(text);
    expect(uses).toEqual(["actions/checkout@v5", "scenario-bot/scenario-bot@v1"]);
    const doc = parse(text) as Workflow;
    // Pull requests that change the scenario documents (the config's default folder), nothing else.
    expect(doc.on).toEqual({ pull_request: { paths: ["scenarios/**"] } });
    expect(parseRepoConfig(null).scenariosDir).toBe("scenarios");
    expect(Object.keys(doc.jobs)).toEqual(["check"]);
    expect(doc.jobs.check?.permissions).toEqual({
      contents: "read",
      checks: "write",
      "pull-requests": "read",
    });
    expect(doc.jobs.check?.steps.at(-1)?.with).toEqual({ command: "check" });
    // The same job as this repository's own check, but on the published action.
    const own = readFileSync(
      join(import.meta.dirname, "../../.github/workflows/scenario-checks.yml"),
      "utf8",
    );
    expect(parse(text).jobs).toEqual(
      JSON.parse(JSON.stringify(parse(own).jobs).replace('"./"', '"scenario-bot/scenario-bot@v1"')),
    );
    expect(parse(text).concurrency).toEqual(parse(own).concurrency);

    const app = emptyRepo();
    await cli(["init", "--mode", "app"], { cwd: app });
    expect(existsSync(join(app, ".github/workflows/scenario-checks.yml"))).toBe(false);
  });

  it("is what the README shows, every workflow of both modes", () => {
    const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
    const shown: string[] = [];
    for (const mode of ["app", "zero-server"] as const) {
      for (const [path, written] of Object.entries(initFiles(mode))) {
        if (!path.startsWith(".github/workflows/")) continue;
        expect(readme, `${mode}: ${path}`).toContain(`\`\`\`yaml\n${written}\`\`\``);
        shown.push(`${mode}: ${path}`);
      }
    }
    expect(shown).toEqual([
      "app: .github/workflows/scenario.yml",
      "zero-server: .github/workflows/scenario.yml",
      "zero-server: .github/workflows/scenario-checks.yml",
    ]);
  });

  it("keeps a file that exists unless --force", async () => {
    const repo = emptyRepo();
    await cli(["init"], { cwd: repo });
    writeFileSync(join(repo, ".github/scenarios.yml"), "scenarios: docs/scenarios\n");
    const again = await cli(["init"], { cwd: repo });
    expect(again.err).toContain("kept .github/scenarios.yml");
    expect(readFileSync(join(repo, ".github/scenarios.yml"), "utf8")).toBe("scenarios: docs/scenarios\n");
    await cli(["init", "--force"], { cwd: repo });
    expect(readFileSync(join(repo, ".github/scenarios.yml"), "utf8")).toMatch(/^# /);
  });

  it("refuses an unknown mode", async () => {
    const run = await cli(["init", "--mode", "server"], { cwd: emptyRepo() });
    expect(run.code).not.toBe(0);
    expect(run.err).toContain("app, zero-server");
  });
});
