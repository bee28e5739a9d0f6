// `resume`, `rollback` and `cancel` of an existing run, in a new job: the branch pushed by the job
// before, the record from the store (or rebuilt), then the engine continues or undoes it.

import { scenarioCli } from "../../application/repository/scenario-cli.ts";
import { cancelRun, controlRule, resumeRun, rollbackRun } from "../../engine/index.ts";
import { ActionInputError, ActionRefusedError } from "../errors.ts";
import { heldSecrets } from "../git/credentials.ts";
import type { ActionContext, ActionResult } from "./context.ts";
import { authoriseDispatch } from "./dispatch-permission.ts";
import { findLiveJob, type LiveJob } from "./live-job.ts";
import { actionPorts } from "./ports.ts";
import { locateRun, rehydrateRun } from "./rehydrate.ts";
import { stepEnv, triggeredBy, whereIn } from "./run-support.ts";
import { reportRun } from "./summary.ts";

type Control = "resume" | "rollback" | "cancel";

export function controlCommand(kind: Control) {
  return async (ctx: ActionContext): Promise<ActionResult> => {
    const runId = ctx.inputs.runId;
    if (!runId)
      throw new ActionInputError("run-id", `required for command '${kind}'; give the id of the run.`);
    const { catalog, config } = await ctx.repo();
    const opened = await ctx.store();
    let location = await locateRun(ctx, opened.store, runId);
    const scenarioId =
      location.stored?.scenarioId ?? location.branch?.slice(config.branchPrefix.length).split("/")[0] ?? "";
    await authoriseDispatch(ctx, scenarioId, `${kind} a run`);
    const live = await findLiveJob(ctx, opened.store, runId, location);
    if (live) {
      const stopped = await stopLiveJob(ctx, kind, runId, live);
      if (stopped) return stopped;
      // That job has finished meanwhile: it may have moved the run.
      location = await locateRun(ctx, opened.store, runId);
    }
    const where = whereIn(catalog);
    const ports = await actionPorts(ctx, opened.store, runId, where);
    const { branch } = await rehydrateRun(ctx, opened.store, ports.workspace, catalog, runId, location);
    const options = {
      catalog,
      layout: config.layout,
      repository: `${ctx.runner.owner}/${ctx.runner.repo}`,
      env: stepEnv(ctx.env),
      secrets: [ctx.inputs.token, ...heldSecrets()],
      integrations: config.integrations,
      envAllow: config.env,
      cliPath: await scenarioCli(ctx.env),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      ...(branch ? { branch } : {}),
    };
    const by = triggeredBy(ctx);
    const reason = `${kind === "cancel" ? "cancelled" : "rolled back"}${by ? ` by @${by}` : ""}`;
    // What each may start from, and what it does from there, is the engine's one table (run/control.ts).
    const before = await opened.store.getRun(runId);
    const rule = before ? controlRule(kind, before.status) : undefined;
    const run = await (kind === "resume"
      ? resumeRun(runId, ports, options)
      : kind === "rollback"
        ? rollbackRun(runId, ports, { ...options, reason })
        : cancelRun(runId, ports, { ...options, reason }));
    const steps = await opened.store.listSteps(run.id);
    const note =
      [
        rule?.allowed && rule.effect === "nothing"
          ? `Nothing was done: ${rule.does.replace(/^nothing: /, "")}.`
          : undefined,
        ...ports.notes,
      ]
        .filter(Boolean)
        .join("\n\n") || undefined;
    return await reportRun(ctx, run, steps, where, `Scenario \`${run.scenarioId}\`: ${kind}`, {
      undo: kind !== "resume",
      ...(note ? { note } : {}),
    });
  };
}

/** How long a resume or rollback waits for a job still driving its run. */
const LIVE_JOB_WAIT_MS = 120_000;

/**
 * Another job drives the run: a cancel asks GitHub to cancel that job's workflow run (its runner sends
 * SIGINT; the job stops the step in flight, rolls back and records `cancelled`), so two jobs never move
 * one branch at once. Resume and rollback wait for it to finish, then go on; they are refused when it
 * is still running after the wait. Undefined when this job may go on.
 */
async function stopLiveJob(
  ctx: ActionContext,
  kind: Control,
  runId: string,
  live: LiveJob,
): Promise<ActionResult | undefined> {
  const job = `workflow run ${live.workflowRunId} (${live.url})`;
  const runs = ctx.github.workflowRuns;
  if (kind !== "cancel") {
    // A job that has just asked for a manual step is still reporting it: wait that out.
    const timeoutMs = ctx.liveJobWaitMs ?? LIVE_JOB_WAIT_MS;
    ctx.io.info(
      `run ${runId} is being driven by ${job}; waiting up to ${Math.round(timeoutMs / 1000)} s for it to finish`,
    );
    const pollMs = Math.min(5000, Math.max(20, timeoutMs / 20));
    const finished = await runs.finished(live.workflowRunId, {
      timeoutMs,
      pollMs,
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    });
    if (finished) return undefined;
    throw new ActionRefusedError(
      `run ${runId} is being driven by ${job} right now; ${kind} it once that job has finished, or stop it with /scenario cancel ${runId}.`,
    );
  }
  if (!(await runs.cancel(live.workflowRunId))) return undefined;
  ctx.io.info(`run ${runId} is being driven by ${job}: GitHub was asked to cancel it`);
  await ctx.io.appendSummary(
    `## Scenario run \`${runId}\`: cancel\n\nThe run was being driven by [workflow run ${live.workflowRunId}](${live.url}). ` +
      "GitHub was asked to cancel it: that job stops the step in flight, rolls the run back and records it `cancelled`.\n",
  );
  return { status: "running", runId };
}

/** What `.github/scenarios.yml` says about runs: the integrations, and the variables steps may read. */
