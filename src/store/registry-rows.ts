// The registry rows a catalog should produce: pure, no database. `scenario sync` diffs these
// against what the tables hold.
import { dependencyOrder } from "../scenario/graph.ts";
import type { ScenarioDefinition } from "../scenario/types.ts";
import { RegistrySyncError } from "./errors.ts";

export type DefinitionRow = {
  scenario_id: string;
  object_type: string;
  name: string;
  description: string | null;
  complexity: string | null;
  automation_readiness: number | null;
};

export type DependencyRow = {
  scenario_id: string;
  depends_on_scenario_id: string;
  dependency_type: string;
  execution_order: number;
};

export type StepRow = {
  scenario_id: string;
  step_number: number;
  step_name: string;
  step_type: string;
  description: string | null;
  automation_script: string | null;
  estimated_duration_minutes: number | null;
};

export type ParameterRow = {
  scenario_id: string;
  parameter_name: string;
  parameter_type: string;
  required: boolean;
  default_value: string | null;
  description: string | null;
  validation_rules: Record<string, unknown> | null;
};

export interface RegistryRows {
  definitions: DefinitionRow[];
  dependencies: DependencyRow[];
  steps: StepRow[];
  parameters: ParameterRow[];
}

/**
 * The order the engine runs a scenario's dependency closure in: the parser's dependencyOrder
 * (dependencies in document order, depth first, the scenario last). Walked here per scenario over a
 * shared index, because dependencyOrder re-indexes the whole catalog on every call (quadratic for
 * 1,000 scenarios); the whole graph goes through dependencyOrder once, for its cycle errors.
 */
function dependencyRanks(byId: Map<string, ScenarioDefinition>, id: string): Map<string, number> {
  const rank = new Map<string, number>();
  const seen = new Set<string>();
  const visit = (current: string) => {
    if (seen.has(current)) return;
    seen.add(current);
    for (const dep of byId.get(current)?.dependencies ?? []) visit(dep.id);
    rank.set(current, rank.size);
  };
  visit(id);
  return rank;
}

function validationRules(param: ScenarioDefinition["parameters"][number]): Record<string, unknown> | null {
  const rules: Record<string, unknown> = {};
  if (param.values !== undefined) rules.values = param.values;
  if (param.pattern !== undefined) rules.pattern = param.pattern;
  if (param.min !== undefined) rules.min = param.min;
  if (param.max !== undefined) rules.max = param.max;
  if (param.example !== undefined && param.example !== "") rules.example = param.example;
  return Object.keys(rules).length > 0 ? rules : null;
}

/** Rows for the runnable scenarios of a catalog (templates are skipped). */
export function registryRows(catalog: readonly ScenarioDefinition[]): RegistryRows {
  const scenarios = catalog.filter((s) => !s.template);
  const seen = new Map<string, string>();
  for (const s of scenarios) {
    const other = seen.get(s.id);
    if (other)
      throw new RegistrySyncError(
        s.id,
        `${s.file}: scenario id ${s.id} is also used by ${other}; give one of them another ID.`,
      );
    seen.set(s.id, s.file);
  }
  for (const s of scenarios) {
    for (const dep of s.dependencies) {
      if (!seen.has(dep.id)) {
        throw new RegistrySyncError(
          s.id,
          `${dep.position.file}:${dep.position.line}: scenario ${s.id} depends on ${dep.id}, which is not a runnable scenario of the catalog; add it or remove the dependency.`,
        );
      }
    }
  }
  // Throws the parser's DependencyCycleError naming the cycle.
  dependencyOrder(scenarios);
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const rows: RegistryRows = { definitions: [], dependencies: [], steps: [], parameters: [] };
  for (const s of scenarios) {
    rows.definitions.push({
      scenario_id: s.id,
      object_type: s.objectType,
      name: s.title,
      description: s.description || null,
      complexity: s.complexity,
      automation_readiness: s.automation,
    });
    const listed = new Set<string>();
    // A dependency listed twice is one row (the first listing wins).
    const rank = s.dependencies.length > 0 ? dependencyRanks(byId, s.id) : new Map<string, number>();
    const deps = s.dependencies
      .filter((d) => !listed.has(d.id) && listed.add(d.id))
      .sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
    deps.forEach((dep, i) => {
      rows.dependencies.push({
        scenario_id: s.id,
        depends_on_scenario_id: dep.id,
        dependency_type: dep.type,
        execution_order: i + 1,
      });
    });
    for (const step of s.steps) {
      rows.steps.push({
        scenario_id: s.id,
        step_number: step.number,
        step_name: step.name,
        step_type: step.kind,
        description: step.description || null,
        // The automation lives in the document itself: point at the step.
        automation_script: step.kind === "automated" ? `${s.file}:${step.position.line}` : null,
        estimated_duration_minutes: null,
      });
    }
    for (const param of s.parameters) {
      rows.parameters.push({
        scenario_id: s.id,
        parameter_name: param.name,
        parameter_type: param.type,
        required: param.required,
        default_value: param.default === undefined ? null : String(param.default),
        description: param.description || null,
        validation_rules: validationRules(param),
      });
    }
  }
  return rows;
}
