// `/scenario <id> k=v ... [--dry-run]` and `/scenario plan <id> k=v ...`: plan it; for a real run,
// check permission, record the run as queued, reply with the plan and dispatch the workflow.
import type { PlanCommand, RunCommand } from "../../command/index.ts";
import { buildPlan, lockKey, type Plan } from "../../engine/index.ts";
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
  // The run is recorded, then it takes the engine's lock on its target (the Action's engine re-takes
  // it with the same run id): two commands for the same target can't both get through, whatever the
  // timing. A run that loses is recorded as cancelled, which also frees nothing it never held.
  await s.deps.store.createRun(run);
  const key = lockKey(run);
  const lock = await s.deps.store.acquireLock(key, run.id);
  if (!lock.acquired) {
    await s.deps.store.updateRun(run.id, { status: "cancelled", error: `${lock.holder} holds ${key}` });
    await io.post(
      `run ${code(lock.holder)} of ${code(scenario.id)} is still changing ${code(plan.target)}; two runs never change the same target at once. ` +
        `Wait for it, or ${code(`/scenario cancel ${lock.holder}`)}.`,
    );
    return NOTHING;
  }
  const dispatched = await dispatchRun(io, run, "run", planReply({ ...plan, branch }, "dispatched"));
  return { dispatched };
};
