// A catalog from documents already parsed: ids unique and the dependency graph checked. Documents
// under `templates/` are validated but never runnable. Apart from catalog.ts (which parses), so that a
// catalog of cached results (src/local/parse-cache.ts) never loads the parser.
import { readdir } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { closestIds } from "./closest.ts";
import { compareIds } from "./compare-ids.ts";
import { ScenarioDocumentError, UnknownScenarioError } from "./errors.ts";
import { graphProblems } from "./graph.ts";
import type { ParseResult } from "./parse.ts";
import { sortProblems } from "./problems.ts";
import type { DocumentProblem, ScenarioDefinition, SourcePosition } from "./types.ts";

export interface CatalogFile {
  /** Shown in problems; also decides templates (any `templates/` segment). */
  path: string;
  text: string;
}

export interface Catalog {
  /** Runnable scenarios without problems, sorted by id. */
  readonly scenarios: readonly ScenarioDefinition[];
  readonly templates: readonly ScenarioDefinition[];
  /** Every problem of every document, plus duplicate ids, missing dependencies and cycles. */
  readonly problems: readonly DocumentProblem[];
  /** What is no failure but worth saying: documents that are no scenario, documentation sections. */
  readonly notes: readonly DocumentProblem[];
  /** Files that are no scenario at all (each has a note saying so). */
  readonly others: readonly string[];
  /** Every file read, in order. */
  readonly files: readonly string[];
  get(id: string): ScenarioDefinition | undefined;
  /** `get`; else ScenarioDocumentError when the id's document has problems, else UnknownScenarioError naming the closest ids. */
  require(id: string): ScenarioDefinition;
  runnable(): ScenarioDefinition[];
  /** Ids of every runnable scenario, including those whose document has problems. */
  ids(): string[];
  /** The file that declares `id` (the first one, when several do), including templates and broken documents. */
  fileOf(id: string): string | undefined;
}

export interface LoadCatalogOptions {
  /** Folder `dir` is resolved against and paths are shown relative to; default the process cwd. */
  root?: string;
}

// `- **ID**: `x``, looked for where a document is too broken to parse. Only spaces and tabs around the
// marker: `\s*` after a multiline `^` also spans blank lines, which made the search quadratic on a
// document of blank lines (160 KB held the App 117 s).
const ID_LINE = /^[ \t]*[-*][ \t]+\*\*ID:?\*\*:?[ \t]*`?([a-z0-9-]+)`?/im;

/** The id a document declares and the offset where it is written, found without parsing it. */
export function findIdLine(text: string): { id: string; offset: number } | undefined {
  const m = ID_LINE.exec(text);
  if (!m) return undefined;
  return { id: m[1] as string, offset: m.index + m[0].indexOf(m[1] as string) };
}

export function isTemplate(path: string): boolean {
  return path.split(/[/\\]/).slice(0, -1).includes("templates");
}

/** Where a document's **ID** is written, for duplicate-id problems. */
function idPosition(file: CatalogFile): SourcePosition {
  const found = findIdLine(file.text);
  if (!found) return { file: file.path, line: 1, column: 1 };
  const before = file.text.slice(0, found.offset);
  const line = before.split("\n").length;
  return { file: file.path, line, column: found.offset - before.lastIndexOf("\n") };
}

/** The catalog of documents already parsed (e.g. in a worker, see src/github-app/catalog/). */
export function catalogFromParsed(parsed: readonly { file: CatalogFile; result: ParseResult }[]): Catalog {
  const files = parsed.map((p) => p.file);
  const problems: DocumentProblem[] = [];
  const notes: DocumentProblem[] = [];
  const others: string[] = [];
  const runnable = new Map<string, { def: ScenarioDefinition; file: CatalogFile }>();
  const templates: ScenarioDefinition[] = [];
  /** Ids whose documents have problems (or collide), with those documents' paths. */
  const broken = new Map<string, string[]>();
  const markBroken = (id: string, ...paths: string[]) =>
    broken.set(id, [...(broken.get(id) ?? []), ...paths]);
  const firstSeen = new Map<string, CatalogFile>();
  const templateFiles = new Map<string, string>();

  for (const { file, result } of parsed) {
    const template = isTemplate(file.path);
    problems.push(...result.problems);
    notes.push(...(result.notes ?? []));
    // No definition and no problem: not a scenario at all (a README, a loose recipe); only noted.
    if (!result.definition && result.problems.length === 0) {
      others.push(file.path);
      continue;
    }
    if (template) {
      if (result.definition) {
        templates.push(result.definition);
        if (!firstSeen.has(result.definition.id)) templateFiles.set(result.definition.id, file.path);
      }
      continue;
    }
    const id = result.definition?.id ?? findIdLine(file.text)?.id;
    if (id === undefined) continue;
    const earlier = firstSeen.get(id);
    if (earlier) {
      const here = idPosition(file);
      const there = idPosition(earlier);
      const at = (p: SourcePosition) => `${p.file}:${p.line}:${p.column}`;
      problems.push({
        position: here,
        message: `duplicate scenario id "${id}", also defined at ${at(there)}`,
        hint: "give one of them another id",
      });
      problems.push({
        position: there,
        message: `duplicate scenario id "${id}", also defined at ${at(here)}`,
        hint: "give one of them another id",
      });
      runnable.delete(id);
      markBroken(id, ...(broken.has(id) ? [] : [earlier.path]), file.path);
      continue;
    }
    firstSeen.set(id, file);
    if (result.definition) runnable.set(id, { def: result.definition, file });
    else markBroken(id, file.path);
  }

  const scenarios = [...runnable.values()].map((r) => r.def).sort((a, b) => compareIds(a.id, b.id));
  problems.push(...graphProblems(scenarios, broken.keys()));
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const allIds = [...new Set([...byId.keys(), ...broken.keys()])].sort();
  const sorted = sortProblems(problems);
  return {
    scenarios,
    templates,
    problems: sorted,
    notes: sortProblems(notes),
    others,
    files: files.map((f) => f.path),
    get: (id) => byId.get(id),
    require(id) {
      const found = byId.get(id);
      if (found) return found;
      const paths = broken.get(id);
      if (paths) throw new ScenarioDocumentError(sorted.filter((p) => paths.includes(p.position.file)));
      throw new UnknownScenarioError(id, closestIds(id, allIds));
    },
    runnable: () => [...scenarios],
    ids: () => [...allIds],
    fileOf: (id) => firstSeen.get(id)?.path ?? templateFiles.get(id),
  };
}

/** Every `*.md` under `dir` (recursively), sorted, as paths relative to `root`. */
export async function listMarkdown(dir: string, root: string): Promise<string[]> {
  const abs = resolve(root, dir);
  const entries = await readdir(abs, { recursive: true, withFileTypes: true });
  // Joined as strings from the folder's own relative path: a path.join + relative per document cost
  // ~10 ms per 1,000 documents before V8 compiled them, on a `validate` that takes ~100 ms in all.
  const base = relative(root, abs).split(sep).join("/");
  const under = abs.endsWith(sep) ? abs.length : abs.length + 1;
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => {
      const sub = e.parentPath.length > abs.length ? e.parentPath.slice(under).split(sep).join("/") : "";
      return [base, sub, e.name].filter(Boolean).join("/");
    })
    .sort();
}
