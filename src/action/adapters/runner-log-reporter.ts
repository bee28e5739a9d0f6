// Progress lines in the job log, in front of another reporter (the check runs): the log reads like the
// run, one collapsible group per step holding the step's output and its verdict.
import type { Reporter, RunRecord, StepEvent, StepRecord } from "../../engine/ports.ts";

export interface LogGroups {
  start(name: string): void;
  end(): void;
}

export class RunnerLogReporter implements Reporter {
  readonly #inner: Reporter;
  readonly #info: (message: string) => void;
  readonly #group: LogGroups | undefined;
  #open = false;

  constructor(options: { inner: Reporter; info: (message: string) => void; group?: LogGroups }) {
    this.#inner = options.inner;
    this.#info = options.info;
    this.#group = options.group;
  }

  async runStarted(run: RunRecord, plan: { total: number }): Promise<void> {
    this.#info(`scenario ${run.scenarioId}: run ${run.id} on ${run.branch}, ${plan.total} steps`);
    await this.#inner.runStarted(run, plan);
  }

  async stepStarted(event: StepEvent): Promise<void> {
    const title = `[${event.step.index + 1}/${event.total}] ${event.step.name} (${event.step.kind})`;
    this.#endGroup();
    if (this.#group) {
      this.#group.start(title);
      this.#open = true;
    } else {
      this.#info(title);
    }
    await this.#inner.stepStarted(event);
  }

  async stepFinished(event: StepEvent): Promise<void> {
    const { step } = event;
    if (this.#open && step.outputTail) this.#info(step.outputTail);
    this.#info(
      `[${step.index + 1}/${event.total}] ${step.name}: ${step.status}${step.commitSha ? ` ${step.commitSha.slice(0, 7)}` : ""}${step.error ? ` (${step.error})` : ""}`,
    );
    this.#endGroup();
    await this.#inner.stepFinished(event);
  }

  #endGroup(): void {
    if (!this.#open) return;
    this.#group?.end();
    this.#open = false;
  }

  async stepRecovered(event: StepEvent): Promise<void> {
    await this.#inner.stepRecovered?.(event);
  }

  async runFinished(run: RunRecord, steps: StepRecord[]): Promise<void> {
    this.#endGroup();
    this.#info(`run ${run.id}: ${run.status}${run.error ? ` (${run.error})` : ""}`);
    await this.#inner.runFinished(run, steps);
  }

  log(message: string): void {
    this.#info(message);
    this.#inner.log(message);
  }
}
