// A `workflow_dispatch` of the scenario workflow is a request like a `/scenario` comment: anyone who may
// dispatch workflows (write access) could otherwise run a scenario that .github/scenarios.yml reserves
// for maintainers. So the dispatching person's role is checked against the same policy, for the same
// scenario and object type. Only a dispatch by scenario-bot's own App (the identity this job's token
// acts as, when the workflow mints the App's token) was checked by the App already. Any other bot is
// checked like a person: `github-actions[bot]` is every workflow's GITHUB_TOKEN (a workflow anyone with
// write access can push), and another App's dispatch is not ours.
import { decide } from "../../command/permission.ts";
import { GITHUB_ACTIONS_LOGIN } from "../../github/issues.ts";
import { ActionRefusedError } from "../errors.ts";
import type { ActionContext } from "./context.ts";

export async function authoriseDispatch(
  ctx: ActionContext,
  scenarioId: string,
  action: string,
): Promise<void> {
  if (ctx.runner.eventName !== "workflow_dispatch") return;
  const sender = ctx.runner.payload.sender as { login?: string; type?: string } | undefined;
  const login = sender?.login ?? ctx.env.GITHUB_ACTOR;
  if (!login)
    throw new ActionRefusedError(
      "the dispatch names no sender, so its permission cannot be checked",
      "input",
    );
  if (login !== GITHUB_ACTIONS_LOGIN && (await ctx.github.issues.isOwn(login))) return;
  const { config, catalog } = await ctx.repo();
  const scenario = catalog.get(scenarioId) ??
    catalog.templates.find((t) => t.id === scenarioId) ?? { id: scenarioId };
  const level = await ctx.github.permission(login);
  const decision = decide(config.policy, level, login, action, scenario);
  if (!decision.allowed) throw new ActionRefusedError(decision.reason, "state");
}
