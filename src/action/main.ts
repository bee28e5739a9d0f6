// The action: read the inputs and the runner's context, do one command, set the outputs. Never
// throws: a user error fails the step with a message that says how to fix it; a bug fails it with
// its message and logs the stack.

import type { ActionResult } from "./commands/context.ts";
import { holdGitCredentials } from "./git/credentials.ts";
import { readInputs } from "./inputs.ts";
import { presentActionError } from "./present-error.ts";
import { readRunnerContext } from "./runner-context.ts";
import { actionsCoreIo, type RunnerIo } from "./runner-io.ts";

export interface ActionOptions {
  env?: NodeJS.ProcessEnv;
  io?: RunnerIo;
  fetch?: typeof fetch;
  /** Octokit retries after 5xx / rate limits (default 3). */
  retries?: number;
  now?: () => Date;
  /** Cancels the command. Default: the runner's SIGINT/SIGTERM (a cancelled workflow run), so the run rolls back. */
  signal?: AbortSignal;
  /** How long a resume or rollback waits for another job still driving the run (default 2 min). */
  liveJobWaitMs?: number;
}

export async function run(options: ActionOptions = {}): Promise<ActionResult | undefined> {
  const io = options.io ?? actionsCoreIo();
  const env = options.env ?? process.env;
  const cancel = options.signal ? undefined : cancelOnSignals(io);
  try {
    const inputs = readInputs(io);
    const runner = await readRunnerContext(env);
    io.info(
      `scenario-bot: ${inputs.command || `${runner.eventName} event`} in ${runner.owner}/${runner.repo}`,
    );
    // Loaded on demand: the first log line does not wait for Octokit, the engine, the store and the parser.
    const { execute } = await import("./commands/index.ts");
    const signal = options.signal ?? cancel?.signal;
    // Steps must not read the push token actions/checkout left in git config: held until the command ends.
    const credentials = await holdGitCredentials(runner.workspace);
    let result: ActionResult;
    try {
      result = await execute({ inputs, runner, io, env, ...options, ...(signal ? { signal } : {}) });
    } finally {
      await credentials.restore();
    }
    io.setOutput("status", result.status);
    if (result.runId) io.setOutput("run-id", result.runId);
    if (result.branch) io.setOutput("branch", result.branch);
    if (result.pullRequest) io.setOutput("pull-request", String(result.pullRequest));
    if (result.failure) io.setFailed(result.failure);
    return result;
  } catch (error) {
    const presented = presentActionError(error);
    io.setFailed(presented.message);
    if (presented.unexpected && error instanceof Error && error.stack) io.info(error.stack);
    return undefined;
  } finally {
    cancel?.dispose();
  }
}

/** A cancelled job gets SIGINT, then SIGTERM: either aborts the command (the engine stops the step and rolls back). */
function cancelOnSignals(io: RunnerIo): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    io.info(`received ${name}: cancelling`);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
