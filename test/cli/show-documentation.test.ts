// `scenario show` prints a document's extra `##` sections (documentation, never run), and validate
// notes them without failing.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { doc } from "../support/scenario-documents.ts";
import { cli } from "./support/read-commands.ts";

const dir = mkdtempSync(join(tmpdir(), "scenario-show-doc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("documentation sections", () => {
  mkdirSync(join(dir, "scenarios"));
  writeFileSync(
    join(dir, "scenarios/a.md"),
    `${doc("a")}\n## Design Guidelines\n1. **Small**: one thing well\n`,
  );
  writeFileSync(join(dir, "scenarios/notes.md"), "# Notes\n\nNot a scenario.\n");

  it("are shown by scenario show", async () => {
    const { code, stdout } = await cli(dir, "show", "a", "--scenarios", "scenarios");
    expect(code).toBe(0);
    expect(stdout).toContain("Design Guidelines (documentation, not run):\n  1. **Small**: one thing well");
  });

  it("are notes for scenario validate, as is a file that is no scenario", async () => {
    const { code, stdout } = await cli(dir, "validate", "--scenarios", "scenarios");
    expect(code).toBe(0);
    expect(stdout).toContain(
      'scenarios/a.md:25:1: note: "## Design Guidelines" is documentation: kept and shown, never run',
    );
    expect(stdout).toContain("scenarios/notes.md:1:1: note: not a scenario");
    expect(stdout).toContain("ok: 2 documents valid (1 scenarios, 0 templates, 1 not a scenario)");
    const json = JSON.parse(
      (await cli(dir, "validate", "--scenarios", "scenarios", "--format", "json")).stdout,
    );
    expect(json.notes).toHaveLength(2);
    const github = (await cli(dir, "validate", "--scenarios", "scenarios", "--format", "github")).stdout;
    expect(github).toContain("::notice file=scenarios/a.md,line=25");
  });
});
