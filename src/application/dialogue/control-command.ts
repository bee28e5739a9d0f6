// `/scenario status|resume|rollback|cancel [run]`: find the run (by id, else the issue's latest), check
// that the author may move it and that it may move that way, then hand it to the host.
import type { RunControlCommand } from "../../command/index.ts";
import type { RunRecord } from "../../engine/ports.ts";
import { isExpected } from "../../errors/index.ts";
import { code, inline } from "../../markdown/index.ts";
import { type Answer, forkRefusal, type Turn } from "./answer-comment.ts";
import type { RunControl } from "./host.ts";
import { presentDialogueError } from "./replies/present-error.ts";
import { statusReply } from "./replies/status.ts";
import { ACTION_VERB, controlVerdict } from "./run-control.ts";

export async function controlCommand(turn: Turn, command: RunControlCommand): Promise<Answer> {
  const { host, origin } = turn;
  const run = await host.findRun(command.runId, origin.issueNumber);
  if (!run) {
    await turn.post(command, notFound(command.runId));
    return "refused";
  }
  if (command.kind === "status") {
    await turn.post(command, statusReply(run, await host.store.listSteps(run.id)));
    return "answered";
  }
  return moveRun(turn, command, run, command.kind);
}

async function moveRun(
  turn: Turn,
  command: RunControlCommand,
  run: RunRecord,
  action: RunControl,
): Promise<Answer> {
  if (turn.forkHead) {
    await turn.post(command, forkRefusal(turn.forkHead));
    return "refused";
  }
  const scenario = turn.repo.catalog.get(run.scenarioId) ?? { id: run.scenarioId };
  const decision = await turn.authorise(ACTION_VERB[action], scenario);
  if (!decision.allowed) {
    await turn.post(command, decision.reason.replace(/^@\S+: /, ""));
    return "refused";
  }
  const verdict = controlVerdict(run, action);
  if (!verdict.go) {
    await turn.post(command, "refused" in verdict ? verdict.refused : verdict.done);
    return "refused" in verdict ? "refused" : "answered";
  }
  const doing = { resume: "resuming", rollback: "rolling back", cancel: "cancelling" }[action];
  const say = (body: string) => turn.post(command, body);
  const [moved, posted] = await Promise.allSettled([
    turn.host.control(run, action, say).then(async (ok) => {
      if (ok) await turn.rocket();
      return ok;
    }),
    say(inline(`${doing} run `, code(run.id), " of ", code(run.scenarioId), ".")),
  ]);
  if (posted.status === "rejected") throw posted.reason;
  if (moved.status === "rejected") {
    if (!isExpected(moved.reason)) throw moved.reason;
    await say(presentDialogueError(moved.reason));
    return "refused";
  }
  return moved.value ? "handed-on" : "refused";
}

function notFound(runId: string | undefined): string {
  return runId
    ? inline(
        "there is no run ",
        code(runId),
        " in this repository. ",
        code("/scenario status"),
        " shows this issue's latest run.",
      )
    : inline(
        "no scenario has run from this issue yet. Start one with ",
        code("/scenario <id> k=v"),
        "; ",
        code("/scenario list"),
        " shows them.",
      );
}
