// `/scenario <id> k=v ... [--dry-run]` and `/scenario plan <id> k=v ...`: plan it; for a real run,
// check permission, record the run as queued, reply with the plan and dispatch the workflow.
import type { PlanCommand, RunCommand } from "../../command/index.ts";
import { buildPlan, type Plan } from "../../engine/index.ts";
import { authorise } from "../handlers/command-session.ts";
import { code } from "../replies/markdown.ts";
import { planReply } from "../replies/plan-reply.ts";
import { dispatchRun, forkRefusal } from "./dispatch-run.ts";
import { findScenario } from "./find-scenario.ts";
import { type CommandHandler, NOTHING } from "./outcome.ts";
import { planErrorReply } from "./plan-errors.ts";

export const runCommand: CommandHandler<RunCommand | PlanCommand> = async (io, command) => {
  const s = io.session;
  const lookup = findScenario(s.env.catalog, command.scenarioId);
  if (!lookup.found) {
    await io.post(lookup.message);
    return NOTHING;
  }
  const scenario = lookup.found;
  const real = command.kind === "run" && !command.dryRun;
  if (real) {
    if (s.forkHead) {
      await io.post(forkRefusal(s.forkHead));
      return NOTHING;
    }
    const decision = await authorise(s, "start a run", scenario);
    if (!decision.allowed) {
      await io.post(decision.reason.replace(/^@\S+: /, ""));
      return NOTHING;
    }
  }
  let plan: Plan;
  try {
    plan = buildPlan({
      catalog: s.env.catalog,
      scenarioId: scenario.id,
      rawParams: command.params,
      runId: s.deps.newRunId(),
      now: s.deps.now(),
    });
  } catch (error) {
    await io.post(planErrorReply(error, scenario));
    return NOTHING;
  }
  if (!real) {
    await io.post(planReply(plan, "dry-run"));
    return NOTHING;
  }
  const repository = s.api.fullName;
  const busy = (await s.activeRuns()).find((r) => r.scenarioId === scenario.id && r.target === plan.target);
  if (busy) {
    await io.post(
      `run ${code(busy.id)} of ${code(scenario.id)} on ${code(plan.target)} is still ${busy.status}; two runs never change the same target at once. ` +
        `Wait for it, or ${code(`/scenario cancel ${busy.id}`)}.`,
    );
    return NOTHING;
  }
  const branch = `${s.env.config.branchPrefix}${scenario.id}/${plan.runId}`;
  const run = {
    id: plan.runId,
    scenarioId: scenario.id,
    params: plan.params,
    status: "queued",
    repository,
    target: plan.target,
    branch,
    baseBranch: s.env.defaultBranch,
    baseSha: s.env.sha,
    issueNumber: s.issueNumber,
    triggeredBy: s.author,
  } as const;
  // The run is recorded before the dispatch; the plan reply goes out meanwhile.
  const recorded = s.deps.store.createRun(run);
  const dispatched = await dispatchRun(
    io,
    run,
    "run",
    planReply({ ...plan, branch }, "dispatched"),
    recorded,
  );
  return { dispatched };
};
