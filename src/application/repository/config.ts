// `.github/scenarios.yml`, read the same way by every front door: from the repository, else from the
// owner's `.github` repository (as probot's `context.config` does), else the defaults. YAML that does
// not parse and keys that are not known are a RepoConfigError naming the file. The layout keys the
// file leaves out are detected from the repository itself.
import { CONFIG_PATH, DEFAULT_CONFIG, type RepoConfig } from "../../command/repo-config-defaults.ts";
import { resolveLayout } from "./layout.ts";
import type { RepoSource } from "./source.ts";

export interface ReadRepoConfigOptions {
  /**
   * Detect the layout keys `layout:` leaves out from `source` (default true). The App passes false:
   * detection reads a file per workspace package, which through the API is a request each; the
   * Action plans the run again on its checkout, with the detected layout.
   */
  detectLayout?: boolean;
}

export async function readRepoConfig(
  source: RepoSource,
  ownerFallback?: RepoSource,
  options: ReadRepoConfigOptions = {},
): Promise<RepoConfig> {
  const config = await readConfigFile(source, ownerFallback);
  if (options.detectLayout === false) return config;
  return { ...config, layout: await resolveLayout(source, config.layoutSettings) };
}

async function readConfigFile(source: RepoSource, ownerFallback?: RepoSource): Promise<RepoConfig> {
  let text = await source.readFile(CONFIG_PATH);
  if (text === undefined && ownerFallback) text = await ownerFallback.readFile(CONFIG_PATH);
  if (text === undefined) return DEFAULT_CONFIG;
  // The YAML parser and the schema (zod) are loaded only for a repository that has the file.
  const [{ parse: parseYaml }, { parseRepoConfig, RepoConfigError }] = await Promise.all([
    import("yaml"),
    import("../../command/repo-config.ts"),
  ]);
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new RepoConfigError([`the YAML does not parse: ${(error as Error).message.split("\n")[0]}`]);
  }
  return parseRepoConfig(raw ?? null);
}
