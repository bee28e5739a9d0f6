// Running what a document says, in the run's workspace: shell blocks through runShell (the step
// environment, the run's variables, its time limit and cancel signal), file blocks written (paths
// checked again on disk, since an earlier step may have made a symlink). The one owner of the step
// environment and of the signal.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { RunCancelledError, StepFailedError } from "../errors.ts";
import { resolveInside } from "../plan/paths.ts";
import type { PlannedAction, PlannedShell } from "../plan/plan.ts";
import { redact, type StepEnvironment, stepEnvironment, tail } from "./env.ts";
import { failureHeadline } from "./explain.ts";
import { DEFAULT_TIMEOUT_MS, type RunOptions } from "./options.ts";
import { runShell, type ShellResult } from "./shell.ts";

export interface ShellOutcome {
  ok: boolean;
  result: ShellResult;
  /** Redacted output. */
  output: string;
  /** Redacted stderr alone. */
  stderr: string;
}

export interface BlockRunnerOptions {
  /** The workspace's root: blocks run there (or in their `cwd=` inside it). */
  root: string;
  runId: string;
  /** The run's own scenario, named in path errors. */
  scenarioId: string;
  options: RunOptions;
  /** Variables the plan's documents let their steps read (`Env`), beside `options.envAllow`. */
  documentEnv?: readonly string[];
}

export class BlockRunner {
  readonly #o: BlockRunnerOptions;
  readonly #env: StepEnvironment;

  constructor(o: BlockRunnerOptions, env?: StepEnvironment) {
    this.#o = o;
    this.#env =
      env ??
      stepEnvironment(o.options.env ?? process.env, o.options.secrets, [
        ...(o.options.envAllow ?? []),
        ...(o.documentEnv ?? []),
      ]);
  }

  /** The same runner without the cancel signal: a cancelled run's rollback steps must still run. */
  withoutSignal(): BlockRunner {
    const { signal: _signal, ...options } = this.#o.options;
    return new BlockRunner({ ...this.#o, options }, this.#env);
  }

  /** Runs one shell block; never throws for a failing script. */
  async shell(action: PlannedShell): Promise<ShellOutcome> {
    const { root, runId, scenarioId, options } = this.#o;
    if (options.signal?.aborted) throw new RunCancelledError();
    const cwd = resolveInside(root, action.cwd, { scenarioId, where: action.where });
    mkdirSync(cwd, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...this.#env.base,
      ...action.env,
      SCENARIO_RUN_ID: runId,
      SCENARIO_WORKSPACE: root,
      ...(options.cliPath ? { SCENARIO_CLI: options.cliPath } : {}),
    };
    const result = await runShell({
      script: action.script,
      cwd,
      env,
      timeoutMs: this.#timeoutOf(action),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return {
      ok: result.exitCode === 0,
      result,
      output: redact(result.output, this.#env.secrets),
      stderr: redact(result.stderr, this.#env.secrets),
    };
  }

  /** Runs a step's actions in order; the first failure throws StepFailedError with the output tail. */
  async actions(stepIndex: number, actions: PlannedAction[]): Promise<string> {
    let output = "";
    for (const action of actions) {
      if (action.type === "file") {
        this.#write(action.path, action.content, action.append, action.where);
        output += `wrote ${action.path}\n`;
        continue;
      }
      const outcome = await this.shell(action);
      output += outcome.output;
      if (outcome.result.cancelled) throw new RunCancelledError(`cancelled during ${action.where}`);
      if (!outcome.ok) {
        const why = outcome.result.timedOut
          ? `timed out after ${Math.round(this.#timeoutOf(action) / 1000)}s`
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

  #timeoutOf(action: PlannedShell): number {
    return action.timeoutMs ?? this.#o.options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  #write(relative: string, content: string, append: boolean, where: string): void {
    const target = resolveInside(this.#o.root, relative, { scenarioId: this.#o.scenarioId, where });
    mkdirSync(path.dirname(target), { recursive: true });
    if (append) appendFileSync(target, content);
    else writeFileSync(target, content);
  }
}
