// The scenarios of the checkout: every `scenarios/**/*.md` parsed. A broken document is reported (as
// an annotation) but only fails the run when it is the scenario asked for or one it needs, so one bad
// file does not stop every other scenario in the repository.
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { parseScenario } from "../scenario/parse.ts";
import type { DocumentProblem, ScenarioDefinition } from "../scenario/types.ts";

export interface LoadedCatalog {
  scenarios: ScenarioDefinition[];
  problems: DocumentProblem[];
}

export async function loadCatalog(root: string, dir = "scenarios"): Promise<LoadedCatalog> {
  const base = join(root, dir);
  const scenarios: ScenarioDefinition[] = [];
  const problems: DocumentProblem[] = [];
  for (const path of await markdownFiles(base)) {
    const file = relative(root, path).split("\\").join("/");
    const result = parseScenario(await readFile(path, "utf8"), {
      file,
      template: file.startsWith(`${dir}/templates/`),
    });
    if (result.definition) scenarios.push(result.definition);
    problems.push(...result.problems);
  }
  return { scenarios, problems };
}

async function markdownFiles(dir: string): Promise<string[]> {
  let entries: import("node:fs").Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await markdownFiles(path)));
    else if (entry.isFile() && entry.name.endsWith(".md") && entry.name.toLowerCase() !== "readme.md")
      files.push(path);
  }
  return files;
}
