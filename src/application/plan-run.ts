// Planning a run, for every front door: the scenario looked up in the repository's catalog (an unknown
// id names the closest ones, a broken document its problems, a template says so), then the engine's
// plan. The only caller of buildPlan outside the engine, so the App, the Action and the CLI plan alike.
import type { RepoConfig } from "../command/repo-config.ts";
import { buildPlan, ParameterError, type Plan } from "../engine/index.ts";
import type { Catalog } from "../scenario/index.ts";

export interface PlanRunInput {
  catalog: Catalog;
  /** The repository's config (its branch prefix and layout). */
  config: Pick<RepoConfig, "branchPrefix"> & Partial<Pick<RepoConfig, "layout">>;
  scenarioId: string;
  /** Parameter values as typed (text); validated against the document. */
  params: Record<string, string>;
  runId: string;
  now: Date;
  /** The checkout, when there is one: file paths are also checked for links that leave it. */
  root?: string;
}

/** The whole run as data. Throws the parser's and the engine's named errors; nothing is touched. */
export function planRun(input: PlanRunInput): Plan {
  const scenario = input.catalog.require(input.scenarioId);
  try {
    return buildPlan({
      catalog: input.catalog,
      scenarioId: scenario.id,
      rawParams: input.params,
      runId: input.runId,
      now: input.now,
      branchPrefix: input.config.branchPrefix,
      ...(input.config.layout ? { layout: input.config.layout } : {}),
      ...(input.root ? { root: input.root } : {}),
    });
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    // Each problem points at its parameter's line, so a front door can annotate or quote it.
    const owner = input.catalog.get(error.scenarioId) ?? scenario;
    for (const problem of error.problems) {
      const position = owner.parameters.find((p) => p.name === problem.parameter)?.position ?? owner.position;
      if (position) problem.position = position;
    }
    throw error;
  }
}
