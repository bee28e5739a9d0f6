// The task sink of `scenario test`: nobody is there to tick a checklist, so every manual step counts
// as done once it is published, and the test says which steps it treated so.
import { stepNumber } from "../../engine/plan/step-number.ts";
import type { RunRecord, RunStore, StepRecord, TaskSink } from "../../engine/ports.ts";

export interface TickedStep {
  /** The step's number as the run shows it (e.g. `3`, or `create-shared-service 2` for a dependency's). */
  step: string;
  name: string;
  items: string[];
}

export class TickedTasks implements TaskSink {
  readonly ticked: TickedStep[] = [];
  /** What a real run would leave to people after it succeeds (the plan's dev task). */
  leftManual: string[] = [];

  readonly #store: Pick<RunStore, "saveTasks">;

  constructor(store: Pick<RunStore, "saveTasks">) {
    this.#store = store;
  }

  async publish(run: RunRecord, step: StepRecord, items: string[]): Promise<void> {
    // The store keeps them ticked, as `scenario tick` would have.
    await this.#store.saveTasks(
      items.map((text, item) => ({
        runId: run.id,
        stepIndex: step.index,
        item,
        text,
        done: true,
        doneBy: "scenario test",
      })),
    );
    this.ticked.push({ step: stepNumber(step, run.scenarioId), name: step.name, items });
  }

  async isDone(): Promise<boolean> {
    return true;
  }

  /** Kept for the report, not written anywhere: the copy the run lives in is thrown away. */
  async devTask(_run: RunRecord, items: string[]): Promise<string | undefined> {
    this.leftManual = items;
    return undefined;
  }
}
