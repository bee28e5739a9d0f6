// The layer rules of docs/architecture.md, checked on every import in src/: a layer imports only the
// layers beneath it, front doors never import each other, and the inner layers never reach for
// GitHub, SQL or the Actions runtime. A new import that breaks a rule fails here, naming the file.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");

/** What each top-level folder of src/ may import from the others. */
const MAY_IMPORT: Record<string, string[]> = {
  errors: [],
  markdown: [],
  os: [],
  syntax: [],
  scenario: ["errors"],
  engine: ["scenario", "errors", "os"],
  store: ["engine", "scenario", "errors", "os"],
  local: ["engine", "scenario", "errors", "os"],
  command: ["scenario", "errors", "markdown"],
  application: ["command", "engine", "store", "scenario", "errors", "markdown", "os", "syntax"],
  // GitHub's REST API, one wrapper for the App and the Action (an adapter: front doors use it).
  github: ["command", "engine", "errors", "os"],
  // The front doors: everything beneath them, never one another.
  cli: [
    "application",
    "command",
    "engine",
    "store",
    "local",
    "scenario",
    "errors",
    "markdown",
    "os",
    "syntax",
  ],
  action: [
    "application",
    "github",
    "command",
    "engine",
    "store",
    "local",
    "scenario",
    "errors",
    "markdown",
    "os",
  ],
  "github-app": [
    "application",
    "github",
    "command",
    "engine",
    "store",
    "scenario",
    "errors",
    "markdown",
    "os",
  ],
  demo: ["cli"],
};

/** Packages that belong to the outside world: the inner layers talk to it through ports only. */
const OUTSIDE = /^(pg|@electric-sql\/pglite|probot|@octokit\/|@actions\/)/;
const KEPT_FROM_OUTSIDE = ["errors", "markdown", "scenario", "engine", "application", "command", "local"];

interface Import {
  file: string;
  specifier: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, "utf8");
  const found: Import[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
    found.push({ file: relative(SRC, file), specifier: m[1] as string });
  }
  return found;
}

const topOf = (path: string) => path.split("/")[0] as string;
const all = sources(SRC).flatMap(importsOf);

describe("layers (docs/architecture.md)", () => {
  it("knows every top-level folder of src/", () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !(f in MAY_IMPORT))).toEqual([]);
  });

  it("each layer imports only the layers it may", () => {
    const broken = all
      .filter((i) => i.specifier.startsWith("."))
      .map((i) => {
        const from = topOf(i.file);
        const to = topOf(relative(SRC, normalize(join(SRC, dirname(i.file), i.specifier))));
        return { ...i, from, to };
      })
      .filter((i) => i.from !== i.to && !(MAY_IMPORT[i.from] ?? []).includes(i.to))
      .map((i) => `${i.file} imports ${i.specifier} (${i.from} may not import ${i.to})`);
    expect(broken).toEqual([]);
  });

  it("the inner layers never import GitHub, SQL or the Actions runtime", () => {
    const broken = all
      .filter((i) => KEPT_FROM_OUTSIDE.includes(topOf(i.file)) && OUTSIDE.test(i.specifier))
      .map((i) => `${i.file} imports ${i.specifier}`);
    expect(broken).toEqual([]);
  });
});
