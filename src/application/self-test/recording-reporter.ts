// The reporter of `scenario test`: step progress goes on to the front door's reporter; the checks
// and the rollback are kept for the test's report. The run's own closing summary is left out: the
// run lives in a throwaway copy, so its "resume" or "logs" hints would point at nothing.
import type { ConditionEvent, Reporter, RollbackEvent, RunRecord, StepEvent } from "../../engine/ports.ts";

export class RecordingReporter implements Reporter {
  readonly conditions: ConditionEvent[] = [];
  rollback: RollbackEvent | undefined;

  readonly #progress: Reporter;
  #started = false;

  constructor(progress: Reporter) {
    this.#progress = progress;
  }

  /** Said once: a resume after a manual step starts the same run again. */
  runStarted(run: RunRecord, plan: { total: number }): Promise<void> | void {
    if (this.#started) return;
    this.#started = true;
    return this.#progress.runStarted(run, plan);
  }

  stepStarted(event: StepEvent): Promise<void> | void {
    return this.#progress.stepStarted(event);
  }

  stepFinished(event: StepEvent): Promise<void> | void {
    return this.#progress.stepFinished(event);
  }

  runFinished(): void {}

  conditionChecked(event: ConditionEvent): void {
    this.conditions.push(event);
    this.#progress.conditionChecked?.(event);
  }

  rolledBack(event: RollbackEvent): Promise<void> | void {
    this.rollback = event;
    return this.#progress.rolledBack?.(event);
  }

  log(message: string): void {
    this.#progress.log(message);
  }
}
