// The scenarios shipped with scenario-bot (its own `scenarios/` folder), for repositories without any.
import type { CatalogFile } from "../../scenario/catalog-assemble.ts";
import { catalogOf, type ParseDocuments, parseHere, type RepoCatalog, readCatalogFiles } from "./catalog.ts";
import { checkoutSource } from "./checkout-source.ts";

import { packageRoot } from "./package-root.ts";

export { packageRoot };

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
