// `/scenario <id> k=v ... [--dry-run]` and `/scenario plan <id> k=v ...`: plan it; for a real run,
// check permission, record the run as queued holding its target, reply with the plan and hand it to
// the host (the App dispatches the workflow, the Action runs it in its job).
import { setImmediate } from "node:timers/promises";
import type { PlanCommand, RunCommand } from "../../command/index.ts";
import { lockKey, ParameterError, type Plan, type RunRecord } from "../../engine/index.ts";
import { isExpected } from "../../errors/index.ts";
import { code, inline, list, paragraph, render } from "../../markdown/index.ts";
import type { ScenarioDefinition } from "../../scenario/types.ts";
import { planRun } from "../plan-run.ts";
import { type Answer, forkRefusal, type Turn } from "./answer-comment.ts";
import { findScenario } from "./replies/catalog.ts";
import { commandFor, planReply } from "./replies/plan.ts";
import { presentDialogueError } from "./replies/present-error.ts";

/** A command's scenario and plan: pure work, done once. */
interface PreparedRun {
  lookup: ReturnType<typeof findScenario>;
  prepared?: Prepared;
}

const preparedRuns = new WeakMap<RunCommand | PlanCommand, PreparedRun>();

const isReal = (command: RunCommand | PlanCommand) => command.kind === "run" && !command.dryRun;

/**
 * Plans `command` (once: the dialogue may do it early, while the comment's admission and the author's
 * permission are still being asked). Posts and writes nothing.
 */
export function prepareRun(turn: Turn, command: RunCommand | PlanCommand): PreparedRun {
  let done = preparedRuns.get(command);
  if (done) return done;
  const lookup = findScenario(turn.repo.catalog, command.scenarioId);
  done = { lookup };
  if (lookup.found && !(isReal(command) && turn.forkHead)) {
    done.prepared = prepare(turn, lookup.found.id, command.params);
  }
  preparedRuns.set(command, done);
  return done;
}

export async function runCommand(turn: Turn, command: RunCommand | PlanCommand): Promise<Answer> {
  const { host, repo } = turn;
  const early = prepareRun(turn, command);
  const lookup = early.lookup;
  if (!lookup.found) {
    await turn.post(command, lookup.message);
    return "refused";
  }
  const scenario = lookup.found;
  const real = isReal(command);
  if (real && turn.forkHead) {
    await turn.post(command, forkRefusal(turn.forkHead));
    return "refused";
  }
  // Planned while the author's permission is still being asked; a refusal still comes first.
  const prepared = early.prepared ?? prepare(turn, scenario.id, command.params);
  if (real) {
    const decision = await turn.authorise("start a run", scenario);
    if (!decision.allowed) {
      await turn.post(command, decision.reason.replace(/^@\S+: /, ""));
      return "refused";
    }
  }
  if ("error" in prepared) {
    await turn.post(command, planErrorReply(prepared.error, scenario));
    return "refused";
  }
  const { plan } = prepared;
  if (!real) {
    await turn.post(command, planReply(plan, "dry-run"));
    return "planned";
  }
  const now = host.now();
  const run: RunRecord = {
    id: plan.runId,
    scenarioId: scenario.id,
    params: plan.params,
    status: "queued",
    repository: host.repository,
    target: plan.target,
    branch: plan.branch,
    baseBranch: repo.defaultBranch,
    ...(repo.sha ? { baseSha: repo.sha } : {}),
    issueNumber: turn.origin.issueNumber,
    triggeredBy: turn.origin.author,
    createdAt: now,
    updatedAt: now,
  };
  // Recorded holding the engine's lock on its target (the job re-takes it with the same run id): two
  // commands for the same target can't both get through, whatever the timing.
  const lock = await host.store.queueRun(run, lockKey(run));
  if (!lock.acquired) {
    await turn.post(
      command,
      inline(
        "run ",
        code(lock.holder),
        " of ",
        code(scenario.id),
        " is still changing ",
        code(plan.target),
        "; two runs never change the same target at once. Wait for it, or ",
        code(`/scenario cancel ${lock.holder}`),
        ".",
      ),
    );
    return "refused";
  }
  const say = (body: string) => turn.post(command, body);
  // The hand-over leaves first and the reply is rendered while GitHub takes it (rendering is most of
  // a command's own time): the rocket waits on the hand-over, the reply on nothing.
  const [started, posted] = await Promise.allSettled([
    host.start(run, say).then(async (ok) => {
      if (ok) await turn.rocket();
      return ok;
    }),
    setImmediate().then(() => say(startingReply(plan))),
  ]);
  if (posted.status === "rejected") throw posted.reason;
  if (started.status === "rejected") {
    if (!isExpected(started.reason)) throw started.reason;
    await say(presentDialogueError(started.reason));
    return "refused";
  }
  return started.value ? "handed-on" : "refused";
}

type Prepared = { plan: Plan } | { error: unknown };

/**
 * The reply that starts a run. It goes out after the hand-over, so a plan that cannot be rendered (a
 * defect) still gets a reply that says what started, with the error, rather than none.
 */
function startingReply(plan: Plan): string {
  try {
    return planReply(plan, "starting");
  } catch (error) {
    return inline(
      "run ",
      code(plan.runId),
      " of ",
      code(plan.scenario.scenarioId),
      " is starting on branch ",
      code(plan.branch),
      `; its plan could not be shown here (${(error as Error)?.message ?? String(error)}).`,
    );
  }
}

function prepare(turn: Turn, scenarioId: string, params: Record<string, string>): Prepared {
  try {
    return {
      plan: planRun({
        catalog: turn.repo.catalog,
        config: turn.repo.config,
        scenarioId,
        params,
        runId: turn.host.newRunId(),
        now: turn.host.now(),
        ...(turn.host.root ? { root: turn.host.root } : {}),
      }),
    };
  } catch (error) {
    return { error };
  }
}

/** A plan that cannot be made: the parameters with their rules and an example, or the engine's reason. */
export function planErrorReply(error: unknown, scenario: ScenarioDefinition): string {
  if (error instanceof ParameterError) {
    const example = Object.fromEntries(
      scenario.parameters.filter((p) => p.required).map((p) => [p.name, p.example]),
    );
    return render([
      paragraph("the parameters for ", code(scenario.id), " are not valid, so nothing ran:"),
      list(error.problems.map((p) => [code(p.parameter), ` (${p.rule}): ${p.message}`])),
      paragraph(
        "Example: ",
        code(commandFor(scenario.id, example)),
        ". ",
        code(`/scenario help ${scenario.id}`),
        " lists every parameter and its rules.",
      ),
    ]);
  }
  if (isExpected(error))
    return `${inline(code(scenario.id))} can't be planned: ${presentDialogueError(error)}`;
  throw error;
}
