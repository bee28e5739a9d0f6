// The catalog a repository's commands are checked against: its own scenarios folder on the default
// branch, read through the API and cached by commit sha (a push changes the sha, so nothing goes
// stale), else the catalog shipped with scenario-bot. The same reader serves a pull request's head,
// whose documents anyone may have written: what is read is bounded (documents, bytes each, requests
// at once) and parsed off the event loop within a time budget; what was left out is a problem at the
// document's first line, and listed.
import type { ProbotOctokit } from "probot";
import {
  type Catalog,
  type CatalogFile,
  catalogFromFiles,
  catalogFromParsed,
  findIdLine,
  type ParseResult,
} from "../../scenario/index.ts";
import { DocumentParser, PARSE_BUDGET_MS, type ParseOutcome } from "./document-parser.ts";

/** Documents read per catalog; the rest are left out (a pull request's changed ones are read first). */
export const MAX_DOCUMENTS = 200;
/** A larger document is not read. The shipped ones are under 6 KB. */
export const MAX_DOCUMENT_BYTES = 64 * 1024;
/** Contents requests of one catalog in flight at once. */
export const READ_CONCURRENCY = 8;

/** A document the catalog does not hold, and why. */
export interface LeftOut {
  path: string;
  reason: string;
}

type Octokit = InstanceType<typeof ProbotOctokit>;

/** The parser's catalog, plus where it came from. */
export interface LoadedCatalog extends Catalog {
  /** `repository` when the repository has its own documents, else `shipped`. */
  source: "repository" | "shipped";
  /** The commit the documents were read at (repository catalogs). */
  sha?: string;
  /** Scenario id -> the file that declares it, including documents with problems. */
  fileOf: ReadonlyMap<string, string>;
  /** Documents not read or not parsed (too many, too large, over the time budget). */
  leftOut: readonly LeftOut[];
}

export interface RepoCatalogsOptions {
  /** The documents shipped with scenario-bot, used when a repository has none. */
  shipped: () => Promise<CatalogFile[]>;
  /** How many repository catalogs to keep (least recently used go first). */
  max?: number;
  /** Parses repository documents (default: a worker thread, PARSE_BUDGET_MS per document). */
  parser?: DocumentParser;
}

export interface RepoRef {
  owner: string;
  repo: string;
}

/** A catalog from documents (parsed here, the shipped ones) or from documents already parsed. */
export function loadedCatalog(
  documents: readonly CatalogFile[] | readonly { file: CatalogFile; result: ParseResult }[],
  source: LoadedCatalog["source"],
  sha?: string,
  leftOut: readonly LeftOut[] = [],
): LoadedCatalog {
  const parsed = documents.map((d) => ("file" in d ? d : undefined));
  const files = documents.map((d) => ("file" in d ? d.file : d));
  const fileOf = new Map<string, string>();
  for (const f of files) {
    const id = findIdLine(f.text)?.id;
    if (id && !fileOf.has(id)) fileOf.set(id, f.path);
  }
  const catalog = parsed.every((p) => p !== undefined)
    ? catalogFromParsed(parsed as { file: CatalogFile; result: ParseResult }[])
    : catalogFromFiles(files);
  return { ...catalog, source, fileOf, leftOut, ...(sha ? { sha } : {}) };
}

export class RepoCatalogs {
  readonly #options: RepoCatalogsOptions;
  readonly #cache = new Map<string, Promise<LoadedCatalog>>();
  readonly #parser: DocumentParser;
  #shipped: Promise<LoadedCatalog> | undefined;

  constructor(options: RepoCatalogsOptions) {
    this.#options = options;
    this.#parser = options.parser ?? new DocumentParser();
  }

  /** Ends the parser's worker. */
  close(): Promise<void> {
    return this.#parser.close();
  }

  /**
   * The catalog at `sha` (a commit of the default branch, or a pull request's head). `first`: paths
   * read before the others when there are more than MAX_DOCUMENTS (a pull request's changed ones).
   */
  get(
    octokit: Octokit,
    ref: RepoRef,
    sha: string,
    dir: string,
    first: readonly string[] = [],
  ): Promise<LoadedCatalog> {
    const key = `${ref.owner}/${ref.repo}@${sha}:${dir}`.toLowerCase();
    const hit = this.#cache.get(key);
    if (hit) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return hit;
    }
    const loading = this.#load(octokit, ref, sha, dir, first);
    this.#cache.set(key, loading);
    // A failed read is not cached: the next command tries again.
    loading.catch(() => this.#cache.delete(key));
    if (this.#cache.size > (this.#options.max ?? 200))
      this.#cache.delete(this.#cache.keys().next().value as string);
    return loading;
  }

  shipped(): Promise<LoadedCatalog> {
    this.#shipped ??= this.#options.shipped().then((files) => loadedCatalog(files, "shipped"));
    return this.#shipped;
  }

  async #load(
    octokit: Octokit,
    ref: RepoRef,
    sha: string,
    dir: string,
    first: readonly string[],
  ): Promise<LoadedCatalog> {
    const entries = await documentEntries(octokit, ref, sha, dir);
    if (entries.length === 0) return this.shipped();
    const wanted = new Set(first);
    const ordered = [
      ...entries.filter((e) => wanted.has(e.path)),
      ...entries.filter((e) => !wanted.has(e.path)),
    ];
    const leftOut: LeftOut[] = [];
    const kept = ordered.slice(0, MAX_DOCUMENTS).filter((e) => {
      if (e.size === undefined || e.size <= MAX_DOCUMENT_BYTES) return true;
      leftOut.push({ path: e.path, reason: `not read: ${e.size} bytes, more than ${MAX_DOCUMENT_BYTES}` });
      return false;
    });
    const read = await mapLimit(kept, READ_CONCURRENCY, (e) => readFile(octokit, ref, sha, e.path));
    // The tree's sizes are GitHub's word; the bytes read are checked too.
    const files = read.filter((f) => {
      const bytes = Buffer.byteLength(f.text);
      if (bytes <= MAX_DOCUMENT_BYTES) return true;
      leftOut.push({ path: f.path, reason: `not read: ${bytes} bytes, more than ${MAX_DOCUMENT_BYTES}` });
      return false;
    });
    const outcomes = await this.#parser.parseAll(files);
    const parsed = files.map((file, i) => {
      const outcome = outcomes[i] as ParseOutcome;
      if (!("timedOut" in outcome) && !("failed" in outcome)) return { file, result: outcome };
      const reason =
        "timedOut" in outcome ? `not parsed within ${PARSE_BUDGET_MS} ms` : `not parsed: ${outcome.failed}`;
      leftOut.push({ path: file.path, reason });
      return { file, result: leftOutResult({ path: file.path, reason }) };
    });
    // Past the count last: the documents read but refused matter more to whoever reads the list.
    for (const e of ordered.slice(MAX_DOCUMENTS))
      leftOut.push({ path: e.path, reason: `not read: a catalog reads at most ${MAX_DOCUMENTS} documents` });
    const unread = leftOut
      .filter((l) => !files.some((f) => f.path === l.path))
      .map((l) => ({ file: { path: l.path, text: "" }, result: leftOutResult(l) }));
    return loadedCatalog([...parsed, ...unread], "repository", sha, leftOut);
  }
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

/** Markdown files under `dir` at `sha` with their sizes, from one recursive tree read. */
export async function documentEntries(
  octokit: Octokit,
  ref: RepoRef,
  sha: string,
  dir: string,
): Promise<{ path: string; size?: number }[]> {
  const { data } = await octokit.rest.git.getTree({ ...ref, tree_sha: sha, recursive: "1" });
  return data.tree
    .filter((e) => e.type === "blob" && e.path?.startsWith(`${dir}/`) && e.path.endsWith(".md"))
    .filter((e) => e.path?.split("/").pop()?.toLowerCase() !== "readme.md")
    .map((e) => ({ path: e.path as string, ...(e.size === undefined ? {} : { size: e.size }) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export async function readFile(
  octokit: Octokit,
  ref: RepoRef,
  sha: string,
  path: string,
): Promise<CatalogFile> {
  const { data } = await octokit.rest.repos.getContent({ ...ref, path, ref: sha });
  if (Array.isArray(data) || data.type !== "file") {
    throw new Error(`${ref.owner}/${ref.repo}:${path} at ${sha} is not a file`);
  }
  return { path, text: Buffer.from(data.content, "base64").toString("utf8") };
}
