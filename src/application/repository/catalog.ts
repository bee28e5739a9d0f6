// A repository's scenario catalog, by one rule everywhere: every `*.md` under the configured folder
// (`scenarios:` of .github/scenarios.yml) except `index.md` and `README.md`, which document the folder;
// a repository with none gets the catalog shipped with scenario-bot, with a notice saying so.
// What is read is bounded (documents, bytes each, reads at once), because a pull request's documents
// are anyone's text; what was left out is a problem at the document's first line, and listed.
// The parser itself is imported only when a document is parsed here: a catalog of cached results
// (the CLI's) never loads it.
import { type Catalog, type CatalogFile, catalogFromParsed } from "../../scenario/catalog-assemble.ts";
import type { ParseResult } from "../../scenario/parse.ts";
import type { FileEntry, RepoSource } from "./source.ts";

/** Documents read per catalog; the rest are left out (the ones asked for first are read first). */
export const MAX_DOCUMENTS = 200;
/** A larger document is not read. The shipped ones are under 6 KB. */
export const MAX_DOCUMENT_BYTES = 64 * 1024;
/** Reads of one catalog in flight at once. */
export const READ_CONCURRENCY = 8;

/** A document the catalog does not hold, and why. */
export interface LeftOut {
  path: string;
  reason: string;
}

export interface RepoCatalog extends Catalog {
  /** `repository` when the repository has its own documents, else `shipped`. */
  readonly source: "repository" | "shipped";
  /** The folder the documents were looked for in (repository-relative). */
  readonly dir: string;
  /** Said to the person when the catalog is not the repository's own. */
  readonly notice?: string;
  /** Documents not read or not parsed (too many, too large, over the parse budget). */
  readonly leftOut: readonly LeftOut[];
}

/** What parsing a document gave: a result, or why there is none (the App parses off its event loop). */
export type ParseOutcome = ParseResult | { timedOut: true; budgetMs: number } | { failed: string };
export type ParseDocuments = (files: readonly CatalogFile[]) => Promise<ParseOutcome[]>;

/** Parses in this process: trusted documents (the CLI's, the runner's checkout). */
export const parseHere: ParseDocuments = async (files) => {
  const { parseCatalogFile } = await import("../../scenario/catalog.ts");
  return files.map(parseCatalogFile);
};

/** Folder documentation, never a scenario. */
export function isScenarioDocument(path: string): boolean {
  const name = path.split("/").pop()?.toLowerCase() ?? "";
  return name.endsWith(".md") && name !== "readme.md" && name !== "index.md";
}

export interface ReadDocumentsOptions {
  /** Read before the others when there are more than MAX_DOCUMENTS (a pull request's changed ones). */
  first?: readonly string[];
}

/** The scenario documents under `dir`, bounded; what was not read, and why. */
export async function readCatalogFiles(
  source: RepoSource,
  dir: string,
  options: ReadDocumentsOptions = {},
): Promise<{ files: CatalogFile[]; leftOut: LeftOut[] }> {
  const entries = (await source.listFiles(dir)).filter((e) => isScenarioDocument(e.path));
  const wanted = new Set(options.first ?? []);
  const ordered = [
    ...entries.filter((e) => wanted.has(e.path)),
    ...entries.filter((e) => !wanted.has(e.path)),
  ];
  const leftOut: LeftOut[] = [];
  const tooBig = (path: string, bytes: number) =>
    leftOut.push({ path, reason: `not read: ${bytes} bytes, more than ${MAX_DOCUMENT_BYTES}` });
  const kept = ordered.slice(0, MAX_DOCUMENTS).filter((e) => {
    if (e.size === undefined || e.size <= MAX_DOCUMENT_BYTES) return true;
    tooBig(e.path, e.size);
    return false;
  });
  const read = await mapLimit(kept, READ_CONCURRENCY, async (e: FileEntry) => ({
    path: e.path,
    text: (await source.readFile(e.path)) ?? "",
  }));
  // A listing's sizes are the source's word; the bytes read are checked too.
  const files = read.filter((f) => {
    const bytes = Buffer.byteLength(f.text);
    if (bytes <= MAX_DOCUMENT_BYTES) return true;
    tooBig(f.path, bytes);
    return false;
  });
  for (const e of ordered.slice(MAX_DOCUMENTS))
    leftOut.push({ path: e.path, reason: `not read: a catalog reads at most ${MAX_DOCUMENTS} documents` });
  return { files, leftOut };
}

/** A catalog from documents, parsed by `parse`; documents left out become a problem each. */
export async function catalogOf(
  files: readonly CatalogFile[],
  leftOut: readonly LeftOut[],
  parse: ParseDocuments = parseHere,
): Promise<Catalog & { leftOut: LeftOut[] }> {
  const outcomes = await parse(files);
  const all = [...leftOut];
  const parsed = files.map((file, i) => {
    const outcome = outcomes[i] as ParseOutcome;
    if (!("timedOut" in outcome) && !("failed" in outcome)) return { file, result: outcome };
    const reason =
      "timedOut" in outcome ? `not parsed within ${outcome.budgetMs} ms` : `not parsed: ${outcome.failed}`;
    all.push({ path: file.path, reason });
    return { file, result: leftOutResult({ path: file.path, reason }) };
  });
  const unread = leftOut.map((l) => ({ file: { path: l.path, text: "" }, result: leftOutResult(l) }));
  return { ...catalogFromParsed([...parsed, ...unread]), leftOut: all };
}

export interface LoadRepoCatalogOptions extends ReadDocumentsOptions {
  /** The folder from the repository's config. */
  dir: string;
  /** The catalog shipped with scenario-bot, for a repository without documents. */
  shipped: () => Promise<RepoCatalog>;
  /** How documents are parsed (default: here). */
  parse?: ParseDocuments;
}

/** Which catalog a repository uses, by one rule for every front door (App, Action, CLI commands):
 * its own when its folder holds a scenario document (read or left out), else the shipped one. */
export function catalogSourceOf(documentPaths: readonly string[]): RepoCatalog["source"] {
  return documentPaths.some(isScenarioDocument) ? "repository" : "shipped";
}

/** Said to the person when the shipped catalog stands in for the repository's. */
export function shippedNotice(label: string, dir: string, scenarios: number): string {
  return `${label} has no scenario documents under \`${dir}/\`, so the ${scenarios} scenarios shipped with scenario-bot are used.`;
}

export async function loadRepoCatalog(
  source: RepoSource,
  options: LoadRepoCatalogOptions,
): Promise<RepoCatalog> {
  const { files, leftOut } = await readCatalogFiles(source, options.dir, options);
  if (catalogSourceOf([...files.map((f) => f.path), ...leftOut.map((l) => l.path)]) === "shipped") {
    const shipped = await options.shipped();
    return { ...shipped, notice: shippedNotice(source.label, options.dir, shipped.scenarios.length) };
  }
  return { ...(await catalogOf(files, leftOut, options.parse)), source: "repository", dir: options.dir };
}

function leftOutResult(l: LeftOut): ParseResult {
  return {
    problems: [
      {
        position: { file: l.path, line: 1, column: 1 },
        message: `the document was ${l.reason}`,
        hint: `keep scenario documents under ${MAX_DOCUMENT_BYTES} bytes and at most ${MAX_DOCUMENTS} per repository`,
      },
    ],
  };
}

/** `fn` over `items`, at most `limit` at once, results in order. (Small enough not to need p-limit.) */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
