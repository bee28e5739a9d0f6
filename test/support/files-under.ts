// The files under a folder as { path: text }, paths under `base`: to seed a repository (git origin or
// the GitHub fake) with a folder of this project.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export function filesUnder(dir: string, base: string, keep: (name: string) => boolean = () => true) {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !keep(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    files[join(base, relative(dir, path))] = readFileSync(path, "utf8");
  }
  return files;
}
