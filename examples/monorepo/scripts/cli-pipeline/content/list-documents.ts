// content list-documents [dir]: markdown files under dir (default docs/) with their sizes.
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { FormatService } from "../../../packages/shared/services/index.ts";

const format = new FormatService();

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return walk(path);
    return entry.name.endsWith(".md") ? [path] : [];
  });
}

const root = process.argv[2] ?? "docs";
for (const file of walk(root).sort()) {
  console.log(relative(process.cwd(), file) + "\t" + format.bytes(statSync(file).size));
}
