// The repository's `.github/scenarios.yml`, read from the checkout: the same file and rules the App
// reads through the API (permission policy, branch prefix).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { CONFIG_PATH, parseRepoConfig, type RepoConfig } from "../../command/index.ts";
import type { ActionContext } from "./context.ts";

export async function readRepoConfig(ctx: ActionContext): Promise<RepoConfig> {
  let raw: unknown = null;
  try {
    raw = parseYaml(await readFile(join(ctx.runner.workspace, CONFIG_PATH), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return parseRepoConfig(raw);
}
