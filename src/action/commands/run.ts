// `command: run`: validate the parameters against the scenario (the engine's own schema), then run
// it: one commit and one check run per step, the PR, and a checklist for manual steps. A run that
// reaches a manual step ends this job as `waiting`; `resume` continues it in a new one.
import { planRun } from "../../application/plan-run.ts";
import { scenarioCli } from "../../application/repository/scenario-cli.ts";
import { executeRun, newRunId, ParameterError, type Plan } from "../../engine/index.ts";
import { ActionInputError } from "../errors.ts";
import { heldSecrets } from "../git/credentials.ts";
import type { ActionContext, ActionResult } from "./context.ts";
import { authoriseDispatch } from "./dispatch-permission.ts";
import { actionPorts } from "./ports.ts";
import { stepEnv, triggeredBy, whereIn } from "./run-support.ts";
import { reportRun } from "./summary.ts";

export async function runCommand(ctx: ActionContext): Promise<ActionResult> {
  const scenarioId = ctx.inputs.scenario;
  if (!scenarioId) throw new ActionInputError("scenario", "required for command 'run'; give a scenario id.");
  await authoriseDispatch(ctx, scenarioId, "start a run");
  const { config, catalog } = await ctx.repo();
  const runId = ctx.inputs.runId ?? newRunId(ctx.now());
  // Parameters arrive as JSON; the engine validates their text exactly as it does for a comment or the CLI.
  const params = Object.fromEntries(Object.entries(ctx.inputs.params).map(([k, v]) => [k, String(v)]));
  let built: Plan;
  try {
    built = planRun({
      catalog,
      config,
      scenarioId,
      params,
      runId,
      now: ctx.now(),
      root: ctx.runner.workspace,
    });
  } catch (error) {
    if (error instanceof ParameterError) annotateParameters(ctx, error);
    throw error;
  }
  // A command on a pull request of this repository adds its commits to that pull request's branch
  // (and a rollback returns it to where it was); anywhere else the run gets its own branch and PR.
  const origin = await originPullRequest(ctx);
  const plan = origin ? { ...built, branch: origin.headRef } : built;
  if (origin) ctx.io.info(`run ${runId} works on pull request #${origin.number} (${origin.headRef})`);
  const whereOf = whereIn(catalog);
  const opened = await ctx.store();
  const ports = await actionPorts(ctx, opened.store, runId, whereOf);
  const by = triggeredBy(ctx);
  const run = await executeRun(plan, ports, {
    repository: `${ctx.runner.owner}/${ctx.runner.repo}`,
    baseBranch: origin?.headRef ?? baseBranch(ctx),
    env: stepEnv(ctx.env),
    secrets: [ctx.inputs.token, ...heldSecrets()],
    integrations: config.integrations,
    envAllow: config.env,
    cliPath: await scenarioCli(ctx.env),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(by ? { triggeredBy: by } : {}),
    ...(ctx.inputs.issueNumber ? { issueNumber: ctx.inputs.issueNumber } : {}),
  });
  const steps = await opened.store.listSteps(run.id);
  const note = ports.notes.join("\n\n");
  return await reportRun(ctx, run, steps, whereOf, `Scenario \`${run.scenarioId}\``, note ? { note } : {});
}

/** Each bad parameter as an annotation on its line in the scenario's parameter table. */
function annotateParameters(ctx: ActionContext, error: ParameterError): void {
  for (const problem of error.problems) {
    const position = problem.position;
    ctx.io.error(problem.message, {
      title: `parameter ${problem.parameter} (${problem.rule})`,
      ...(position ? { file: position.file, startLine: position.line } : {}),
    });
  }
}

/** The open pull request the command came from, when its branch is in this repository. */
export async function originPullRequest(ctx: ActionContext) {
  if (!ctx.inputs.issueNumber) return undefined;
  const pulls = ctx.github.pulls;
  const pr = await pulls.get(ctx.inputs.issueNumber);
  return pr?.sameRepo && pr.state === "open" ? pr : undefined;
}

/** The branch the workflow was dispatched on, else the repository's default branch. */
export function baseBranch(ctx: ActionContext): string {
  const ref = ctx.env.GITHUB_REF ?? "";
  if (ref.startsWith("refs/heads/")) return ref.slice("refs/heads/".length);
  const repository = ctx.runner.payload.repository as { default_branch?: string } | undefined;
  return repository?.default_branch ?? "main";
}
