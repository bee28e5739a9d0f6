// Zero-server answers to `/scenario list [type]` and `/scenario help [id]`, from the checkout's catalog.
import { suggest } from "../../command/index.ts";
import { closestIds } from "../../scenario/index.ts";
import type { ScenarioDefinition } from "../../scenario/types.ts";
import { cell, codeCell, table } from "../render/markdown.ts";

export function listReply(catalog: readonly ScenarioDefinition[], objectType?: string): string {
  const shown = catalog.filter((s) => !objectType || s.objectType === objectType);
  if (shown.length === 0) {
    const types = [...new Set(catalog.map((s) => s.objectType))].sort().join(", ");
    return `No scenario of type \`${cell(objectType ?? "")}\`. Types here: ${types || "none"}.`;
  }
  const rows = shown.map((s) => [codeCell(s.id), s.objectType, cell(s.title), `${s.automation}%`]);
  return `${table(["scenario", "type", "what it does", "automated"], rows)}\n\nRun one with \`/scenario <id> name=value ...\`; \`/scenario help <id>\` lists its parameters.`;
}

export function helpReply(catalog: readonly ScenarioDefinition[], id?: string): string {
  if (!id) {
    return [
      "Commands: `/scenario <id> k=v ... [--dry-run]`, `/scenario plan <id> k=v ...`, `/scenario list [type]`,",
      "`/scenario help <id>`, `/scenario resume|rollback|cancel [run]`. Tick every item of a run's checklist to resume it.",
    ].join("\n");
  }
  const scenario = catalog.find((s) => s.id === id);
  if (!scenario) {
    const near = closestIds(
      id,
      catalog.map((s) => s.id),
    );
    return `No scenario \`${cell(id)}\`.${near.length ? ` Did you mean ${near.map((n) => `\`${n}\``).join(", ")}?` : ""}`;
  }
  const params = scenario.parameters.map((p) => [
    codeCell(p.name),
    p.required ? "required" : `optional (default ${codeCell(String(p.default ?? ""))})`,
    p.type === "enum" ? (p.values ?? []).map((v) => codeCell(v)).join(" \\| ") : p.type,
    cell(p.description),
    codeCell(p.example),
  ]);
  return [
    `**${cell(scenario.title)}** (\`${scenario.id}\`, ${scenario.objectType})`,
    "",
    cell(scenario.description),
    "",
    params.length ? table(["parameter", "", "type", "meaning", "example"], params) : "_No parameters._",
    "",
    `Steps: ${scenario.steps.map((s) => `${s.number}. ${cell(s.name)} [${s.kind}]`).join(" · ")}`,
  ].join("\n");
}

export function suggestReply(catalog: readonly ScenarioDefinition[], query: string): string {
  const found = suggest(query, catalog);
  if (found.length === 0) return "No scenario matches those words; `/scenario list` shows them all.";
  const rows = found.map((s) => [codeCell(s.id), cell(s.title), s.matched.map((w) => codeCell(w)).join(" ")]);
  return table(["scenario", "what it does", "matched"], rows);
}
