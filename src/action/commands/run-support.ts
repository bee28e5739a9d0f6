// What the run commands share: the environment steps get, who asked, where a step is in its document.
import type { StepRecord } from "../../engine/ports.ts";
import type { Catalog } from "../../scenario/index.ts";
import type { ActionContext } from "./context.ts";

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
export function whereIn(catalog: Catalog): (step: StepRecord) => string | undefined {
  return (step) => {
    const position = catalog.get(step.scenarioId)?.steps.find((s) => s.number === step.number)?.position;
    return position ? `${position.file}:${position.line}` : undefined;
  };
}
