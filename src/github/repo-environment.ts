// What a command needs from its repository: the config and the catalog at the default branch's head.
// Both are cached by that commit's sha, so a command costs one ref read when nothing changed.
import type { Context } from "probot";
import type { LoadedCatalog } from "./catalog/repo-catalogs.ts";
import { CONFIG_FILE, parseRepoConfig, type RepoConfig, RepoConfigError } from "./config.ts";
import type { AppDeps } from "./deps.ts";
import type { RepoApi } from "./repo-api.ts";

export interface RepoEnvironment {
  config: RepoConfig;
  catalog: LoadedCatalog;
  defaultBranch: string;
  sha: string;
}

export class RepoEnvironments {
  readonly #configs = new Map<string, Promise<RepoConfig>>();
  readonly #deps: AppDeps;

  constructor(deps: AppDeps) {
    this.#deps = deps;
  }

  async load(context: Context, api: RepoApi, defaultBranch: string): Promise<RepoEnvironment> {
    const sha = await api.branchSha(defaultBranch);
    const config = await this.#config(context, api, sha);
    const catalog = await this.#deps.catalogs.get(api.octokit, api.ref, sha, config.scenariosDir);
    return { config, catalog, defaultBranch, sha };
  }

  #config(context: Context, api: RepoApi, sha: string): Promise<RepoConfig> {
    const key = `${api.fullName}@${sha}`.toLowerCase();
    let pending = this.#configs.get(key);
    if (!pending) {
      pending = readConfig(context);
      this.#configs.set(key, pending);
      pending.catch(() => this.#configs.delete(key));
      if (this.#configs.size > 500) this.#configs.delete(this.#configs.keys().next().value as string);
    }
    return pending;
  }
}

async function readConfig(context: Context): Promise<RepoConfig> {
  let raw: unknown;
  try {
    raw = await context.config(CONFIG_FILE);
  } catch (error) {
    if ((error as { status?: number }).status !== undefined) throw error;
    // YAML that doesn't parse: probot throws the parser's error.
    throw new RepoConfigError([`the YAML does not parse: ${(error as Error).message.split("\n")[0]}`]);
  }
  return parseRepoConfig(raw);
}
