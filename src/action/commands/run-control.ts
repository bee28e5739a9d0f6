// `resume`, `rollback` and `cancel` of an existing run, in a new job: the branch pushed by the job
// before, the record from the store (or rebuilt), then the engine continues or undoes it.
import { resumeRun, rollbackRun } from "../../engine/index.ts";
import { ActionInputError } from "../errors.ts";
import { openActionStore } from "../store.ts";
import type { ActionContext, ActionResult } from "./context.ts";
import { actionPorts } from "./ports.ts";
import { rehydrateRun } from "./rehydrate.ts";
import { readRepoConfig } from "./repo-config.ts";
import { dbUrl } from "./run.ts";
import { loadRunnableCatalog, stepEnv, triggeredBy, whereIn } from "./run-support.ts";
import { reportRun } from "./summary.ts";

type Control = "resume" | "rollback" | "cancel";

export function controlCommand(kind: Control) {
  return async (ctx: ActionContext): Promise<ActionResult> => {
    const runId = ctx.inputs.runId;
    if (!runId)
      throw new ActionInputError("run-id", `required for command '${kind}'; give the id of the run.`);
    const catalog = await loadRunnableCatalog(ctx);
    const opened = await openActionStore({ workspace: ctx.runner.workspace, ...dbUrl(ctx) });
    try {
      const where = whereIn(catalog);
      const ports = await actionPorts(ctx, opened.store, runId, where);
      const { branch } = await rehydrateRun(ctx, opened.store, ports.workspace, catalog, runId);
      const options = {
        catalog,
        repository: `${ctx.runner.owner}/${ctx.runner.repo}`,
        env: stepEnv(ctx.env),
        secrets: [ctx.inputs.token],
        integrations: (await readRepoConfig(ctx)).integrations,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(branch ? { branch } : {}),
      };
      const by = triggeredBy(ctx);
      let run = await (kind === "resume"
        ? resumeRun(runId, ports, options)
        : rollbackRun(runId, ports, {
            ...options,
            reason: `${kind === "cancel" ? "cancelled" : "rolled back"}${by ? ` by @${by}` : ""}`,
          }));
      if (kind === "cancel") run = await opened.store.updateRun(runId, { status: "cancelled" });
      const steps = await opened.store.listSteps(run.id);
      return await reportRun(ctx, run, steps, where, `Scenario \`${run.scenarioId}\`: ${kind}`);
    } finally {
      await opened.close();
    }
  };
}
