// What is durably known about one run, kept in one place: its record and step rows (the store), and
// what its branch holds (checkpoint commits by step, steps that changed nothing and the later commit
// that records them). Every stage reads the run's state here and changes it only through here, so the
// store and this copy never disagree.
import type { Plan, PlannedScenario, PlannedStep } from "../plan/plan.ts";
import type { CheckpointTrailer, RunRecord, RunStore, StepEvent, StepRecord } from "../ports.ts";
import { unchangedOf } from "./trailers.ts";

export class RunJournal {
  readonly #store: RunStore;
  readonly #plan: Plan;
  #run: RunRecord;
  readonly #steps: Map<number, StepRecord>;
  /** Each step's own checkpoint commit on the branch. */
  readonly #commits: Map<number, string>;
  /** Steps that changed nothing, with the later commit whose trailer records them. */
  readonly #carried: Map<number, string>;
  /** Steps that changed nothing since the last commit: the next commit records them. */
  #uncarried: number[];
  /** Rows written behind (saveBehind) and not yet known to be in the store. */
  #behind: Promise<void>[] = [];
  /** Rows to be written behind later (saveLater), by step index. */
  readonly #later = new Map<number, { step: StepRecord; timer: NodeJS.Timeout }>();

  private constructor(
    store: RunStore,
    plan: Plan,
    run: RunRecord,
    steps: StepRecord[],
    branch: { commits: Map<number, string>; carried: Map<number, string>; uncarried: number[] },
  ) {
    this.#store = store;
    this.#plan = plan;
    this.#run = run;
    this.#steps = new Map(steps.map((s) => [s.index, s]));
    this.#commits = branch.commits;
    this.#carried = branch.carried;
    this.#uncarried = branch.uncarried;
  }

  /** A run that has just been recorded: no step, nothing on its branch. */
  static fresh(store: RunStore, plan: Plan, run: RunRecord): RunJournal {
    return new RunJournal(store, plan, run, [], { commits: new Map(), carried: new Map(), uncarried: [] });
  }

  /**
   * An existing run: its rows (a step that was running when its process died is pending again: it is
   * redone from the last checkpoint) and its branch's checkpoints.
   */
  static resumed(
    store: RunStore,
    plan: Plan,
    run: RunRecord,
    rows: StepRecord[],
    checkpoints: CheckpointTrailer[],
  ): RunJournal {
    const steps = rows.map((s) => (s.status === "running" ? { ...s, status: "pending" as const } : s));
    const commits = new Map(checkpoints.map((c) => [c.step, c.sha]));
    const carried = new Map<number, string>();
    for (const c of checkpoints) for (const index of unchangedOf(c.trailers)) carried.set(index, c.sha);
    // Done per the store, changed nothing, and no commit records it yet: the next commit will.
    const uncarried = steps
      .filter(
        (s) => s.status === "succeeded" && !s.commitSha && !commits.has(s.index) && !carried.has(s.index),
      )
      .map((s) => s.index)
      .sort((a, b) => a - b);
    return new RunJournal(store, plan, run, steps, { commits, carried, uncarried });
  }

  get run(): RunRecord {
    return this.#run;
  }

  /** The run's record changed; its rows are in the store first, so no status is ahead of its steps. */
  async update(patch: Partial<Omit<RunRecord, "id" | "createdAt">>): Promise<RunRecord> {
    await this.durable();
    this.#run = await this.#store.updateRun(this.#run.id, patch);
    return this.#run;
  }

  step(index: number): StepRecord | undefined {
    return this.#steps.get(index);
  }

  /** Every row, in plan order. */
  steps(): StepRecord[] {
    return [...this.#steps.values()].sort((a, b) => a.index - b.index);
  }

  /** Saves the row and waits until the store has it (and every row written before it). */
  async save(step: StepRecord): Promise<void> {
    this.saveBehind(step);
    await this.durable();
  }

  /**
   * Saves the row without waiting for the store, which writes rows in the order they are given: the
   * write overlaps the step's own work (its commit), where waiting cost two round trips a step. For
   * rows whose loss a crash cannot hurt: what the branch records is healed on resume (stages/step.ts),
   * and a step that changed nothing outside its worktree is redone from its last checkpoint.
   */
  saveBehind(step: StepRecord): void {
    this.#dropLater(step.index);
    this.#steps.set(step.index, step);
    const write = this.#store.saveStep(step);
    write.catch(() => {}); // Reported by durable(); never an unhandled rejection meanwhile.
    this.#behind.push(write);
  }

  /**
   * Writes the row behind in `delayMs`, unless the step's next row comes first and makes it moot: a
   * step that only writes files and ends within the delay costs the store one write instead of two,
   * and a longer one still shows as running.
   */
  saveLater(step: StepRecord, delayMs: number): void {
    this.#dropLater(step.index);
    this.#steps.set(step.index, step);
    const timer = setTimeout(() => this.saveBehind(step), delayMs);
    timer.unref();
    this.#later.set(step.index, { step, timer });
  }

  #dropLater(index: number): void {
    const later = this.#later.get(index);
    if (!later) return;
    clearTimeout(later.timer);
    this.#later.delete(index);
  }

  /** Waits until every row written behind (or later) is in the store; throws the first write that failed. */
  async durable(): Promise<void> {
    for (const { step } of [...this.#later.values()]) this.saveBehind(step);
    const writes = this.#behind.splice(0);
    const failed = (await Promise.allSettled(writes)).find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** A pending row for a planned step. */
  newRecord(step: PlannedStep): StepRecord {
    return {
      runId: this.#run.id,
      index: step.index,
      scenarioId: step.scenarioId,
      number: step.number,
      name: step.name,
      kind: step.kind,
      status: "pending",
    };
  }

  /** What a reporter is told about a step: with the plan's size and the size of the step's scenario. */
  event(step: StepRecord): StepEvent {
    const of = this.#scenarioOf(step.scenarioId)?.stepIndexes.length;
    return { run: this.#run, step, total: this.#plan.steps.length, ...(of === undefined ? {} : { of }) };
  }

  /** The step's own checkpoint commit. */
  commitOf(index: number): string | undefined {
    return this.#commits.get(index);
  }

  /** Does the branch record the step (its own commit, or a later commit's trailer)? */
  onBranch(index: number): boolean {
    return this.#commits.has(index) || this.#carried.has(index);
  }

  /** Steps that changed nothing and that no commit records yet. */
  uncarried(): readonly number[] {
    return this.#uncarried;
  }

  /** The step's checkpoint: `sha` when it made a commit (which records the uncarried steps), else none. */
  recordCheckpoint(index: number, sha: string | undefined): void {
    if (!sha) {
      if (!this.#uncarried.includes(index)) this.#uncarried.push(index);
      return;
    }
    this.#commits.set(index, sha);
    for (const carried of this.#uncarried) if (carried !== index) this.#carried.set(carried, sha);
    this.#uncarried = [];
  }

  /** Has any step of the scenario begun (a row past pending, or a record on the branch)? */
  started(scenario: PlannedScenario): boolean {
    return scenario.stepIndexes.some((i) => {
      const status = this.#steps.get(i)?.status;
      return (status !== undefined && status !== "pending") || this.onBranch(i);
    });
  }

  /** Every step of the scenario skipped (its post-validation held before it ran). */
  skipped(scenario: PlannedScenario): boolean {
    return scenario.stepIndexes.every((i) => this.#steps.get(i)?.status === "skipped");
  }

  /** Did the scenario change anything a rollback must undo? */
  changedSomething(scenario: PlannedScenario): boolean {
    return scenario.stepIndexes.some((i) => {
      const status = this.#steps.get(i)?.status;
      return (
        this.#commits.has(i) ||
        status === "succeeded" ||
        status === "failed" ||
        status === "running" ||
        status === "waiting"
      );
    });
  }

  /** The step that was running when the pass stopped, if any. */
  running(): StepRecord | undefined {
    return [...this.#steps.values()].find((s) => s.status === "running");
  }

  #scenarioOf(scenarioId: string): PlannedScenario | undefined {
    return [...this.#plan.dependencies.required, this.#plan.scenario].find(
      (s) => s.scenarioId === scenarioId,
    );
  }
}
