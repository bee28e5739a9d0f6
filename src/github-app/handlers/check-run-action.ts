// `check_run.requested_action`: the Resume / Roll back buttons the Action puts on a waiting or failed
// run's check runs. The check run's external id starts with the run id (`<run>` or `<run>:<step>`).
import type { Context } from "probot";
import { controlFromEvent } from "../../application/dialogue/control-event.ts";
import type { RunControl } from "../../application/dialogue/host.ts";
import type { AppDeps } from "../deps.ts";
import { appHost } from "../dialogue/app-host.ts";
import type { RepoEnvironments } from "../repo-environment.ts";
import { repositoryOf } from "../repository-of.ts";
import { firstDelivery } from "./once.ts";

const BUTTONS: Record<string, { action: RunControl; how: string }> = {
  resume: { action: "resume", how: "pressed Resume" },
  rollback: { action: "rollback", how: "pressed Roll back" },
};

export async function onCheckRunAction(
  context: Context<"check_run.requested_action">,
  deps: AppDeps,
  envs: RepoEnvironments,
): Promise<void> {
  const { check_run, requested_action, repository, sender } = context.payload;
  const button = BUTTONS[requested_action?.identifier ?? ""];
  const runId = (check_run.external_id ?? "").split(":")[0];
  if (!button || !runId) return;
  if (!(await firstDelivery(context, deps))) return;
  const log = context.log.child({ delivery: context.id, run: runId, actor: sender.login });
  const api = repositoryOf(context, repository.owner.login, repository.name);
  const run = await deps.store.getRun(runId);
  if (!run || run.repository.toLowerCase() !== api.fullName.toLowerCase()) {
    log.warn(
      { externalId: check_run.external_id },
      "button on a check run of a run this store doesn't know: ignored",
    );
    return;
  }
  const host = appHost({ api, deps, envs, defaultBranch: repository.default_branch, log });
  const outcome = await controlFromEvent(host, {
    run,
    action: button.action,
    actor: sender.login,
    how: button.how,
  });
  log.info({ outcome, action: button.action }, "check run button handled");
}
