// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` here is workflow expression text under test.
// `scenario init`: what it writes for each mode is a workflow GitHub accepts (the schema check
// test/action/workflows.test.ts runs), references the published action, defines every step it reads
// from, grants least privilege, and listens to comments only in the mode where no App does.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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
  jobs: Record<string, { permissions: Record<string, string>; steps: { id?: string; uses?: string }[] }>;
}

describe("scenario init", () => {
  for (const mode of ["app", "zero-server"] as const) {
    it(`--mode ${mode} writes a valid workflow and a commented config`, async () => {
      const repo = emptyRepo();
      const run = await cli(["init", "--mode", mode], { cwd: repo });
      expect(run.code, run.err).toBe(0);
      expect(run.out).toContain("wrote .github/workflows/scenario.yml");
      const text = readFileSync(join(repo, ".github/workflows/scenario.yml"), "utf8");
      expect(validateWorkflow(text).errors).toEqual([]);
      expect(findInjections(text)).toEqual([]);
      const doc = parse(text) as Workflow;
      expect(doc.permissions).toEqual({});
      const steps = Object.values(doc.jobs).flatMap((j) => j.steps);
      const uses = steps.map((s) => s.uses).filter(Boolean);
      expect(uses.filter((u) => u?.startsWith("./"))).toEqual([]);
      expect(uses).toContain("scenario-bot/scenario-bot@v1");
      // Every `steps.<id>` read is a step of the job.
      const ids = new Set(steps.map((s) => s.id));
      const read = [...text.matchAll(/steps\.([\w-]+)\./g)].map((m) => m[1]);
      expect(read.filter((id) => !ids.has(id))).toEqual([]);
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

  it("is what the README shows, for both modes", () => {
    const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
    for (const mode of ["app", "zero-server"] as const) {
      const written = initFiles(mode)[".github/workflows/scenario.yml"] as string;
      expect(readme).toContain(`\`\`\`yaml\n${written}\`\`\``);
    }
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
