// bin/scenario.js runs the bundle in build/cli/ only while every file it was built from is unchanged,
// else the sources; and the bundle (scripts/build-cli.ts) answers as the sources do.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildCli } from "../../scripts/build-cli.ts";
import { makeRepo } from "../support/engine-harness.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NODE = path.join(ROOT, "node_modules/.bin/node");
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT) {
  const { SCENARIO_FROM_SOURCES: _, ...rest } = process.env;
  const r = spawnSync(NODE, args, { cwd, env: { ...rest, ...env }, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bin/scenario.js picks the bundle or the sources", () => {
  // A package of stubs: bin/scenario.js as it is, a "bundle" and "sources" that say which they are.
  const pkg = mkdtempSync(path.join(tmpdir(), "scenario-bin-"));
  dirs.push(pkg);
  mkdirSync(path.join(pkg, "bin"));
  mkdirSync(path.join(pkg, "build/cli"), { recursive: true });
  mkdirSync(path.join(pkg, "src/cli"), { recursive: true });
  copyFileSync(path.join(ROOT, "bin/scenario.js"), path.join(pkg, "bin/scenario.js"));
  // Each answers with its own exit code, which bin/scenario.js ends the process with (exitWith).
  const say = (what: string) =>
    `export async function main() { process.stdout.write("${what}"); return ${what.length}; }\n` +
    "export async function exitWith(code) { process.exit(code); }\n";
  writeFileSync(path.join(pkg, "build/cli/main.js"), say("bundle"));
  writeFileSync(path.join(pkg, "src/cli/main.ts"), say("sources"));
  const source = path.join(pkg, "src/cli/main.ts");
  const stamp = (mtime: Date) => {
    utimesSync(source, mtime, mtime);
    const { size, mtimeMs } = statSync(source);
    writeFileSync(
      path.join(pkg, "build/cli/inputs.json"),
      JSON.stringify([["src/cli/main.ts", size, mtimeMs]]),
    );
  };
  const bin = path.join(pkg, "bin/scenario.js");

  it("runs the bundle while its inputs are unchanged", () => {
    stamp(new Date(2026, 0, 1));
    expect(run([bin])).toMatchObject({ stdout: "bundle", code: 6 });
  });

  it("runs the sources when an input changed, or when asked to", () => {
    stamp(new Date(2026, 0, 1));
    expect(run([bin], { SCENARIO_FROM_SOURCES: "1" })).toMatchObject({ stdout: "sources", code: 7 });
    utimesSync(source, new Date(2026, 0, 2), new Date(2026, 0, 2));
    expect(run([bin]).stdout).toBe("sources");
    stamp(new Date(2026, 0, 1));
    rmSync(path.join(pkg, "build/cli/inputs.json"));
    expect(run([bin]).stdout).toBe("sources");
  });
});

describe("the bundle", () => {
  it("answers --help, list and validate as the sources do, and runs a scenario on the embedded store", async () => {
    // Two folders below the root, as build/cli/ is (the modules find package.json and migrations so).
    mkdirSync(path.join(ROOT, "build"), { recursive: true });
    const out = mkdtempSync(path.join(ROOT, "build", "test-"));
    dirs.push(out);
    await buildCli(out);
    const cwd = mkdtempSync(path.join(tmpdir(), "scenario-bundle-"));
    dirs.push(cwd);
    const cache = { SCENARIO_CACHE_DIR: path.join(cwd, ".cache") };
    const runner = path.join(out, "run.mjs");
    writeFileSync(
      runner,
      'import { exitWith, main } from "./main.js";\nawait exitWith(await main(process.argv.slice(2)));\n',
    );
    const viaBundle = (...argv: string[]) => run([runner, ...argv], cache, cwd);
    const viaSources = (...argv: string[]) =>
      run([path.join(ROOT, "bin/scenario.js"), ...argv], { ...cache, SCENARIO_FROM_SOURCES: "1" }, cwd);
    for (const argv of [["--help"], ["list"], ["validate", "--scenarios", path.join(ROOT, "scenarios")]]) {
      const bundled = viaBundle(...argv);
      expect(bundled).toEqual(viaSources(...argv));
      expect(bundled.code).toBe(0);
    }
    // `run` on the embedded store (PGlite loaded from node_modules by the bundle as by the sources):
    // the first run creates the database, the others open it.
    const repo = makeRepo();
    dirs.push(repo.dir);
    const scenarios = path.join(ROOT, "test/hostile/scenarios");
    const runArgs = (value: string) => [
      "run",
      "echo-text",
      `name=${value}`,
      `value=${value}`,
      "--scenarios",
      scenarios,
    ];
    const embedded = { ...cache, DATABASE_URL: "", NO_COLOR: "1" };
    for (const value of ["b1", "s1", "b2", "s2"]) {
      const r = value.startsWith("b")
        ? run([runner, ...runArgs(value)], embedded, repo.dir)
        : run(
            [path.join(ROOT, "bin/scenario.js"), ...runArgs(value)],
            { ...embedded, SCENARIO_FROM_SOURCES: "1" },
            repo.dir,
          );
      expect(r, value).toMatchObject({ code: 0, stderr: "" });
      expect(r.stdout).toContain("succeeded");
    }
    const runs = run([runner, "runs"], embedded, repo.dir);
    expect(runs.code).toBe(0);
    expect(runs.stdout.match(/ succeeded /g)).toHaveLength(4);
  }, 180_000);
});
