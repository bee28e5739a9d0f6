// The catalogs the App checks commands against, read through the API by the application layer's one
// rule (src/application/repository) and cached by commit sha: a push changes the sha, so nothing goes
// stale; least recently used catalogs go first.

import { apiSource, type ContentsOctokit, type RepoRef } from "../../application/repository/api-source.ts";
import { loadRepoCatalog, type RepoCatalog } from "../../application/repository/index.ts";
import { type CatalogFile, catalogFromFiles } from "../../scenario/index.ts";

export type { RepoRef };

export interface RepoCatalogsOptions {
  /** The documents shipped with scenario-bot, used when a repository has none. */
  shipped: () => Promise<CatalogFile[]>;
  /** How many repository catalogs to keep. */
  max?: number;
}

export class RepoCatalogs {
  readonly #options: RepoCatalogsOptions;
  readonly #cache = new Map<string, Promise<RepoCatalog>>();
  #shipped: Promise<RepoCatalog> | undefined;

  constructor(options: RepoCatalogsOptions) {
    this.#options = options;
  }

  /** The catalog at `sha` (a commit of the default branch, or a pull request's head). */
  get(octokit: ContentsOctokit, ref: RepoRef, sha: string, dir: string): Promise<RepoCatalog> {
    const key = `${ref.owner}/${ref.repo}@${sha}:${dir}`.toLowerCase();
    const hit = this.#cache.get(key);
    if (hit) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return hit;
    }
    const loading = loadRepoCatalog(apiSource(octokit, ref, sha), { dir, shipped: () => this.shipped() });
    this.#cache.set(key, loading);
    // A failed read is not cached: the next command tries again.
    loading.catch(() => this.#cache.delete(key));
    if (this.#cache.size > (this.#options.max ?? 200))
      this.#cache.delete(this.#cache.keys().next().value as string);
    return loading;
  }

  shipped(): Promise<RepoCatalog> {
    this.#shipped ??= this.#options
      .shipped()
      .then((files) => ({ ...catalogFromFiles(files), source: "shipped" as const, dir: "scenarios" }));
    return this.#shipped;
  }
}
