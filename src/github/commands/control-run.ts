// Moving an existing run (resume / rollback / cancel) from outside a command comment: a ticked
// checklist or a check-run button. Same rules as the commands: permission, then state, then dispatch.
import { type CollaboratorPermission, decide } from "../../command/index.ts";
import type { RunRecord, RunStatus } from "../../engine/ports.ts";
import { code, mention } from "../replies/markdown.ts";
import type { RepoApi } from "../repo-api.ts";
import type { RepoEnvironment } from "../repo-environment.ts";

export type RunAction = "resume" | "rollback" | "cancel";

/** From which states each action makes sense. */
export const ALLOWED_FROM: Record<RunAction, RunStatus[]> = {
  resume: ["waiting", "failed"],
  rollback: ["waiting", "failed", "succeeded", "cancelled"],
  cancel: ["queued", "running", "waiting"],
};

export const ACTION_VERB: Record<RunAction, string> = {
  resume: "resume a run",
  rollback: "roll back a run",
  cancel: "cancel a run",
};

export interface ControlRequest {
  api: RepoApi;
  env: RepoEnvironment;
  run: RunRecord;
  action: RunAction;
  actor: string;
  /** What the person did, for the reply: "ticked the last item of step 3", "pressed Resume". */
  how: string;
  /** The actor's permission when the caller already asked for it. */
  level?: CollaboratorPermission;
}

export type ControlOutcome = "dispatched" | "refused" | "not-now";

export async function controlRun(req: ControlRequest): Promise<ControlOutcome> {
  const { api, env, run, action, actor } = req;
  const scenario = env.catalog.scenarios.find((d) => d.id === run.scenarioId) ?? { id: run.scenarioId };
  const decision = decide(
    env.config.policy,
    req.level ?? (await api.permission(actor)),
    actor,
    ACTION_VERB[action],
    scenario,
  );
  const issue = run.issueNumber;
  if (!decision.allowed) {
    if (issue)
      await api.reply(issue, `${mention(actor)} ${req.how}, but ${decision.reason.replace(/^@\S+: /, "")}`);
    return "refused";
  }
  if (!ALLOWED_FROM[action].includes(run.status)) {
    if (issue) {
      await api.reply(
        issue,
        `${mention(actor)} ${req.how}, but run ${code(run.id)} is ${run.status}, so there is nothing to ${action}.`,
      );
    }
    return "not-now";
  }
  await api.dispatch(env.config.workflow, env.defaultBranch, {
    scenario: run.scenarioId,
    params: JSON.stringify(run.params),
    "run-id": run.id,
    command: action,
    "issue-number": issue ? String(issue) : "",
  });
  if (issue)
    await api.reply(
      issue,
      `${mention(actor)} ${req.how}: ${action === "resume" ? "resuming" : action === "rollback" ? "rolling back" : "cancelling"} run ${code(run.id)} of ${code(run.scenarioId)}.`,
    );
  return "dispatched";
}
