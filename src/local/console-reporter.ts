// Progress on the terminal: on a TTY one redrawn line per step (n/N, name, elapsed); otherwise plain
// lines, so CI logs stay readable. Colour only on a terminal and without NO_COLOR. A failed step shows
// the lines of its output that explain it. Ends with a summary: steps, durations, commits, branch,
// what is manual.
import { styleText } from "node:util";
import { stepNumber, stepProgress } from "../engine/plan/step-number.ts";
import type { Reporter, RunRecord, StepEvent, StepRecord } from "../engine/ports.ts";
import type { RunDriving } from "../engine/run/claim.ts";
import { explainingLines } from "../engine/run/explain.ts";
import type { RunHint } from "../errors/index.ts";
import { plainHint } from "./plain-hint.ts";
import { runStanding } from "./run-standing.ts";

export interface ConsoleReporterOptions {
  write: (text: string) => void;
  isTTY: boolean;
  /** Colour the marks (default: on a TTY). Pass `colorEnabled(io)` to honour NO_COLOR. */
  color?: boolean;
  /** Milliseconds between redraws on a TTY. */
  tickMs?: number;
  /** How a next step is worded (default: a bare `scenario <action> <run>`). */
  hint?: (hint: RunHint) => string;
}

type Style = Parameters<typeof styleText>[0];

const MARK: Record<string, [string, Style]> = {
  succeeded: ["ok", "green"],
  failed: ["FAILED", ["red", "bold"]],
  skipped: ["skipped", "dim"],
  waiting: ["waiting", "yellow"],
  running: ["...", "dim"],
  pending: ["pending", "dim"],
};

const STATUS_STYLE: Record<string, Style> = {
  succeeded: "green",
  waiting: "yellow",
  failed: ["red", "bold"],
  rolled_back: "red",
  cancelled: "yellow",
};

/** Colour on a terminal, unless NO_COLOR (any value) or TERM=dumb says otherwise. */
export function colorEnabled(io: { isTTY: boolean; env: NodeJS.ProcessEnv }): boolean {
  return io.isTTY && !io.env.NO_COLOR && io.env.TERM !== "dumb";
}

/** Text in a style when `color`, else as is. */
export function painter(color: boolean): (style: Style, text: string) => string {
  return color ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}

export class ConsoleReporter implements Reporter {
  private readonly write: (text: string) => void;
  private readonly isTTY: boolean;
  private readonly color: boolean;
  private readonly tickMs: number;
  private readonly hint: (hint: RunHint) => string;
  private timer: NodeJS.Timeout | undefined;
  private started = new Map<number, number>();

  constructor(options: ConsoleReporterOptions) {
    this.write = options.write;
    this.isTTY = options.isTTY;
    this.color = options.color ?? options.isTTY;
    this.tickMs = options.tickMs ?? 200;
    this.hint = options.hint ?? plainHint;
  }

  runStarted(run: RunRecord, plan: { total: number }): void {
    this.write(
      `Run ${run.id}: ${run.scenarioId} on ${run.branch} (${plan.total} step${plan.total === 1 ? "" : "s"})\n`,
    );
  }

  stepStarted(event: StepEvent): void {
    const startedAt = Date.now();
    this.started.set(event.step.index, startedAt);
    const label = `[${progress(event)}] ${event.step.name}`;
    if (!this.isTTY) {
      this.write(`${label} ...\n`);
      return;
    }
    this.stopTimer();
    const draw = () => this.write(`\r\x1b[2K${label} ${seconds(Date.now() - startedAt)}`);
    draw();
    this.timer = setInterval(draw, this.tickMs);
    this.timer.unref();
  }

  stepFinished(event: StepEvent): void {
    this.stopTimer();
    const { step } = event;
    const startedAt = this.started.get(step.index);
    const took = startedAt === undefined ? "" : ` ${seconds(Date.now() - startedAt)}`;
    const commit = step.commitSha ? ` ${step.commitSha.slice(0, 8)}` : "";
    const why = step.error ? `: ${step.error}` : "";
    const prefix = this.isTTY ? "\r\x1b[2K" : "";
    const [mark, style] = MARK[step.status] ?? [step.status, "reset"];
    this.write(
      `${prefix}[${progress(event)}] ${step.name} ${this.paint(style, mark)}${took}${commit}${why}\n`,
    );
    if (step.status === "failed" && step.outputTail) {
      const lines = explainingLines(step.error ?? "", step.outputTail);
      if (lines.length) this.write(`${lines.map((l) => `    | ${l}`).join("\n")}\n`);
      const logs = this.hint({
        do: "run",
        action: "logs",
        runId: step.runId,
        step: stepNumber(step, event.run.scenarioId),
      });
      this.write(`    full output: ${logs}\n`);
    }
  }

  runFinished(run: RunRecord, steps: StepRecord[]): void {
    this.stopTimer();
    this.write(`${formatSummary(run, steps, { hint: this.hint, paint: (s, t) => this.paint(s, t) })}\n`);
  }

  log(message: string): void {
    this.write(`${this.isTTY ? "\r\x1b[2K" : ""}  ${message}\n`);
  }

  private paint(style: Style, text: string): string {
    return painter(this.color)(style, text);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

function progress(event: StepEvent): string {
  return stepProgress(event.step, event.of, event.run.scenarioId);
}

export interface SummaryOptions {
  hint?: (hint: RunHint) => string;
  paint?: (style: Style, text: string) => string;
  /** Who drives a running run (status reads its claim); without it, the summary cannot tell. */
  driving?: RunDriving;
}

/** The closing summary; also what `scenario status <run>` prints. */
export function formatSummary(run: RunRecord, steps: StepRecord[], options: SummaryOptions = {}): string {
  const hint = options.hint ?? plainHint;
  const paint = options.paint ?? ((_: Style, text: string) => text);
  const lines = [
    `Run ${run.id} ${paint(STATUS_STYLE[run.status] ?? "reset", run.status)}: ${run.scenarioId} (target ${run.target})`,
  ];
  for (const step of steps) {
    const took =
      step.startedAt && step.finishedAt
        ? ` ${seconds(step.finishedAt.getTime() - step.startedAt.getTime())}`
        : "";
    const commit = step.commitSha ? ` commit ${step.commitSha.slice(0, 8)}` : "";
    const why = step.error ? ` - ${step.error}` : "";
    lines.push(`  ${stepNumber(step, run.scenarioId)}. ${step.name}: ${step.status}${took}${commit}${why}`);
  }
  lines.push(
    `  branch: ${run.branch} (from ${run.baseBranch}${run.baseSha ? ` @ ${run.baseSha.slice(0, 8)}` : ""})`,
  );
  if (run.error) lines.push(`  reason: ${run.error}`);
  const standing = runStanding(run, options.driving);
  if (standing) lines.push(`  ${standing.text}${standing.hint ? `: \`${hint(standing.hint)}\`` : ""}`);
  // Only a waiting run waits on people: a rolled-back run's manual step is over with it.
  const waiting = run.status === "waiting" ? steps.filter((s) => s.status === "waiting") : [];
  const first = waiting[0];
  if (first) {
    const number = stepNumber(first, run.scenarioId);
    lines.push(
      `  waiting on manual step ${waiting.map((s) => `${stepNumber(s, run.scenarioId)} (${s.name})`).join(", ")}: ` +
        `tick its boxes in .scenario/tasks/${run.id}.md or run \`${hint({ do: "run", action: "tick", runId: run.id, step: number })}\`, ` +
        `then \`${hint({ do: "run", action: "resume", runId: run.id })}\``,
    );
  }
  const manual = steps.filter((s) => s.kind === "manual" && s.status === "succeeded");
  if (run.status === "succeeded" && manual.length) {
    lines.push(`  done by people: ${manual.map((s) => s.name).join(", ")}`);
  }
  return lines.join("\n");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
