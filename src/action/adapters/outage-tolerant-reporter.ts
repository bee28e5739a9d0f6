// Check runs and the PR body report the run; the branch and the store are the run. Once steps have
// started, a GitHub outage (5xx, a dropped connection) while reporting is logged as a warning and the
// run goes on, instead of rolling back work that succeeded. Before that (the run's first check run) a
// failure stops the run while stopping costs nothing. A 4xx (no `checks: write`, a bad token) always
// stops it: it will not heal, and the person must fix the workflow.
import type { Reporter, RunRecord, StepEvent, StepRecord } from "../../engine/ports.ts";

export function isOutage(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  if (typeof status === "number") return status >= 500;
  const code =
    (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  return typeof code === "string" && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|UND_ERR_)/.test(code);
}

export class OutageTolerantReporter implements Reporter {
  readonly #inner: Reporter;
  readonly #warn: (message: string) => void;

  constructor(options: { inner: Reporter; warn: (message: string) => void }) {
    this.#inner = options.inner;
    this.#warn = options.warn;
  }

  async runStarted(run: RunRecord, plan: { total: number }): Promise<void> {
    await this.#inner.runStarted(run, plan);
  }

  stepStarted(event: StepEvent): Promise<void> {
    return this.#tolerate(`step ${event.step.index + 1}'s check run`, () => this.#inner.stepStarted(event));
  }

  stepFinished(event: StepEvent): Promise<void> {
    return this.#tolerate(`step ${event.step.index + 1}'s verdict`, () => this.#inner.stepFinished(event));
  }

  stepRecovered(event: StepEvent): Promise<void> {
    return this.#tolerate(`step ${event.step.index + 1}'s owed check run`, () =>
      this.#inner.stepRecovered?.(event),
    );
  }

  runFinished(run: RunRecord, steps: StepRecord[]): Promise<void> {
    return this.#tolerate("the run's verdict", () => this.#inner.runFinished(run, steps));
  }

  log(message: string): void {
    this.#inner.log(message);
  }

  async #tolerate(what: string, report: () => Promise<void> | void): Promise<void> {
    try {
      await report();
    } catch (error) {
      if (!isOutage(error)) throw error;
      this.#warn(
        `GitHub failed while reporting ${what} (${(error as Error).message}); the run goes on and the next report catches up.`,
      );
    }
  }
}
