// `/scenario <id> k=v ... [--dry-run]` and `/scenario plan <id> k=v ...`: plan it; for a real run,
// check permission, record the run as queued, reply with the plan and dispatch the workflow.
import type { PlanCommand, RunCommand } from "../../command/index.ts";
import { buildPlan, lockKey, type Plan } from "../../engine/index.ts";
import { authorise, type CommandSession } from "../handlers/command-session.ts";
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
  if (real && s.forkHead) {
    await io.post(forkRefusal(s.forkHead));
    return NOTHING;
  }
  // Planned, and its reply written, while the author's permission is still being asked (it started on
  // receipt); a refusal still comes before any complaint about the parameters.
  const prepared = prepare(s, scenario.id, command.params, real);
  if (real) {
    const decision = await authorise(s, "start a run", scenario);
    if (!decision.allowed) {
      await io.post(decision.reason.replace(/^@\S+: /, ""));
      return NOTHING;
    }
  }
  if ("error" in prepared) {
    await io.post(planErrorReply(prepared.error, scenario));
    return NOTHING;
  }
  const { plan, replyBody } = prepared;
  if (!real) {
    await io.post(replyBody);
    return NOTHING;
  }
  const run = {
    id: plan.runId,
    scenarioId: scenario.id,
    params: plan.params,
    status: "queued",
    repository: s.api.fullName,
    target: plan.target,
    branch: plan.branch,
    baseBranch: s.env.defaultBranch,
    baseSha: s.env.sha,
    issueNumber: s.issueNumber,
    triggeredBy: s.author,
  } as const;
  // The run is recorded holding the engine's lock on its target (the Action's engine re-takes it with
  // the same run id): two commands for the same target can't both get through, whatever the timing. A
  // run that loses is recorded as cancelled, which also frees nothing it never held.
  const key = lockKey(run);
  const lock = await s.deps.store.queueRun(run, key);
  if (!lock.acquired) {
    await io.post(
      `run ${code(lock.holder)} of ${code(scenario.id)} is still changing ${code(plan.target)}; two runs never change the same target at once. ` +
        `Wait for it, or ${code(`/scenario cancel ${lock.holder}`)}.`,
    );
    return NOTHING;
  }
  const dispatched = await dispatchRun(io, run, "run", replyBody);
  return { dispatched };
};

type Prepared = { plan: Plan; replyBody: string } | { error: unknown };

function prepare(
  s: CommandSession,
  scenarioId: string,
  params: Record<string, string>,
  real: boolean,
): Prepared {
  try {
    const plan = buildPlan({
      catalog: s.env.catalog,
      scenarioId,
      rawParams: params,
      runId: s.deps.newRunId(),
      now: s.deps.now(),
      branchPrefix: s.env.config.branchPrefix,
    });
    return { plan, replyBody: planReply(plan, real ? "dispatched" : "dry-run") };
  } catch (error) {
    return { error };
  }
}
