// Builds the whole run as data: parameters validated, required dependencies ordered before the
// scenario, every block rendered and every path checked. Nothing is touched.
// From their own modules, not the scenario/index.ts barrel: a run's bundle chunks then hold no parser
// (a warm parse cache never loads micromark; see scripts/build-cli.ts).
import type { Catalog as ScenarioCatalog } from "../../scenario/catalog-assemble.ts";
import { closestIds } from "../../scenario/closest.ts";
import { UnknownScenarioError } from "../../scenario/errors.ts";
import { DEFAULT_LAYOUT, type Layout, layoutValues } from "../../scenario/layout.ts";
import type { ParameterValue, ScenarioDefinition } from "../../scenario/types.ts";
import { DependencyError, NotRunnableError } from "../errors.ts";
import { validateParams } from "./params.ts";
import { normaliseRelative, resolveInside } from "./paths.ts";
import type { ManualItem, Plan, PlannedScenario, PlannedStep } from "./plan.ts";
import { plannedCondition, plannedRollback, plannedShell, plannedStep } from "./plan-step.ts";
import { runTimestamp } from "./run-id.ts";

/** The parser's catalog (`loadCatalog`), or scenarios given directly (tests, the Action's one document). */
export type Catalog =
  | ScenarioCatalog
  | ReadonlyMap<string, ScenarioDefinition>
  | readonly ScenarioDefinition[];

export interface BuildPlanOptions {
  catalog: Catalog;
  scenarioId: string;
  rawParams: Record<string, string>;
  runId: string;
  now: Date;
  /** When given, file paths and `cwd=` are also checked for symlinks that leave this directory. */
  root?: string;
  /** Run branches are `<prefix><scenario>/<run-id>` (a repository's `branch_prefix`); default `scenario/`. */
  branchPrefix?: string;
  /** The repository's layout, read as `{layout_<key>}` (and `SCENARIO_LAYOUT_<KEY>` in steps); default DEFAULT_LAYOUT. */
  layout?: Readonly<Layout>;
}

export function buildPlan(options: BuildPlanOptions): Plan {
  const byId = toMap(options.catalog);
  const scenario = lookup(byId, options.scenarioId);
  if (scenario.template) throw new NotRunnableError(scenario.id, scenario.file);
  const params = validateParams(scenario, options.rawParams);
  const timestamp = runTimestamp(options.now);
  const builtins = { timestamp, run_id: options.runId, ...layoutValues(options.layout ?? DEFAULT_LAYOUT) };

  const order = requiredOrder(byId, scenario);
  const steps: PlannedStep[] = [];
  const planned = order.map((definition) => {
    const own =
      definition === scenario ? params : dependencyParams(definition, scenario, options.rawParams, params);
    return planScenario(definition, { ...own, ...builtins }, own, steps, options.root);
  });
  const main = planned[planned.length - 1] as PlannedScenario;
  const manual: ManualItem[] = steps.flatMap((step) =>
    step.kind === "manual" ? step.checklist.map((text, item) => ({ stepIndex: step.index, item, text })) : [],
  );
  const targetName = scenario.target ?? scenario.parameters.find((p) => p.required)?.name;
  const targetValue = targetName === undefined ? undefined : params[targetName];
  return {
    runId: options.runId,
    scenario: main,
    params,
    target: targetValue === undefined ? scenario.id : String(targetValue),
    branch: `${options.branchPrefix ?? "scenario/"}${scenario.id}/${options.runId}`,
    startedAt: options.now,
    timestamp,
    dependencies: {
      required: planned.slice(0, -1),
      recommended: scenario.dependencies.filter((d) => d.type === "recommended").map((d) => d.id),
    },
    steps,
    manual,
    preConditions: main.preConditions,
    postValidation: main.postValidation,
    rollback: main.rollback,
    ...(main.healthCheck ? { healthCheck: main.healthCheck } : {}),
  };
}

function planScenario(
  definition: ScenarioDefinition,
  values: Record<string, ParameterValue>,
  params: Record<string, ParameterValue>,
  steps: PlannedStep[],
  root: string | undefined,
): PlannedScenario {
  const stepIndexes: number[] = [];
  for (const step of definition.steps) {
    const index = steps.length;
    const planned = plannedStep(definition.id, step, index, values);
    if (root !== undefined) checkOnDisk(definition.id, planned, root);
    steps.push(planned);
    stepIndexes.push(index);
  }
  return {
    scenarioId: definition.id,
    title: definition.title,
    objectType: definition.objectType,
    params,
    stepIndexes,
    preConditions: definition.preConditions.map((c) => plannedCondition(definition.id, c, values)),
    postValidation: definition.postValidation.map((c) => plannedCondition(definition.id, c, values)),
    rollback: definition.rollback.map((r) => plannedRollback(definition.id, r, values)),
    ...(definition.healthCheck
      ? { healthCheck: plannedShell(definition.id, definition.healthCheck, values) }
      : {}),
    ...(definition.env?.length ? { env: definition.env } : {}),
  };
}

function checkOnDisk(scenarioId: string, step: PlannedStep, root: string): void {
  for (const action of step.actions) {
    const rel = action.type === "file" ? action.path : action.cwd;
    resolveInside(root, normaliseRelative(rel, { scenarioId, where: action.where }), {
      scenarioId,
      where: action.where,
    });
  }
}

/** Required dependencies (transitively), each once, dependencies before dependants; the scenario last. */
function requiredOrder(
  byId: Map<string, ScenarioDefinition>,
  root: ScenarioDefinition,
): ScenarioDefinition[] {
  const order: ScenarioDefinition[] = [];
  const done = new Set<string>();
  const visit = (definition: ScenarioDefinition, path: string[]) => {
    if (done.has(definition.id)) return;
    if (path.includes(definition.id)) {
      throw new DependencyError(
        root.id,
        `required dependencies form a cycle: ${[...path.slice(path.indexOf(definition.id)), definition.id].join(" -> ")}. Make one of them recommended.`,
      );
    }
    for (const dep of definition.dependencies) {
      if (dep.type !== "required") continue;
      const found = byId.get(dep.id);
      if (!found) {
        throw new DependencyError(
          definition.id,
          `requires "${dep.id}" (${dep.position.file}:${dep.position.line}), which is not in the catalog. Add the scenario or drop the dependency.`,
        );
      }
      visit(found, [...path, definition.id]);
    }
    done.add(definition.id);
    order.push(definition);
  };
  visit(root, []);
  return order;
}

/** A dependency takes the run's parameters it also declares; the rest come from its defaults. */
function dependencyParams(
  dependency: ScenarioDefinition,
  scenario: ScenarioDefinition,
  raw: Record<string, string>,
  validated: Record<string, ParameterValue>,
): Record<string, ParameterValue> {
  const shared: Record<string, string> = {};
  for (const param of dependency.parameters) {
    const value = raw[param.name] ?? validated[param.name];
    if (value !== undefined) shared[param.name] = String(value);
  }
  try {
    return validateParams(dependency, shared);
  } catch (error) {
    throw new DependencyError(
      scenario.id,
      `its required dependency ${dependency.id} cannot take this run's parameters: ${(error as Error).message}`,
    );
  }
}

function toMap(catalog: Catalog): Map<string, ScenarioDefinition> {
  if (catalog instanceof Map) return new Map(catalog);
  const list = Array.isArray(catalog)
    ? (catalog as readonly ScenarioDefinition[])
    : [...(catalog as ScenarioCatalog).scenarios, ...(catalog as ScenarioCatalog).templates];
  return new Map(list.map((s) => [s.id, s]));
}

function lookup(byId: Map<string, ScenarioDefinition>, id: string): ScenarioDefinition {
  const found = byId.get(id);
  if (found) return found;
  throw new UnknownScenarioError(
    id,
    closestIds(
      id,
      [...byId.values()].filter((s) => !s.template).map((s) => s.id),
    ),
  );
}
