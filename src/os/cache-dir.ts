// scenario-bot's cache folder, one rule for every cache (the PGlite template, parsed documents):
// `$SCENARIO_CACHE_DIR`, else `$XDG_CACHE_HOME/scenario-bot`, else `~/.cache/scenario-bot`.
import { homedir } from "node:os";
import { join } from "node:path";

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.SCENARIO_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "scenario-bot");
}
