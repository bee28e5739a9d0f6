// Progress on the terminal: on a TTY one redrawn line per step (n/N, name, elapsed); otherwise plain
// lines, so CI logs stay readable. Ends with a summary: steps, durations, commits, branch, what is manual.
import type { Reporter, RunRecord, StepEvent, StepRecord } from "../engine/ports.ts";

export interface ConsoleReporterOptions {
  write: (text: string) => void;
  isTTY: boolean;
  /** Milliseconds between redraws on a TTY. */
  tickMs?: number;
}

const MARK: Record<string, string> = {
  succeeded: "ok",
  failed: "FAILED",
  skipped: "skipped",
  waiting: "waiting",
  running: "...",
  pending: "pending",
};

export class ConsoleReporter implements Reporter {
  private readonly write: (text: string) => void;
  private readonly isTTY: boolean;
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | undefined;
  private started = new Map<number, number>();

  constructor(options: ConsoleReporterOptions) {
    this.write = options.write;
    this.isTTY = options.isTTY;
    this.tickMs = options.tickMs ?? 200;
  }

  runStarted(run: RunRecord, plan: { total: number }): void {
    this.write(`Run ${run.id}: ${run.scenarioId} on ${run.branch} (${plan.total} steps)\n`);
  }

  stepStarted(event: StepEvent): void {
    const startedAt = Date.now();
    this.started.set(event.step.index, startedAt);
    const label = `[${event.step.index + 1}/${event.total}] ${event.step.name}`;
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
    this.write(
      `${prefix}[${step.index + 1}/${event.total}] ${step.name} ${MARK[step.status] ?? step.status}${took}${commit}${why}\n`,
    );
  }

  runFinished(run: RunRecord, steps: StepRecord[]): void {
    this.stopTimer();
    this.write(`${formatSummary(run, steps)}\n`);
  }

  log(message: string): void {
    this.write(`${this.isTTY ? "\r\x1b[2K" : ""}  ${message}\n`);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** The closing summary; also what `scenario status <run>` prints. */
export function formatSummary(run: RunRecord, steps: StepRecord[]): string {
  const lines = [`Run ${run.id} ${run.status}: ${run.scenarioId} (target ${run.target})`];
  for (const step of steps) {
    const took =
      step.startedAt && step.finishedAt
        ? ` ${seconds(step.finishedAt.getTime() - step.startedAt.getTime())}`
        : "";
    const commit = step.commitSha ? ` commit ${step.commitSha.slice(0, 8)}` : "";
    const owner = step.scenarioId === run.scenarioId ? "" : ` (${step.scenarioId})`;
    const why = step.error ? ` - ${step.error}` : "";
    lines.push(`  ${step.index + 1}. ${step.name}${owner}: ${step.status}${took}${commit}${why}`);
  }
  lines.push(
    `  branch: ${run.branch} (from ${run.baseBranch}${run.baseSha ? ` @ ${run.baseSha.slice(0, 8)}` : ""})`,
  );
  if (run.error) lines.push(`  reason: ${run.error}`);
  const waiting = steps.filter((s) => s.status === "waiting");
  if (waiting.length) {
    lines.push(
      `  waiting on manual step ${waiting.map((s) => `${s.index + 1} (${s.name})`).join(", ")}: tick its boxes in .scenario/tasks/${run.id}.md or run \`scenario tick ${run.id} ${waiting[0]?.index === undefined ? "<step>" : waiting[0].index + 1}\`, then \`scenario resume ${run.id}\``,
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
