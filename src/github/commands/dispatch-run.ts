// Dispatching the scenario workflow for a run: the reply and the dispatch go out together; a failed
// dispatch marks a new run failed and says how to fix the repository.
import type { RunRecord } from "../../engine/ports.ts";
import { code } from "../replies/markdown.ts";
import type { DispatchInputs } from "../repo-api.ts";
import type { CommandIo } from "./outcome.ts";

export function forkRefusal(head: string): string {
  return (
    `this pull request comes from the fork ${code(head)}; scenario runs are never started from forks, because ` +
    "they would run with this repository's credentials. Comment on an issue or a pull request from a branch of this repository instead."
  );
}

/** Replies and dispatches together; the rocket follows the dispatch. */
export async function dispatchRun(
  io: CommandIo,
  run: Pick<RunRecord, "id" | "scenarioId" | "params" | "issueNumber">,
  command: DispatchInputs["command"],
  replyBody: string,
): Promise<boolean> {
  const s = io.session;
  const inputs: DispatchInputs = {
    scenario: run.scenarioId,
    params: JSON.stringify(run.params),
    "run-id": run.id,
    command,
    "issue-number": String(run.issueNumber ?? s.issueNumber),
  };
  // The dispatch goes out first: the rocket waits on it, the reply on nothing.
  const [dispatched, posted] = await Promise.allSettled([
    (async () => {
      await s.api.dispatch(s.env.config.workflow, s.env.defaultBranch, inputs);
      // A reaction that fails is not a failed dispatch.
      await s.rocket().catch((error: unknown) => s.log.warn({ err: error }, "rocket reaction failed"));
    })(),
    io.post(replyBody),
  ]);
  if (dispatched.status === "rejected") {
    const status = (dispatched.reason as { status?: number }).status;
    s.log.error({ err: dispatched.reason, runId: run.id, command }, "workflow dispatch failed");
    if (command === "run")
      await s.deps.store.updateRun(run.id, { status: "failed", error: "workflow dispatch failed" });
    const workflow = `.github/workflows/${s.env.config.workflow}`;
    const why =
      status === 404
        ? `the workflow ${code(workflow)} was not found on ${code(s.env.defaultBranch)}. Add it (see scenario-bot's README), or set \`workflow:\` in \`.github/scenarios.yml\`.`
        : status === 422
          ? `GitHub refused the dispatch: ${(dispatched.reason as Error).message}. Check that ${code(workflow)} has a \`workflow_dispatch\` trigger with the inputs scenario, params, run-id, command and issue-number.`
          : `GitHub did not accept the dispatch (${status ?? "no status"}). ${command === "run" ? "Start it again" : `Try ${code(`/scenario ${command} ${run.id}`)} again`} in a minute.`;
    await io.post(`could not start the workflow for run ${code(run.id)}: ${why}`);
    return false;
  }
  if (posted.status === "rejected") throw posted.reason;
  return true;
}
