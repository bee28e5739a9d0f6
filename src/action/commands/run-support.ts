// What the run commands share: the catalog of the checkout, the environment steps get, who asked.
import type { StepRecord } from "../../engine/ports.ts";
import { loadCatalog } from "../../scenario/catalog.ts";
import type { ScenarioDefinition } from "../../scenario/types.ts";
import type { ActionContext } from "./context.ts";

/**
 * The checkout's runnable scenarios. A broken document is a warning here, and fails the run only when
 * it is the scenario asked for or one it needs (the plan then cannot find it and names the closest).
 */
export async function loadRunnableCatalog(ctx: ActionContext): Promise<ScenarioDefinition[]> {
  const catalog = await loadCatalog("scenarios", { root: ctx.runner.workspace });
  for (const p of catalog.problems) {
    ctx.io.warning(p.hint ? `${p.message} (hint: ${p.hint})` : p.message, {
      title: "scenario document",
      file: p.position.file,
      startLine: p.position.line,
    });
  }
  return catalog.runnable();
}

/** The runner's variables minus the action's own inputs (the token among them) and runtime tokens. */
export function stepEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith("INPUT_") || key.startsWith("ACTIONS_") || key === "GITHUB_TOKEN") continue;
    out[key] = value;
  }
  return out;
}

export function triggeredBy(ctx: ActionContext): string | undefined {
  const sender = ctx.runner.payload.sender as { login?: string } | undefined;
  return sender?.login ?? ctx.env.GITHUB_ACTOR;
}

/** `file:line` of a step's item in its document, found by scenario id and step number. */
export function whereIn(catalog: readonly ScenarioDefinition[]): (step: StepRecord) => string | undefined {
  return (step) => {
    const position = catalog
      .find((s) => s.id === step.scenarioId)
      ?.steps.find((s) => s.number === step.number)?.position;
    return position ? `${position.file}:${position.line}` : undefined;
  };
}
