// The dependency graph between scenarios: an order in which dependencies come first, cycles
// reported as a path, and dependencies naming no scenario reported where they are written.
import { closestIds } from "./closest.ts";
import { compareIds } from "./compare-ids.ts";
import { DependencyCycleError, UnknownScenarioError } from "./errors.ts";
import type { DependencyType, DocumentProblem, ScenarioDefinition } from "./types.ts";

/** A catalog or its scenarios: the graph functions take either. */
export type ScenarioSet =
  | readonly ScenarioDefinition[]
  | { readonly scenarios: readonly ScenarioDefinition[] };

export function scenariosOf(set: ScenarioSet): readonly ScenarioDefinition[] {
  return "scenarios" in set ? set.scenarios : set;
}

export interface OrderOptions {
  /** Which dependency types to follow; default all. */
  types?: readonly DependencyType[];
}

/** Every elementary cycle found by depth-first search, each once, as `[a, b, c, a]`. */
export function findCycles(scenarios: readonly ScenarioDefinition[]): string[][] {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const cycles: string[][] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, "visiting");
    stack.push(id);
    for (const dep of byId.get(id)?.dependencies ?? []) {
      if (!byId.has(dep.id)) continue;
      if (state.get(dep.id) === "visiting") {
        const cycle = [...stack.slice(stack.indexOf(dep.id)), dep.id];
        const key = canonical(cycle);
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(dep.id)) visit(dep.id);
    }
    stack.pop();
    state.set(id, "done");
  };
  for (const s of [...scenarios].sort((a, b) => compareIds(a.id, b.id))) if (!state.has(s.id)) visit(s.id);
  return cycles;
}

/** A cycle's key, the same whichever member it starts from. */
function canonical(cycle: string[]): string {
  const ring = cycle.slice(0, -1);
  const start = ring.indexOf([...ring].sort()[0] ?? "");
  return [...ring.slice(start), ...ring.slice(0, start)].join(">");
}

/** Missing dependencies and cycles, each pointing at the dependency that is written in a document. */
export function graphProblems(
  scenarios: readonly ScenarioDefinition[],
  otherIds: Iterable<string> = [],
): DocumentProblem[] {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const known = new Set([...byId.keys(), ...otherIds]);
  const problems: DocumentProblem[] = [];
  for (const s of scenarios) {
    for (const dep of s.dependencies) {
      if (known.has(dep.id)) continue;
      const near = closestIds(dep.id, known);
      problems.push({
        position: dep.position,
        message: `dependency "${dep.id}" of "${s.id}" is not a scenario in this catalog`,
        hint: near.length
          ? `did you mean ${near.join(", ")}?`
          : "add that scenario, or remove the dependency",
      });
    }
  }
  for (const cycle of findCycles(scenarios)) {
    const [from, to] = cycle;
    const dep = byId.get(from ?? "")?.dependencies.find((d) => d.id === to);
    problems.push({
      position: dep?.position ?? { file: "<catalog>", line: 1, column: 1 },
      message: `dependency cycle ${cycle.join(" -> ")}`,
      hint: "remove one of these dependencies: a scenario cannot run before itself",
    });
  }
  return problems;
}

/**
 * Scenarios in an order where each comes after its dependencies. With `id`, only that scenario and
 * what it (transitively) depends on, ending with it. Throws on a cycle or an unknown id.
 */
export function dependencyOrder(
  set: ScenarioSet,
  id?: string,
  options: OrderOptions = {},
): ScenarioDefinition[] {
  const scenarios = scenariosOf(set);
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const follow = (type: DependencyType) => !options.types || options.types.includes(type);
  const order: ScenarioDefinition[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (current: string) => {
    if (done.has(current)) return;
    const at = path.indexOf(current);
    if (at !== -1) {
      const cycle = [...path.slice(at), current];
      const from = byId.get(cycle[cycle.length - 2] ?? "");
      throw new DependencyCycleError(cycle, from?.dependencies.find((d) => d.id === current)?.position);
    }
    const scenario = byId.get(current);
    if (!scenario) throw new UnknownScenarioError(current, closestIds(current, byId.keys()));
    path.push(current);
    for (const dep of scenario.dependencies) if (follow(dep.type)) visit(dep.id);
    path.pop();
    done.add(current);
    order.push(scenario);
  };
  if (id !== undefined) visit(id);
  else for (const s of [...scenarios].sort((a, b) => compareIds(a.id, b.id))) visit(s.id);
  return order;
}
