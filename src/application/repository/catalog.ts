// A repository's scenario catalog, by one rule everywhere: every `*.md` under the configured folder
// (`scenarios:` of .github/scenarios.yml) except `index.md` and `README.md`, which document the folder;
// a repository with none gets the catalog shipped with scenario-bot, with a notice saying so.
import { type Catalog, type CatalogFile, catalogFromFiles } from "../../scenario/index.ts";
import type { RepoSource } from "./source.ts";

export interface RepoCatalog extends Catalog {
  /** `repository` when the repository has its own documents, else `shipped`. */
  readonly source: "repository" | "shipped";
  /** The folder the documents were looked for in (repository-relative). */
  readonly dir: string;
  /** Said to the person when the catalog is not the repository's own. */
  readonly notice?: string;
}

/** Folder documentation, never a scenario. */
export function isScenarioDocument(path: string): boolean {
  const name = path.split("/").pop()?.toLowerCase() ?? "";
  return name.endsWith(".md") && name !== "readme.md" && name !== "index.md";
}

export async function readCatalogFiles(source: RepoSource, dir: string): Promise<CatalogFile[]> {
  const paths = (await source.listFiles(dir)).filter(isScenarioDocument);
  return Promise.all(paths.map(async (path) => ({ path, text: (await source.readFile(path)) ?? "" })));
}

export interface LoadRepoCatalogOptions {
  /** The folder from the repository's config. */
  dir: string;
  /** The catalog shipped with scenario-bot, for a repository without documents. */
  shipped: () => Promise<RepoCatalog>;
}

export async function loadRepoCatalog(
  source: RepoSource,
  options: LoadRepoCatalogOptions,
): Promise<RepoCatalog> {
  const files = await readCatalogFiles(source, options.dir);
  if (files.length === 0) {
    const shipped = await options.shipped();
    return {
      ...shipped,
      notice: `${source.label} has no scenario documents under \`${options.dir}/\`, so the ${shipped.scenarios.length} scenarios shipped with scenario-bot are used.`,
    };
  }
  return { ...catalogFromFiles(files), source: "repository", dir: options.dir };
}
