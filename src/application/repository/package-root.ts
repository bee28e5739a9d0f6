// scenario-bot's own folder: where its package.json, scenarios/ and migrations/ are.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/**
 * scenario-bot's own folder (where `scenarios/` is): the nearest folder above this module whose
 * package.json is scenario-bot's. Found by walking up, so it holds from src/ and from the Action's
 * bundle in dist/ alike.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && /"name":\s*"scenario-bot"/.test(readFileSync(manifest, "utf8"))) break;
    const up = dirname(dir);
    if (up === dir)
      throw new Error(`scenario-bot's package.json was not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  root = dir;
  return dir;
}
