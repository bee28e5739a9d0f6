// A command loads only what it uses: `--help` the command definitions and commander, the read-only
// commands the parser but never the engine, the store or a database driver. Each command imports its
// work when it runs (src/cli/commands/*.ts); this keeps a new static import from undoing that.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NODE = path.join(ROOT, "node_modules/.bin/node");
const scratch = mkdtempSync(path.join(tmpdir(), "start-modules-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The project files (relative to the root) and the packages a `scenario` process loads for argv. */
function loadedBy(argv: string[], env: NodeJS.ProcessEnv = {}): { files: string[]; packages: string[] } {
  const out = path.join(scratch, `modules-${argv.join("-").replace(/\W/g, "")}.txt`);
  const result = spawnSync(
    NODE,
    [
      "--import",
      path.join(ROOT, "test/support/record-modules.mjs"),
      path.join(ROOT, "bin/scenario.js"),
      ...argv,
    ],
    {
      cwd: scratch,
      env: { ...process.env, RECORD_MODULES: out, SCENARIO_FROM_SOURCES: "1", ...env },
      encoding: "utf8",
    },
  );
  expect(result.status, result.stderr).toBe(0);
  const urls = readFileSync(out, "utf8")
    .split("\n")
    .filter((u) => u.startsWith("file:"));
  const paths = urls.map((u) => path.relative(ROOT, new URL(u).pathname));
  const packages = new Set<string>();
  for (const p of paths) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
    if (m) packages.add(m[1] as string);
  }
  return { files: paths.filter((p) => !p.includes("node_modules")), packages: [...packages].sort() };
}

const STORE = ["pg", "@electric-sql/pglite", "libpg-query"];

describe("what a command loads at start", () => {
  it("--help loads the command definitions and commander only", () => {
    const { files, packages } = loadedBy(["--help"]);
    expect(packages).toEqual(["commander"]);
    const outside = files.filter(
      (f) =>
        !/^(bin\/|src\/cli\/|src\/errors\/|src\/local\/plain-hint\.ts$|src\/scenario\/(types|layout)\.ts$|src\/store\/archive\/(add|audit-render|catalog-tables)\.ts$|src\/store\/errors\.ts$|src\/engine\/plan\/step-number\.ts$|src\/os\/process-alive\.ts$|src\/syntax\/check\.ts$|src\/application\/repository\/(repo-root|package-root)\.ts$|package\.json$)/.test(
          f,
        ),
    );
    expect(outside).toEqual([]);
  });

  it("list reads the catalog without the engine, the store or a database driver", () => {
    const { files, packages } = loadedBy(["list"]);
    expect(packages.filter((p) => STORE.includes(p))).toEqual([]);
    expect(files.filter((f) => /^src\/(engine\/run|store\/(?!archive|errors))/.test(f))).toEqual([]);
  });

  it("run, with every document in the parse cache, loads neither the parser nor zod", () => {
    const repo = path.join(scratch, "repo");
    execFileSync("git", ["init", "-q", repo]);
    const argv = ["run", "note-table", "table=users", "--dry-run"];
    const flags = ["--scenarios", path.join(ROOT, "test/cli/engine-scenarios"), "--repo", repo];
    const env = { SCENARIO_CACHE_DIR: path.join(scratch, "cache") };
    // The first run parses (and loads the parser); the second takes every document from the cache.
    expect(loadedBy([...argv, ...flags], env).packages).toContain("micromark");
    const { files, packages } = loadedBy([...argv, ...flags], env);
    expect(packages.filter((p) => /^(zod|micromark|remark|mdast|unified)/.test(p))).toEqual([]);
    expect(files.filter((f) => /^src\/scenario\/(parse|markdown|schema|catalog)\.ts$/.test(f))).toEqual([]);
  });
});
