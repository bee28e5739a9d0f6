// The scenarios shipped with scenario-bot (its own `scenarios/` folder), for repositories without any.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type CatalogFile, listMarkdown } from "../../scenario/index.ts";

/** The package root (where `scenarios/` is). */
export function packageRoot(): string {
  return fileURLToPath(new URL("../../../", import.meta.url));
}

export async function shippedFiles(root: string = packageRoot()): Promise<CatalogFile[]> {
  const paths = await listMarkdown("scenarios", root).catch(() => []);
  return Promise.all(
    paths
      .filter((p) => p.split("/").pop()?.toLowerCase() !== "readme.md")
      .map(async (p) => ({ path: p, text: await readFile(path.join(root, p), "utf8") })),
  );
}
