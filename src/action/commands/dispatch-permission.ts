// A `workflow_dispatch` of the scenario workflow is a request like a `/scenario` comment: anyone who may
// dispatch workflows (write access) could otherwise run a scenario that .github/scenarios.yml reserves
// for maintainers. So the dispatching person's role is checked against the same policy, for the same
// scenario and object type. A dispatch by scenario-bot's App was checked by the App already; which bot
// that is comes from the identity this job's token acts as (Issues.isOwn), never from `type: Bot`:
// - `github-actions[bot]` is every workflow's GITHUB_TOKEN (a workflow anyone with write access can
//   push): checked like a person, always;
// - a job acting as an App (the App-mode workflow mints the App's token) knows its App: only a dispatch
//   by that App is taken as checked, another App's is checked like a person;
// - a job on GITHUB_TOKEN cannot tell one App from another: an App's dispatch is taken for
//   scenario-bot's (the App-mode workflow, which acts as the App, is the one that can tell).
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
  if (await dispatchedByTheApp(ctx, login, sender?.type)) return;
  const { config, catalog } = await ctx.repo();
  const scenario = catalog.get(scenarioId) ??
    catalog.templates.find((t) => t.id === scenarioId) ?? { id: scenarioId };
  const level = await ctx.github.permission(login);
  const decision = decide(config.policy, level, login, action, scenario);
  if (!decision.allowed) throw new ActionRefusedError(decision.reason, "state");
}

async function dispatchedByTheApp(ctx: ActionContext, login: string, type?: string): Promise<boolean> {
  if (login === GITHUB_ACTIONS_LOGIN || (type !== "Bot" && !login.endsWith("[bot]"))) return false;
  const me = await ctx.github.issues.viewerLogin();
  if (me.endsWith("[bot]") && me !== GITHUB_ACTIONS_LOGIN) return ctx.github.issues.isOwn(login);
  return true;
}
