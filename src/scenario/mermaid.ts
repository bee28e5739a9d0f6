// Mermaid flowchart text of the dependency graph: an arrow from each dependency to what needs it.
// Tolerant on purpose: a missing dependency is drawn as such, a cycle is drawn as it is.

import { closestIds } from "./closest.ts";
import { UnknownScenarioError } from "./errors.ts";
import { type ScenarioSet, scenariosOf } from "./graph.ts";

const ARROWS = { required: "-->", recommended: "-.->|recommended|", optional: "-.->|optional|" } as const;

function nodeId(id: string): string {
  return `s_${id.replaceAll("-", "_")}`;
}

/** The whole catalog, or `id` with everything it (transitively) depends on. */
export function toMermaid(set: ScenarioSet, id?: string): string {
  const scenarios = scenariosOf(set);
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  if (id !== undefined && !byId.has(id)) throw new UnknownScenarioError(id, closestIds(id, byId.keys()));
  const shown = new Set<string>();
  const visit = (current: string) => {
    if (shown.has(current)) return;
    shown.add(current);
    for (const dep of byId.get(current)?.dependencies ?? []) visit(dep.id);
  };
  if (id === undefined) for (const s of scenarios) visit(s.id);
  else visit(id);

  const ids = [...shown].sort();
  const lines = ["flowchart LR"];
  for (const current of ids) {
    const s = byId.get(current);
    const label = s ? `${s.id}<br/><small>${s.objectType}</small>` : `${current}<br/><small>missing</small>`;
    const cls = s === undefined ? ":::missing" : current === id ? ":::selected" : "";
    lines.push(`  ${nodeId(current)}["${label}"]${cls}`);
  }
  for (const current of ids) {
    for (const dep of byId.get(current)?.dependencies ?? []) {
      lines.push(`  ${nodeId(dep.id)} ${ARROWS[dep.type]} ${nodeId(current)}`);
    }
  }
  lines.push("  classDef selected stroke-width:3px");
  lines.push("  classDef missing stroke-dasharray:4 4");
  return `${lines.join("\n")}\n`;
}
