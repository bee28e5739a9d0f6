// Moving a run from outside a command comment: a ticked checklist or a check-run button. The same rules
// as `/scenario resume|rollback|cancel`: permission, then the run's state, then the host; the person
// hears the outcome on the run's issue.
import { type CollaboratorPermission, decide } from "../../command/index.ts";
import type { RunRecord } from "../../engine/ports.ts";
import { mention } from "../../markdown/index.ts";
import type { DialogueHost, RunControl } from "./host.ts";
import { ACTION_VERB, controlVerdict } from "./run-control.ts";

export interface ControlEvent {
  run: RunRecord;
  action: RunControl;
  actor: string;
  /** What the person did, for the reply: "ticked the last item of step 3", "pressed Resume". */
  how: string;
  /** The actor's permission when the caller already asked for it. */
  level?: CollaboratorPermission;
}

export type ControlOutcome = "handed-on" | "refused" | "not-now";

export async function controlFromEvent(host: DialogueHost, event: ControlEvent): Promise<ControlOutcome> {
  const { run, action, actor } = event;
  const repo = await host.repo();
  const scenario = repo.catalog.get(run.scenarioId) ?? { id: run.scenarioId };
  const decision = decide(
    repo.config.policy,
    event.level ?? (await host.permission(actor)),
    actor,
    ACTION_VERB[action],
    scenario,
  );
  const issue = run.issueNumber;
  const say = async (body: string) => {
    if (issue) await host.comment(issue, `${mention(actor)} ${body}`);
  };
  if (!decision.allowed) {
    await say(`${event.how}, but ${decision.reason.replace(/^@\S+: /, "")}`);
    return "refused";
  }
  const verdict = controlVerdict(run, action);
  if (!verdict.go) {
    await say(`${event.how}, but ${"refused" in verdict ? verdict.refused : verdict.done}`);
    return "not-now";
  }
  const doing = { resume: "resuming", rollback: "rolling back", cancel: "cancelling" }[action];
  const [moved] = await Promise.all([
    host.control(run, action, say),
    say(`${event.how}: ${doing} run \`${run.id}\` of \`${run.scenarioId}\`.`),
  ]);
  return moved ? "handed-on" : "refused";
}
