// `scenario import` as a process on the owner's 14 dhg-mono recipes (test/fixtures/dhg-recipes, from
// raybunnage/dhg-mono 5e9e240a): the 8 change recipes become drafts that `scenario validate` accepts,
// the rest validate or are declined with the reason; the drafts are the same on every run.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/parse.ts";

const BIN = fileURLToPath(new URL("../../bin/scenario.js", import.meta.url));
const RECIPES = fileURLToPath(new URL("../fixtures/dhg-recipes/", import.meta.url));
const CHANGE_RECIPES = [
  "create-shared-service",
  "add-database-table",
  "add-proxy-server",
  "add-new-app-page",
  "add-new-proxy-server",
  "add-new-shared-service",
  "modify-database-tables",
  "remove-complexity",
];

function scenario(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("scenario import on the dhg-mono recipes", () => {
  const dir = mkdtempSync(join(tmpdir(), "scenario-import-"));
  const recipes = readdirSync(RECIPES)
    .filter((f) => f.endsWith(".md"))
    .sort();
  let imported: ReturnType<typeof scenario>;
  beforeAll(() => {
    imported = scenario(RECIPES, "import", ...recipes, "--out", join(dir, "drafts"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("drafts 11 and declines 3, each with its reason", () => {
    expect(recipes).toHaveLength(14);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    const declined = imported.stdout.split("\n").filter((l) => l.startsWith("declined"));
    expect(declined.map((l) => l.replace(/:.*/, ""))).toEqual([
      "declined cleanup-root-directory.md",
      "declined consolidate-proxy-servers.md",
      "declined index.md",
    ]);
    expect(imported.stdout).toContain("declined index.md: an index of other documents");
    expect(imported.stdout).toContain("declined consolidate-proxy-servers.md: a record of work already done");
    expect(imported.stdout).toContain("declined cleanup-root-directory.md: no numbered steps");
    expect(readdirSync(join(dir, "drafts"))).toHaveLength(11);
  });

  it("writes drafts that `scenario validate` accepts", () => {
    const validated = scenario(dir, "validate", "--scenarios", "drafts");
    expect(validated.stderr).toBe("");
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain("ok: 11 documents valid (11 scenarios, 0 templates)");
  });

  it("gives each change recipe at least 3 steps, one of them automated, and marks the guesses", () => {
    for (const id of CHANGE_RECIPES) {
      const text = readFileSync(join(dir, "drafts", `${id}.md`), "utf8");
      const { definition, problems } = parseScenario(text, { file: `${id}.md` });
      expect(problems, id).toEqual([]);
      expect(definition?.steps.length, id).toBeGreaterThanOrEqual(3);
      expect(
        definition?.steps.some((s) => s.kind === "automated"),
        id,
      ).toBe(true);
      expect(text, id).toContain("<!-- import: guessed:");
    }
  });

  it("turns create-this-file blocks into file= blocks and the reader's names into parameters", () => {
    const text = readFileSync(join(dir, "drafts", "create-shared-service.md"), "utf8");
    const def = parseScenario(text).definition;
    expect(def?.parameters.map((p) => [p.name, p.pattern, p.example])).toEqual([
      ["service", "^[a-z][a-z0-9]*(-[a-z0-9]+)*$", "example"],
    ]);
    const files = def?.steps.flatMap((s) =>
      s.blocks.filter((b) => b.kind === "file").map((b) => `${b.path}${b.append ? " (append)" : ""}`),
    );
    expect(files).toEqual([
      "packages/shared/services/{service}/{service|pascal}.ts",
      "packages/shared/services/{service}/index.ts",
      "packages/shared/services/{service}/__tests__/{service|pascal}.test.ts",
      "packages/shared/services/index.ts (append)",
    ]);
    expect(text).toContain("export const {service|camel} = {service|pascal}.getInstance();");
    expect(def?.steps.map((s) => s.kind)).toEqual([
      "automated",
      "automated",
      "automated",
      "automated",
      "automated",
      "validation",
    ]);
    expect(def?.postValidation.filter((c) => c.check).map((c) => c.text)).toEqual([
      "Exported from shared/services/index.ts",
      "The files the steps write exist",
    ]);
    expect(def?.rollback[0]?.blocks[0]?.content).toContain("rm -rf packages/shared/services/{service}");
    expect(def?.rollback[0]?.blocks[0]?.content).not.toContain("git reset");
    expect(def?.documentation?.map((d) => d.title)).toContain("Design Guidelines");
  });

  it("declares a 98XX port as a number within its range, and escapes JSX braces", () => {
    const proxy = parseScenario(readFileSync(join(dir, "drafts", "add-proxy-server.md"), "utf8")).definition;
    expect(proxy?.parameters.find((p) => p.name === "port")).toMatchObject({
      type: "number",
      min: 9800,
      max: 9899,
    });
    const page = readFileSync(join(dir, "drafts", "add-new-app-page.md"), "utf8");
    expect(page).toContain("Error: \\{error}");
    expect(page).toContain("file=apps/{app}/src/pages/{page|pascal}.tsx");
  });

  it("is deterministic: a second import writes the same bytes", () => {
    const again = scenario(RECIPES, "import", ...recipes, "--out", join(dir, "again"));
    expect(again.code).toBe(0);
    for (const file of readdirSync(join(dir, "drafts"))) {
      expect(readFileSync(join(dir, "again", file), "utf8"), file).toBe(
        readFileSync(join(dir, "drafts", file), "utf8"),
      );
    }
  });

  it("refuses to overwrite a draft without --force", () => {
    const again = scenario(RECIPES, "import", "add-proxy-server.md", "--out", join(dir, "drafts"));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("exists; pass --force to overwrite it");
  });
});

describe("scenario validate on the recipes themselves", () => {
  it("reports 20 problems in the 4 documents that claim to be scenarios, and notes the 9 that are not", () => {
    const run = scenario(RECIPES, "validate", "--scenarios", ".");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("20 problems in 4 of 13 documents, 9 not a scenario");
    expect(run.stdout).toContain(
      'create-shared-service.md:22:1: steps written as `###` headings ("1. Create Service Directory (2 minutes)") are not read',
    );
    expect(run.stdout).toContain('note: "## Design Guidelines" is documentation: kept and shown, never run');
    expect(run.stdout).toContain("add-new-app-page.md:1:1: note: not a scenario");
    expect(run.stdout).not.toContain("unknown section");
  });
});
