// Progress lines in the job log, in front of another reporter (the check runs).
import type { Reporter, RunRecord, StepEvent, StepRecord } from "../../engine/ports.ts";

export class RunnerLogReporter implements Reporter {
  readonly #inner: Reporter;
  readonly #info: (message: string) => void;

  constructor(options: { inner: Reporter; info: (message: string) => void }) {
    this.#inner = options.inner;
    this.#info = options.info;
  }

  async runStarted(run: RunRecord, plan: { total: number }): Promise<void> {
    this.#info(`scenario ${run.scenarioId}: run ${run.id} on ${run.branch}, ${plan.total} steps`);
    await this.#inner.runStarted(run, plan);
  }

  async stepStarted(event: StepEvent): Promise<void> {
    this.#info(`[${event.step.index + 1}/${event.total}] ${event.step.name} (${event.step.kind})`);
    await this.#inner.stepStarted(event);
  }

  async stepFinished(event: StepEvent): Promise<void> {
    const { step } = event;
    this.#info(
      `[${step.index + 1}/${event.total}] ${step.name}: ${step.status}${step.commitSha ? ` ${step.commitSha.slice(0, 7)}` : ""}${step.error ? ` (${step.error})` : ""}`,
    );
    await this.#inner.stepFinished(event);
  }

  async stepRecovered(event: StepEvent): Promise<void> {
    await this.#inner.stepRecovered?.(event);
  }

  async runFinished(run: RunRecord, steps: StepRecord[]): Promise<void> {
    this.#info(`run ${run.id}: ${run.status}${run.error ? ` (${run.error})` : ""}`);
    await this.#inner.runFinished(run, steps);
  }

  log(message: string): void {
    this.#info(message);
    this.#inner.log(message);
  }
}
