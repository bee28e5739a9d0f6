// `scenario new`: a document from the template of each object type (the shipped templates folder,
// read when the command runs; proxy from the built-in skeleton while there is no proxy template)
// that `scenario validate` accepts as it is written.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { OBJECT_TYPES } from "../../src/scenario/types.ts";
import { cli } from "./support/read-commands.ts";

const SHIPPED = fileURLToPath(new URL("../../scenarios/", import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function repo(withShipped = false): string {
  const dir = mkdtempSync(join(tmpdir(), "scenario-new-"));
  dirs.push(dir);
  execFileSync("git", ["init", "-q"], { cwd: dir });
  if (withShipped) cpSync(SHIPPED, join(dir, "scenarios"), { recursive: true });
  return dir;
}

describe("scenario new", () => {
  it("writes a document for every object type that validates, in a repository without scenarios", async () => {
    const dir = repo();
    for (const type of OBJECT_TYPES) {
      const made = await cli(dir, "new", `my-${type}-change`, "--type", type);
      expect(made.code, made.stderr).toBe(0);
      expect(made.stdout).toContain(`wrote scenarios/${type}/my-${type}-change.md from `);
      const text = readFileSync(join(dir, "scenarios", type, `my-${type}-change.md`), "utf8");
      expect(text).toContain(`- **ID**: \`my-${type}-change\``);
      expect(text).toContain(`- **Object Type**: ${type}`);
      expect(text.split("\n")[0]).toBe(`# Scenario: My ${type} change`);
    }
    const validated = await cli(dir, "validate");
    expect(validated.stderr).toBe("");
    expect(validated.stdout).toContain(
      `ok: ${OBJECT_TYPES.length} documents valid (${OBJECT_TYPES.length} scenarios`,
    );
  });

  it("keeps a template's dependency the catalog has, and says which it leaves out when it has not", async () => {
    const bare = repo();
    const left = await cli(bare, "new", "my-table-change", "--type", "database");
    const full = repo(true);
    const kept = await cli(full, "new", "my-table-change", "--type", "database");
    const dependencies = (dir: string) =>
      readFileSync(join(dir, "scenarios/database/my-table-change.md"), "utf8").match(
        /\*\*Dependencies\*\*: (.*)/,
      )?.[1];
    expect(dependencies(full)).toBe("`create-database-table` (required)");
    expect(kept.stderr).toBe("");
    expect(dependencies(bare)).toBe("none");
    expect(left.stderr).toContain(
      "depends on create-database-table, which is not a scenario under scenarios; left out",
    );
    expect((await cli(full, "validate")).code).toBe(0);
  });

  it("prints with --stdout, writes nothing", async () => {
    const dir = repo();
    const printed = await cli(dir, "new", "add-search-proxy", "--type", "proxy", "--stdout");
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain("- **Object Type**: proxy");
    expect(existsSync(join(dir, "scenarios"))).toBe(false);
  });

  it("refuses a bad id, an unknown type and an existing file", async () => {
    const dir = repo();
    expect((await cli(dir, "new", "Bad_Id", "--type", "ui")).stderr).toContain(
      'scenario id "Bad_Id" is not kebab-case',
    );
    expect((await cli(dir, "new", "x", "--type", "widget")).stderr).toContain('unknown object type "widget"');
    await cli(dir, "new", "x", "--type", "ui");
    const again = await cli(dir, "new", "x", "--type", "ui");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("scenarios/ui/x.md exists; pass --force to overwrite it");
    expect((await cli(dir, "new", "x", "--type", "ui", "--force")).code).toBe(0);
  });
});
