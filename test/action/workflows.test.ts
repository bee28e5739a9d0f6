// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${{ }}` here is workflow expression text under test, not a template.
// Every workflow and action.yml against the published schemas (action-validator ships them), plus
// the rules the schemas cannot express: least-privilege permissions on every job, and no untrusted
// expression inside a `run:` script.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validateAction, validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SCENARIO_RUN_NAME } from "../support/scenario-workflow.ts";
import { findInjections } from "./support/injections.ts";

const root = join(import.meta.dirname, "../..");
const workflowDir = join(root, ".github/workflows");
const workflows = readdirSync(workflowDir).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"));

describe("workflows", () => {
  it("has the five workflows", () => {
    expect(workflows.sort()).toEqual([
      "archive-audit.yml",
      "ci.yml",
      "release.yml",
      "scenario-checks.yml",
      "scenario.yml",
    ]);
  });

  for (const file of workflows) {
    const text = readFileSync(join(workflowDir, file), "utf8");
    const doc = parse(text) as { permissions?: unknown; jobs: Record<string, { permissions?: unknown }> };

    it(`${file} is valid against the workflow schema`, () => {
      expect(validateWorkflow(text).errors).toEqual([]);
    });

    it(`${file} grants nothing at the top and names its permissions on every job`, () => {
      expect(doc.permissions).toEqual({});
      for (const [name, job] of Object.entries(doc.jobs)) {
        expect(job.permissions, `job ${name}`).toBeTypeOf("object");
        for (const level of Object.values(job.permissions as Record<string, string>)) {
          expect(["read", "write", "none"], `job ${name}`).toContain(level);
        }
      }
    });

    it(`${file} puts no untrusted expression in a run: script`, () => {
      expect(findInjections(text)).toEqual([]);
    });
  }
});

describe("scenario.yml", () => {
  it("names a dispatched job's workflow run after the run it drives, from its start", () => {
    const doc = parse(readFileSync(join(workflowDir, "scenario.yml"), "utf8")) as { "run-name"?: string };
    expect(doc["run-name"]).toBe(SCENARIO_RUN_NAME);
  });
});

describe("action.yml", () => {
  const text = readFileSync(join(root, "action.yml"), "utf8");
  const action = parse(text) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: Record<string, string>;
  };

  it("is valid against the action schema", () => {
    // The schema shipped in @action-validator/core 0.6.0 predates node24 (its runs.using enum stops at
    // node20), so that one field is checked by the next test and the rest against the schema.
    const errors = validateAction(text).errors;
    expect(errors.map((e) => ("path" in e ? e.path : e.title))).toEqual(["/runs"]);
    expect(validateAction(text.replace("using: node24", "using: node20")).errors).toEqual([]);
  });

  it("runs the bundled entry on node24 with the documented inputs and outputs", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(Object.keys(action.inputs)).toEqual([
      "command",
      "scenario",
      "params",
      "run-id",
      "issue-number",
      "github-token",
      "database-url",
    ]);
    expect(action.inputs["github-token"]?.default).toBe("${{ github.token }}");
    expect(Object.keys(action.outputs)).toEqual(["run-id", "status", "branch", "pull-request"]);
  });
});

describe("the injection check itself", () => {
  it("finds an event field or an input inside run:, in block and inline form", () => {
    const bad = [
      "jobs:",
      "  a:",
      "    steps:",
      "      - run: echo ${{ github.event.comment.body }}",
      "      - run: |",
      "          echo hi",
      "          echo ${{inputs.params}}",
      "      - with:",
      "          x: ${{ inputs.params }}",
    ].join("\n");
    expect(findInjections(bad)).toEqual([
      "jobs.a.steps[0].run: ${{ github.event.comment.body }}",
      "jobs.a.steps[1].run: ${{inputs.params}}",
    ]);
  });
});
