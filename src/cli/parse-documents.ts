// How the CLI parses scenario documents: through the cache of parsed documents (src/local/parse-cache.ts),
// so a second `list`, `validate` or `run` with nothing changed skips the parser. SCENARIO_PARSE_CACHE=off
// parses every time.
import type { ParseDocuments } from "../application/repository/index.ts";
import { parseCache, parseCacheDir } from "../local/parse-cache.ts";

export function cliParse(env: NodeJS.ProcessEnv): ParseDocuments | undefined {
  if (env.SCENARIO_PARSE_CACHE === "off") return undefined;
  const cache = parseCache(parseCacheDir(env));
  return (files) => cache.parse(files);
}
