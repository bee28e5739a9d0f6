// The catalogs the App checks commands against, read through the API by the application layer's one
// rule (src/application/repository) and cached by commit sha: a push changes the sha, so nothing goes
// stale; least recently used catalogs go first. A repository's documents (a pull request's head among
// them, anyone's text) are parsed off the event loop, each within a time budget (document-parser.ts).
import { apiSource, type ContentsOctokit, type RepoRef } from "../../application/repository/api-source.ts";
import { loadRepoCatalog, type RepoCatalog, shippedFrom } from "../../application/repository/index.ts";
import type { CatalogFile } from "../../scenario/index.ts";
import { DocumentParser } from "./document-parser.ts";

export type { RepoRef };

export interface RepoCatalogsOptions {
  /** The documents shipped with scenario-bot, used when a repository has none. */
  shipped: () => Promise<CatalogFile[]>;
  /** How many repository catalogs to keep. */
  max?: number;
  /** Parses repository documents (default: a worker thread, PARSE_BUDGET_MS per document). */
  parser?: DocumentParser;
}

export class RepoCatalogs {
  readonly #options: RepoCatalogsOptions;
  readonly #cache = new Map<string, Promise<RepoCatalog>>();
  readonly #parser: DocumentParser;
  #shipped: Promise<RepoCatalog> | undefined;

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
   * read before the others when there are more than the catalog reads (a pull request's changed ones).
   */
  get(
    octokit: ContentsOctokit,
    ref: RepoRef,
    sha: string,
    dir: string,
    first: readonly string[] = [],
  ): Promise<RepoCatalog> {
    const key = `${ref.owner}/${ref.repo}@${sha}:${dir}`.toLowerCase();
    const hit = this.#cache.get(key);
    if (hit) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return hit;
    }
    const loading = loadRepoCatalog(apiSource(octokit, ref, sha), {
      dir,
      first,
      shipped: () => this.shipped(),
      parse: (files) => this.#parser.parseAll(files),
    });
    this.#cache.set(key, loading);
    // A failed read is not cached: the next command tries again.
    loading.catch(() => this.#cache.delete(key));
    if (this.#cache.size > (this.#options.max ?? 200))
      this.#cache.delete(this.#cache.keys().next().value as string);
    return loading;
  }

  shipped(): Promise<RepoCatalog> {
    this.#shipped ??= this.#options.shipped().then(shippedFrom);
    return this.#shipped;
  }
}
