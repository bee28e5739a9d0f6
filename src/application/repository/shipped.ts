// The scenarios shipped with scenario-bot (its own `scenarios/` folder), for repositories without any.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CatalogFile } from "../../scenario/catalog-assemble.ts";
import { catalogOf, type ParseDocuments, parseHere, type RepoCatalog, readCatalogFiles } from "./catalog.ts";
import { checkoutSource } from "./checkout-source.ts";

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

let cached: Promise<RepoCatalog> | undefined;

/** Parsed once per process: it never changes while scenario-bot runs. `parse` (e.g. the CLI's cache) is the first caller's. */
export function shippedCatalog(root: string = packageRoot(), parse?: ParseDocuments): Promise<RepoCatalog> {
  if (root !== packageRoot()) return load(root, parse);
  cached ??= load(root, parse);
  return cached;
}

async function load(root: string, parse?: ParseDocuments): Promise<RepoCatalog> {
  return shippedFrom(await shippedFiles(root), parse);
}

/** The shipped documents as files (the App parses them once, into its catalog cache). */
export async function shippedFiles(root: string = packageRoot()): Promise<CatalogFile[]> {
  return (await readCatalogFiles(checkoutSource(root), "scenarios")).files;
}

/** The shipped catalog from its files (trusted: parsed here, or by `parse`). */
export async function shippedFrom(
  files: readonly CatalogFile[],
  parse: ParseDocuments = parseHere,
): Promise<RepoCatalog> {
  return { ...(await catalogOf(files, [], parse)), source: "shipped", dir: "scenarios", leftOut: [] };
}
