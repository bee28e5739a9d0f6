// The catalog a repository's commands are checked against: its own scenarios folder on the default
// branch, read through the API and cached by commit sha (a push changes the sha, so nothing goes
// stale), else the catalog shipped with scenario-bot.
import type { ProbotOctokit } from "probot";
import { type Catalog, type CatalogFile, catalogFromFiles } from "../../scenario/index.ts";

type Octokit = InstanceType<typeof ProbotOctokit>;

/** The parser's catalog, plus where it came from. */
export interface LoadedCatalog extends Catalog {
  /** `repository` when the repository has its own documents, else `shipped`. */
  source: "repository" | "shipped";
  /** The commit the documents were read at (repository catalogs). */
  sha?: string;
  /** Scenario id -> the file that declares it, including documents with problems. */
  fileOf: ReadonlyMap<string, string>;
}

export interface RepoCatalogsOptions {
  /** The documents shipped with scenario-bot, used when a repository has none. */
  shipped: () => Promise<CatalogFile[]>;
  /** How many repository catalogs to keep (least recently used go first). */
  max?: number;
}

export interface RepoRef {
  owner: string;
  repo: string;
}

const ID_LINE = /^\s*[-*]\s+\*\*ID:?\*\*:?\s*`?([a-z0-9-]+)`?/im;

export function loadedCatalog(
  files: CatalogFile[],
  source: LoadedCatalog["source"],
  sha?: string,
): LoadedCatalog {
  const fileOf = new Map<string, string>();
  for (const f of files) {
    const id = ID_LINE.exec(f.text)?.[1];
    if (id && !fileOf.has(id)) fileOf.set(id, f.path);
  }
  return { ...catalogFromFiles(files), source, fileOf, ...(sha ? { sha } : {}) };
}

export class RepoCatalogs {
  readonly #options: RepoCatalogsOptions;
  readonly #cache = new Map<string, Promise<LoadedCatalog>>();
  #shipped: Promise<LoadedCatalog> | undefined;

  constructor(options: RepoCatalogsOptions) {
    this.#options = options;
  }

  /** The catalog at `sha` (a commit of the default branch, or a pull request's head). */
  get(octokit: Octokit, ref: RepoRef, sha: string, dir: string): Promise<LoadedCatalog> {
    const key = `${ref.owner}/${ref.repo}@${sha}:${dir}`.toLowerCase();
    const hit = this.#cache.get(key);
    if (hit) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return hit;
    }
    const loading = this.#load(octokit, ref, sha, dir);
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

  async #load(octokit: Octokit, ref: RepoRef, sha: string, dir: string): Promise<LoadedCatalog> {
    const paths = await documentPaths(octokit, ref, sha, dir);
    if (paths.length === 0) return this.shipped();
    const files = await Promise.all(paths.map((path) => readFile(octokit, ref, sha, path)));
    return loadedCatalog(files, "repository", sha);
  }
}

/** Markdown files under `dir` at `sha`, from one recursive tree read. */
export async function documentPaths(
  octokit: Octokit,
  ref: RepoRef,
  sha: string,
  dir: string,
): Promise<string[]> {
  const { data } = await octokit.rest.git.getTree({ ...ref, tree_sha: sha, recursive: "1" });
  return data.tree
    .filter((e) => e.type === "blob" && e.path?.startsWith(`${dir}/`) && e.path.endsWith(".md"))
    .map((e) => e.path as string)
    .filter((p) => p.split("/").pop()?.toLowerCase() !== "readme.md")
    .sort();
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
