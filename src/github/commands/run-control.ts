// `/scenario status|resume|rollback|cancel [run]`: find the run (by id, else the issue's latest),
// check it may move that way and that the author may move it, then dispatch.
import type { RunControlCommand } from "../../command/index.ts";
import type { RunRecord } from "../../engine/ports.ts";
import { authorise, type CommandSession } from "../handlers/command-session.ts";
import { cell, code } from "../replies/markdown.ts";
import { ACTION_VERB, ALLOWED_FROM } from "./control-run.ts";
import { dispatchRun, forkRefusal } from "./dispatch-run.ts";
import { type CommandHandler, NOTHING } from "./outcome.ts";

export async function findRun(s: CommandSession, runId: string | undefined): Promise<RunRecord | string> {
  if (runId) {
    const run = await s.deps.store.getRun(runId);
    if (!run || run.repository.toLowerCase() !== s.api.fullName.toLowerCase()) {
      return `there is no run ${code(runId)} in this repository. ${code("/scenario status")} shows this issue's latest run.`;
    }
    return run;
  }
  const runs = await s.deps.store.listRuns({ repository: s.api.fullName, limit: 200 });
  const latest = runs
    .filter((r) => r.issueNumber === s.issueNumber)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return (
    latest ??
    `no scenario has run from this issue yet. Start one with ${code("/scenario <id> k=v")}; ${code("/scenario list")} shows them.`
  );
}

export const runControl: CommandHandler<RunControlCommand> = async (io, command) => {
  const s = io.session;
  const run = await findRun(s, command.runId);
  if (typeof run === "string") {
    await io.post(run);
    return NOTHING;
  }
  if (command.kind === "status") {
    await io.post(await statusReply(s, run));
    return NOTHING;
  }
  const kind = command.kind;
  if (s.forkHead) {
    await io.post(forkRefusal(s.forkHead));
    return NOTHING;
  }
  const scenario = s.env.catalog.scenarios.find((d) => d.id === run.scenarioId) ?? { id: run.scenarioId };
  const decision = await authorise(s, ACTION_VERB[kind], scenario);
  if (!decision.allowed) {
    await io.post(decision.reason.replace(/^@\S+: /, ""));
    return NOTHING;
  }
  if (!ALLOWED_FROM[kind].includes(run.status)) {
    await io.post(
      `run ${code(run.id)} is ${run.status}; ${kind} works on a run that is ${ALLOWED_FROM[kind].join(", ")}. ` +
        `${code(`/scenario status ${run.id}`)} shows where it is.`,
    );
    return NOTHING;
  }
  const body = `${kind === "rollback" ? "rolling back" : kind === "cancel" ? "cancelling" : "resuming"} run ${code(run.id)} of ${code(run.scenarioId)}.`;
  return { dispatched: await dispatchRun(io, run, kind, body) };
};

async function statusReply(s: CommandSession, run: RunRecord): Promise<string> {
  const steps = await s.deps.store.listSteps(run.id);
  const lines = [
    `run ${code(run.id)} of ${code(run.scenarioId)} is **${run.status}** (branch ${code(run.branch)}${run.pullRequest ? `, #${run.pullRequest}` : ""}).`,
  ];
  if (run.error) lines.push("", `Reason: ${cell(run.error)}`);
  if (steps.length) {
    lines.push("", "| # | step | kind | status |", "| --- | --- | --- | --- |");
    for (const step of steps)
      lines.push(`| ${step.index + 1} | ${cell(step.name)} | ${step.kind} | ${step.status} |`);
  }
  return lines.join("\n");
}
