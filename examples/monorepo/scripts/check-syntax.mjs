#!/usr/bin/env node
// Syntax check with nothing installed: the checks the scenarios' validations run offline.
//   .js .mjs .cjs   node --check
//   .ts .mts .cts   Node's own TypeScript parser (type stripping), then node --check on the result
//   .tsx .jsx       esbuild, from this repository's node_modules or from scenario-bot's ($SCENARIO_CLI)
//   .json           JSON.parse
//   .sh             bash -n
// Usage: node scripts/check-syntax.mjs <file>... | --all
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as nodeModule from "node:module";
import { tmpdir } from "node:os";
import { extname, join, relative } from "node:path";

// stripTypeScriptTypes is stable enough for a syntax check; its "experimental" notice is noise here.
const emitWarning = process.emitWarning;
process.emitWarning = (warning, ...rest) => {
  const type = typeof rest[0] === "string" ? rest[0] : rest[0]?.type;
  if (type !== "ExperimentalWarning") emitWarning.call(process, warning, ...rest);
};

const SKIP_DIRS = new Set(["node_modules", ".git", "dist", ".scenario"]);
const CHECKED = new Set([".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx", ".jsx", ".json", ".sh"]);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP_DIRS.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return CHECKED.has(extname(entry.name)) ? [relative(process.cwd(), path)] : [];
  });
}

function loadEsbuild() {
  const bases = [join(process.cwd(), "package.json"), process.env.SCENARIO_CLI].filter(Boolean);
  for (const base of bases) {
    try {
      return nodeModule.createRequire(base)("esbuild");
    } catch {
      // not installed there; try the next place
    }
  }
  return undefined;
}

function run(command, args) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) return result.error.message;
  return result.status === 0 ? undefined : (result.stderr || result.stdout).trim();
}

function checkJs(file, source) {
  if (source === undefined) return run(process.execPath, ["--check", file]);
  const dir = mkdtempSync(join(tmpdir(), "check-syntax-"));
  try {
    const out = join(dir, "stripped.mjs");
    writeFileSync(out, source);
    const error = run(process.execPath, ["--check", out]);
    return error?.replaceAll(out, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let esbuild;
function check(file) {
  const ext = extname(file);
  let source;
  try {
    source = readFileSync(file, "utf8");
  } catch (error) {
    return "cannot read: " + error.message;
  }
  switch (ext) {
    case ".js":
    case ".mjs":
    case ".cjs":
      return checkJs(file);
    case ".ts":
    case ".mts":
    case ".cts":
      if (!nodeModule.stripTypeScriptTypes) return "cannot check TypeScript on Node " + process.version + ": use Node 24";
      try {
        return checkJs(file, nodeModule.stripTypeScriptTypes(source, { mode: "strip" }));
      } catch (error) {
        return error.message;
      }
    case ".tsx":
    case ".jsx":
      esbuild ??= loadEsbuild();
      if (!esbuild) {
        return "cannot check " + ext + " files: esbuild is not installed here or next to $SCENARIO_CLI; run npm install";
      }
      try {
        esbuild.transformSync(source, { loader: ext.slice(1), jsx: "automatic", sourcefile: file, logLevel: "silent" });
        return undefined;
      } catch (error) {
        return error.message;
      }
    case ".json":
      try {
        JSON.parse(source);
        return undefined;
      } catch (error) {
        return error.message;
      }
    case ".sh":
      return run("bash", ["-n", file]);
    default:
      return "no syntax check for " + (ext || "files without an extension") + " (checked: " + [...CHECKED].join(" ") + ")";
  }
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("Usage: node scripts/check-syntax.mjs <file>... | --all");
  process.exit(2);
}
const files = args.includes("--all") ? walk(process.cwd()) : args;
let failed = 0;
for (const file of files) {
  const error = check(file);
  if (error) {
    failed += 1;
    console.error(file + ": " + error);
  } else {
    console.log("ok " + file);
  }
}
if (failed > 0) {
  console.error(String(failed) + " of " + String(files.length) + " files failed the syntax check");
  process.exit(1);
}
