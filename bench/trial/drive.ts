// One scenario run to its end through the CLI, as a person would: `run`, then while it waits on a
// manual step, `tick` each open step and `resume`. The outcome is read back with `status --json`,
// the reason of a failure with `logs <run> <step>`.
import { explainingLines } from "../../src/engine/run/explain.ts";
import { type CliResult, scenarioCli } from "./cli.ts";

export type Outcome = "succeeded" | "failed" | "refused";

export interface Driven {
  outcome: Outcome;
  runId: string | undefined;
  /** The run's final status as the store has it (e.g. rolled_back), or undefined when none started. */
  status: string | undefined;
  branch: string | undefined;
  /** Manual steps ticked on the way. */
  ticked: string[];
  /** Why it did not succeed: the failing step or check, then the lines of its output that explain it. */
  reason: string[];
}

interface StepJson {
  step: string;
  name: string;
  kind: string;
  status: string;
  error: string | null;
}

interface RunJson {
  id: string;
  status: string;
  branch: string;
  error: string | null;
  steps: StepJson[];
  openTasks: { step: string }[];
}

const MAX_ROUNDS = 10;
export const REASON_LINES = 4;

export interface DriveOptions {
  repo: string;
  scenarios: string;
  timeoutMs: number;
}

export async function driveScenario(
  id: string,
  params: Record<string, string>,
  options: DriveOptions,
): Promise<Driven> {
  const session = ["--repo", options.repo, "--scenarios", options.scenarios];
  const cli = (args: string[]) =>
    scenarioCli([...args, ...session], { cwd: options.repo, timeoutMs: options.timeoutMs });
  const values = Object.entries(params).map(([k, v]) => `${k}=${v}`);
  const started = await cli(["run", id, ...values]);
  const runId = /^Run (\S+): /m.exec(started.stdout)?.[1];
  if (runId === undefined)
    return {
      outcome: "refused",
      runId,
      status: undefined,
      branch: undefined,
      ticked: [],
      reason: said(started),
    };

  const ticked: string[] = [];
  let last: CliResult = started;
  let run = await status(cli, runId);
  for (let round = 0; run.status === "waiting" && !last.timedOut && round < MAX_ROUNDS; round++) {
    for (const step of new Set(run.openTasks.map((t) => t.step))) {
      const tick = await cli(["tick", runId, step]);
      if (tick.code !== 0) return ended(run, ticked, ["tick failed:", ...said(tick)]);
      ticked.push(step);
    }
    last = await cli(["resume", runId]);
    run = await status(cli, runId);
  }
  if (run.status === "succeeded") return ended(run, ticked, []);
  const reason = last.timedOut
    ? [`stopped after the limit of ${options.timeoutMs / 1000}s (--timeout)`, ...(await why(cli, run))]
    : await why(cli, run);
  return ended(run, ticked, reason);
}

type Cli = (args: string[]) => Promise<CliResult>;

async function status(cli: Cli, runId: string): Promise<RunJson> {
  const result = await cli(["status", runId, "--json"]);
  if (result.code !== 0) throw new Error(`scenario status ${runId} failed: ${said(result).join(" ")}`);
  return JSON.parse(result.stdout) as RunJson;
}

function ended(run: RunJson, ticked: string[], reason: string[]): Driven {
  const outcome = outcomeOf(
    run.status,
    run.steps.map((s) => s.status),
  );
  return { outcome, runId: run.id, status: run.status, branch: run.branch, ticked, reason };
}

/** Refused: the run ended before any step did anything (a pre-condition, a lock, a dependency's check). */
export function outcomeOf(status: string, stepStatuses: readonly string[]): Outcome {
  const acted = stepStatuses.some((s) => ["succeeded", "failed", "waiting", "running"].includes(s));
  return status === "succeeded" ? "succeeded" : acted ? "failed" : "refused";
}

async function why(cli: Cli, run: RunJson): Promise<string[]> {
  const failed = run.steps.find((s) => s.status === "failed");
  if (!failed) return [run.error ?? `the run ended ${run.status}`];
  const head = `step ${failed.step} "${failed.name}" (${failed.kind}): ${failed.error ?? "failed"}`;
  const logs = await cli(["logs", run.id, failed.step]);
  const tail = logs.stdout.split(/^== step .*==$/m)[1] ?? "";
  const output = tail.replace(/^\s*error: .*\n/, "");
  const lines = withoutStack(explainingLines(failed.error ?? "", output)).filter(
    (l) => !head.includes(l.trim()),
  );
  return [head, ...lines.slice(0, REASON_LINES)];
}

/** A Node exception's frames, its caret and the source line above the caret say nothing a reader needs. */
export function withoutStack(lines: string[]): string[] {
  return lines.filter(
    (line, i) => !/^\s+at\s|^\s*\^+\s*$/.test(line) && !/^\s*\^+\s*$/.test(lines[i + 1] ?? ""),
  );
}

/** The first lines a refusing CLI printed: stderr first, where it explains. */
function said(result: CliResult): string[] {
  const text = `${result.stderr}\n${result.stdout}`;
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() !== "")
    .slice(0, REASON_LINES + 1);
}
