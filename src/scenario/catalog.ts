// A catalog: every scenario document under a folder, parsed, with ids unique and the dependency
// graph checked (catalog-assemble.ts). Documents under `templates/` are parsed and validated but never runnable.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import {
  type Catalog,
  type CatalogFile,
  catalogFromParsed,
  isTemplate,
  type LoadCatalogOptions,
  listMarkdown,
} from "./catalog-assemble.ts";
import { type ParseResult, parseScenario } from "./parse.ts";

export {
  type Catalog,
  type CatalogFile,
  catalogFromParsed,
  findIdLine,
  type LoadCatalogOptions,
  listMarkdown,
} from "./catalog-assemble.ts";

/** Parses one document the way the catalog does (templates by their path). */
export function parseCatalogFile(file: CatalogFile): ParseResult {
  return parseScenario(file.text, { file: file.path, template: isTemplate(file.path) });
}

export function catalogFromFiles(files: readonly CatalogFile[]): Catalog {
  return catalogFromParsed(files.map((file) => ({ file, result: parseCatalogFile(file) })));
}

/** Loads every document under `dir` (default `scenarios`, relative to `root`). */
export async function loadCatalog(dir = "scenarios", options: LoadCatalogOptions = {}): Promise<Catalog> {
  const root = resolve(options.root ?? process.cwd());
  const paths = await listMarkdown(dir, root);
  const files = await Promise.all(
    paths.map(async (path) => ({ path, text: await readFile(resolve(root, path), "utf8") })),
  );
  return catalogFromFiles(files);
}
