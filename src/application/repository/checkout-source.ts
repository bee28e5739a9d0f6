// A repository read from a folder on disk: the CLI's repository, the Action's checkout.
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { RepoSource } from "./source.ts";

export function checkoutSource(root: string): RepoSource {
  const abs = resolve(root);
  return {
    label: `the checkout at ${abs}`,
    async readFile(path) {
      try {
        return await readFile(join(abs, path), "utf8");
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },
    async listFiles(dir) {
      try {
        const entries = await readdir(join(abs, dir), { recursive: true, withFileTypes: true });
        return entries
          .filter((e) => e.isFile())
          .map((e) => ({ path: relative(abs, join(e.parentPath, e.name)).split(sep).join("/") }))
          .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
    async listFolders(dir) {
      try {
        const entries = await readdir(join(abs, dir), { withFileTypes: true });
        return entries
          .filter((e) => e.isDirectory())
          .map((e) => e.name)
          .sort();
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
  };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}
