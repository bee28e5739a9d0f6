// Doing what a step says: shell blocks run through runShell, file blocks are written (paths checked
// again on disk, since an earlier step may have made a symlink).
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RunCancelledError, StepFailedError } from "../errors.ts";
import { resolveInside } from "../plan/paths.ts";
import type { PlannedAction, PlannedShell } from "../plan/plan.ts";
import { DEFAULT_TIMEOUT_MS, type RunContext } from "./context.ts";
import { redact, tail } from "./env.ts";
import { failureHeadline } from "./explain.ts";
import { runShell, type ShellResult } from "./shell.ts";

export interface ShellOutcome {
  ok: boolean;
  result: ShellResult;
  /** Redacted output. */
  output: string;
  /** Redacted stderr alone. */
  stderr: string;
}

/** Runs one shell block in the workspace; never throws for a failing script. */
export async function shellOutcome(ctx: RunContext, action: PlannedShell): Promise<ShellOutcome> {
  if (ctx.options.signal?.aborted) throw new RunCancelledError();
  const root = ctx.ports.workspace.root;
  const cwd = resolveInside(root, action.cwd, {
    scenarioId: ctx.plan.scenario.scenarioId,
    where: action.where,
  });
  mkdirSync(cwd, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...ctx.env.base,
    ...action.env,
    SCENARIO_RUN_ID: ctx.run.id,
    SCENARIO_WORKSPACE: root,
    ...(ctx.options.cliPath ? { SCENARIO_CLI: ctx.options.cliPath } : {}),
  };
  const result = await runShell({
    script: action.script,
    cwd,
    env,
    timeoutMs: action.timeoutMs ?? ctx.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(ctx.options.signal ? { signal: ctx.options.signal } : {}),
  });
  return {
    ok: result.exitCode === 0,
    result,
    output: redact(result.output, ctx.env.secrets),
    stderr: redact(result.stderr, ctx.env.secrets),
  };
}

/** Runs a step's actions in order; the first failure throws StepFailedError with the output tail. */
export async function runActions(
  ctx: RunContext,
  stepIndex: number,
  actions: PlannedAction[],
): Promise<string> {
  let output = "";
  for (const action of actions) {
    if (action.type === "file") {
      writeFile(ctx, action.path, action.content, action.append, action.where);
      output += `wrote ${action.path}\n`;
      continue;
    }
    const outcome = await shellOutcome(ctx, action);
    output += outcome.output;
    if (outcome.result.cancelled) throw new RunCancelledError(`cancelled during ${action.where}`);
    if (!outcome.ok) {
      const why = outcome.result.timedOut
        ? `timed out after ${Math.round((action.timeoutMs ?? ctx.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)}s`
        : outcome.result.signal
          ? `was killed by ${outcome.result.signal}`
          : `exited with status ${outcome.result.exitCode}`;
      // The line that names the reason (stderr first) goes into the run's error.
      const headline = failureHeadline(outcome.stderr, outcome.output);
      throw new StepFailedError(
        stepIndex,
        `${action.where}: the shell block ${why}${headline ? `: ${headline}` : ""}`,
        tail(output),
      );
    }
  }
  return tail(output);
}

function writeFile(ctx: RunContext, relative: string, content: string, append: boolean, where: string): void {
  const target = resolveInside(ctx.ports.workspace.root, relative, {
    scenarioId: ctx.plan.scenario.scenarioId,
    where,
  });
  mkdirSync(path.dirname(target), { recursive: true });
  if (append) appendFileSync(target, content);
  else writeFileSync(target, content);
}
