// `.github/scenarios.yml`, read the same way by every front door: from the repository, else from the
// owner's `.github` repository (as probot's `context.config` does), else the defaults. YAML that does
// not parse and keys that are not known are a RepoConfigError naming the file.
import { CONFIG_PATH, parseRepoConfig, type RepoConfig, RepoConfigError } from "../../command/repo-config.ts";
import type { RepoSource } from "./source.ts";

export async function readRepoConfig(source: RepoSource, ownerFallback?: RepoSource): Promise<RepoConfig> {
  let text = await source.readFile(CONFIG_PATH);
  if (text === undefined && ownerFallback) text = await ownerFallback.readFile(CONFIG_PATH);
  if (text === undefined) return parseRepoConfig(null);
  // The YAML parser is loaded only for a repository that has the file.
  const { parse: parseYaml } = await import("yaml");
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new RepoConfigError([`the YAML does not parse: ${(error as Error).message.split("\n")[0]}`]);
  }
  return parseRepoConfig(raw ?? null);
}
