// What a command needs from its repository: the config and the catalog at the default branch's head,
// read by the application layer's rules through the API. Both are cached by that commit's sha, so a
// command costs one ref read when nothing changed.
import type { RepoView } from "../application/dialogue/host.ts";
import { apiSource } from "../application/repository/api-source.ts";
import { readRepoConfig } from "../application/repository/index.ts";
import type { RepoConfig } from "../command/index.ts";
import type { GitHubRepository } from "../github/repository.ts";
import type { AppDeps } from "./deps.ts";

export type RepoEnvironment = RepoView & { sha: string };

/** How long a default branch's head is trusted without asking again (a push to it also updates it). */
export const HEAD_TTL_MS = 10_000;

export class RepoEnvironments {
  readonly #configs = new Map<string, Promise<RepoConfig>>();
  readonly #heads = new Map<string, { sha: Promise<string>; at: number }>();
  readonly #deps: AppDeps;
  readonly #ttlMs: number;

  constructor(deps: AppDeps, options: { headTtlMs?: number } = {}) {
    this.#deps = deps;
    this.#ttlMs = options.headTtlMs ?? HEAD_TTL_MS;
  }

  /** A push moved `branch` of `repo` (`owner/name`) to `sha`. */
  pushed(repo: string, branch: string, sha: string): void {
    this.#heads.set(`${repo}:${branch}`.toLowerCase(), { sha: Promise.resolve(sha), at: Date.now() });
  }

  async load(api: GitHubRepository, defaultBranch: string): Promise<RepoEnvironment> {
    const sha = await this.#head(api, defaultBranch);
    const config = await this.config(api, sha);
    const catalog = await this.#deps.catalogs.get(api.octokit, api.ref, sha, config.scenariosDir);
    return { config, catalog, defaultBranch, sha };
  }

  // Cached for a few seconds: every command would otherwise pay a round trip for a sha that rarely
  // changes; with several replicas a push is seen by one of them, so the others catch up within the TTL.
  #head(api: GitHubRepository, branch: string): Promise<string> {
    const key = `${api.fullName}:${branch}`.toLowerCase();
    const hit = this.#heads.get(key);
    if (hit && Date.now() - hit.at < this.#ttlMs) return hit.sha;
    const sha = api.branchSha(branch);
    this.#heads.set(key, { sha, at: Date.now() });
    sha.catch(() => this.#heads.delete(key));
    if (this.#heads.size > 1000) this.#heads.delete(this.#heads.keys().next().value as string);
    return sha;
  }

  /** `.github/scenarios.yml` at `sha`, else in the owner's `.github` repository, else the defaults. */
  config(api: GitHubRepository, sha: string): Promise<RepoConfig> {
    const key = `${api.fullName}@${sha}`.toLowerCase();
    let pending = this.#configs.get(key);
    if (!pending) {
      pending = readRepoConfig(
        apiSource(api.octokit, api.ref, sha),
        apiSource(api.octokit, { owner: api.owner, repo: ".github" }),
        { detectLayout: false },
      );
      this.#configs.set(key, pending);
      pending.catch(() => this.#configs.delete(key));
      if (this.#configs.size > 500) this.#configs.delete(this.#configs.keys().next().value as string);
    }
    return pending;
  }
}
