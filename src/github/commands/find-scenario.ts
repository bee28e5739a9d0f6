// Looking a scenario id up in the repository's catalog; an unknown id gets the closest matches, and
// an id whose document is broken gets pointed at the broken document.
import { SUBCOMMANDS, suggest } from "../../command/index.ts";
import { closestIds, type DocumentProblem, type ScenarioDefinition } from "../../scenario/index.ts";
import type { LoadedCatalog } from "../catalog/repo-catalogs.ts";
import { code } from "../replies/markdown.ts";

export type Lookup = { found: ScenarioDefinition } | { found?: undefined; message: string };

export function findScenario(catalog: LoadedCatalog, id: string): Lookup {
  const found = catalog.get(id);
  if (found) return { found };
  const file = catalog.fileOf.get(id);
  if (catalog.templates.some((t) => t.id === id)) {
    return {
      message: `${code(id)} (${code(file ?? "templates/")}) is a template: it is validated but never run. Copy it out of \`templates/\` to use it.`,
    };
  }
  if (catalog.ids().includes(id)) {
    const problems = catalog.problems.filter(
      (p) => p.position.file === file || p.message.includes(`"${id}"`),
    );
    return {
      message: `the document for ${code(id)}${file ? ` (${code(file)})` : ""} has problems, so it can't run until they are fixed on the default branch:\n\n${problemList(problems)}`,
    };
  }
  const ids = catalog.scenarios.map((s) => s.id);
  const near = new Set<string>(closestIds(id, [...ids, ...SUBCOMMANDS]));
  for (const s of suggest(id.replace(/-/g, " "), catalog.scenarios, 3)) near.add(s.id);
  const hint = near.size
    ? `Did you mean ${[...near].map(code).join(" or ")}?`
    : `Known scenarios: ${ids.length ? ids.map(code).join(", ") : "none"}.`;
  const source =
    catalog.source === "repository"
      ? "this repository's scenarios"
      : "the scenarios shipped with scenario-bot";
  return {
    message: `there is no scenario ${code(id)} in ${source}. ${hint} ${code("/scenario list")} shows them all.`,
  };
}

export function problemList(problems: readonly DocumentProblem[], max = 10): string {
  const shown = problems.slice(0, max).map((p) => {
    const at = `${p.position.file}:${p.position.line}:${p.position.column}`;
    return `- ${code(at)} ${p.message}${p.hint ? ` (${p.hint})` : ""}`;
  });
  if (problems.length > max) shown.push(`- ...and ${problems.length - max} more`);
  return shown.join("\n");
}
