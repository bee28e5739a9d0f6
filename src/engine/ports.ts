// The engine's four ports. The engine only ever holds these interfaces: the CLI passes local adapters
// (git on disk, the store, the console, a task file), the Action passes runner-side ones (push after
// each commit, check runs, an issue checklist). Nothing here knows GitHub or SQL.

import type { ParameterValue, StepKind } from "../scenario/types.ts";

export const RUN_STATUSES = [
  "queued",
  "running",
  "waiting",
  "succeeded",
  "failed",
  "rolled_back",
  "cancelled",
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const STEP_STATUSES = ["pending", "running", "succeeded", "failed", "skipped", "waiting"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface RunRecord {
  id: string;
  scenarioId: string;
  params: Record<string, ParameterValue>;
  status: RunStatus;
  /** `owner/name` on GitHub, or the absolute path of a local repository. */
  repository: string;
  /** What the run changes (the value of the scenario's target parameter); part of the lock key. */
  target: string;
  branch: string;
  baseBranch: string;
  baseSha?: string;
  headSha?: string;
  issueNumber?: number;
  pullRequest?: number;
  /** The checklist comment the bot posted for the run's manual steps: the only one ticks are read from. */
  checklistCommentId?: number;
  triggeredBy?: string;
  /** Why the run failed, was rolled back or was cancelled. */
  error?: string;
  createdAt: Date;
  updatedAt: Date;
}

export type NewRun = Omit<RunRecord, "status" | "createdAt" | "updatedAt"> & { status?: RunStatus };

export interface StepRecord {
  runId: string;
  /** 0-based position in the plan (dependencies' steps come first). */
  index: number;
  /** The scenario this step belongs to: the run's own or one of its dependencies. */
  scenarioId: string;
  /** The step's number in its document. */
  number: number;
  name: string;
  kind: StepKind;
  status: StepStatus;
  /** The checkpoint commit this step made. */
  commitSha?: string;
  checkRunId?: number;
  startedAt?: Date;
  finishedAt?: Date;
  /** The last lines of output, secrets redacted. */
  outputTail?: string;
  error?: string;
}

export interface ManualTask {
  runId: string;
  stepIndex: number;
  /** 0-based position of the checklist item within its step. */
  item: number;
  text: string;
  done: boolean;
  doneBy?: string;
}

export type LockResult = { acquired: true } | { acquired: false; holder: string };

/** `takeStaleLock`: taken, or who holds it and how long since it last showed a sign of life. */
export type StaleLockResult = { taken: true } | { taken: false; holder?: string; idleMs?: number };

/** Who holds a lock, and how long since it last showed a sign of life (taken or renewed). */
export interface LockHolder {
  holder: string;
  idleMs: number;
}

export interface RunStore {
  createRun(run: NewRun): Promise<RunRecord>;
  getRun(id: string): Promise<RunRecord | undefined>;
  listRuns(filter?: { repository?: string; status?: RunStatus[]; limit?: number }): Promise<RunRecord[]>;
  updateRun(id: string, patch: Partial<Omit<RunRecord, "id" | "createdAt">>): Promise<RunRecord>;
  /**
   * Insert or replace the step keyed by (runId, index). Rows are written in the order of the calls, and
   * listSteps reads after every write called before it, so a caller need not wait for one write to
   * make the next.
   */
  saveStep(step: StepRecord): Promise<void>;
  listSteps(runId: string): Promise<StepRecord[]>;
  /** One holder per key at a time; `holder` names the run that has it. Re-acquiring one's own lock succeeds. */
  acquireLock(key: string, runId: string): Promise<LockResult>;
  /**
   * `createRun` and `acquireLock(lockKey)` at once (one round trip for the App). When another run holds
   * the lock, the new run is recorded `cancelled`, naming the holder.
   */
  queueRun(run: NewRun, lockKey: string): Promise<LockResult>;
  releaseLock(key: string, runId: string): Promise<void>;
  /** A heartbeat: `holder` still holds `key` as of now. False when it no longer holds it. */
  renewLock(key: string, holder: string): Promise<boolean>;
  /** Takes `key` for `holder` when its holder has not renewed it for `staleMs` (by the database's clock). */
  takeStaleLock(key: string, holder: string, staleMs: number): Promise<StaleLockResult>;
  /** Who holds `key` now (by the database's clock), without taking it; undefined when nobody does. */
  lockHolder(key: string): Promise<LockHolder | undefined>;
  saveTasks(tasks: ManualTask[]): Promise<void>;
  listTasks(runId: string): Promise<ManualTask[]>;
  tickTask(runId: string, stepIndex: number, item: number, by: string): Promise<void>;
}

export interface CheckpointTrailer {
  runId: string;
  /** Plan index (0-based, dependencies first) of the step the commit closed: internal, not the number people see. */
  step: number;
  sha: string;
  /** Every trailer of the commit (e.g. `Scenario-Id`, `Scenario-Params`, `Scenario-Started`): enough to rebuild the plan. */
  trailers?: Record<string, string>;
}

export interface Workspace {
  /** Absolute path of the working tree the steps run in. */
  readonly root: string;
  /** Create `branch` from `base` (or check it out if it exists) and return the base commit. */
  startBranch(branch: string, base: string): Promise<{ baseSha: string; headSha: string }>;
  /** Check out an existing run branch (resume, rollback). */
  checkout(branch: string): Promise<string>;
  /** Commit everything in the working tree (empty commits allowed) with the trailers; returns the sha. */
  commit(message: string, trailers: Record<string, string>): Promise<string>;
  /**
   * Commit what changed, when anything did; undefined (and no commit) when the tree is as HEAD. A
   * workspace without it gets `commit`, so a step that changed nothing makes an empty commit there.
   */
  commitChanges?(message: string, trailers: Record<string, string>): Promise<string | undefined>;
  /** Hard reset the current branch to `sha` and remove untracked files. */
  resetTo(sha: string): Promise<void>;
  /**
   * Where the working tree differs from `sha`: changed, added, deleted and untracked paths (ignored
   * ones aside), as `git diff --name-status` lines (`M\tpath`, `?\tpath` for untracked). What a
   * rollback's own steps left before the reset removes it.
   */
  differencesFrom?(sha: string): Promise<string[]>;
  headSha(): Promise<string>;
  /** Checkpoints recorded on the branch, oldest first, read from `Scenario-Run`/`Scenario-Step` trailers. */
  checkpoints(branch: string): Promise<CheckpointTrailer[]>;
  /** Does the branch exist (locally or on the remote)? */
  hasBranch(branch: string): Promise<boolean>;
  /** Release what the workspace holds (e.g. a worktree) once the run has ended; the branch stays. */
  dispose?(): Promise<void>;
}

export interface StepEvent {
  run: RunRecord;
  step: StepRecord;
  /** Steps in the plan (dependencies' included). */
  total: number;
  /** Steps in the step's own scenario: with `step.number`, the `n/N` people see (see stepProgress). */
  of?: number;
}

/** A pre-condition or post-validation item with a check, and whether it held. */
export interface ConditionEvent {
  scenarioId: string;
  phase: "pre-condition" | "post-validation";
  /** 1-based, as the document lists it. */
  number: number;
  text: string;
  holds: boolean;
  /** `file:line` of its check block. */
  where: string;
}

/** One action of a document's rollback steps, as it ran. */
export interface RollbackActionOutcome {
  scenarioId: string;
  /** The rollback step's number in its document. */
  number: number;
  name: string;
  /** `file:line` of the block. */
  where: string;
  ok: boolean;
  exitCode: number | null;
  /** The last lines of its output, secrets redacted. */
  outputTail: string;
}

/** A rollback's steps have run; the branch is about to go back to its base. */
export interface RollbackEvent {
  run: RunRecord;
  actions: RollbackActionOutcome[];
  /** What the steps left differing from the base (Workspace.differencesFrom); undefined where unknown. */
  leftBehind?: string[];
}

export interface Reporter {
  runStarted(run: RunRecord, plan: { total: number }): Promise<void> | void;
  stepStarted(event: StepEvent): Promise<void> | void;
  /** Called with the final record (succeeded, failed, skipped or waiting), after its checkpoint. */
  stepFinished(event: StepEvent): Promise<void> | void;
  runFinished(run: RunRecord, steps: StepRecord[]): Promise<void> | void;
  /**
   * On resume, for each step an earlier process already finished (its row is in the store). That
   * process may have died before reporting it: a reporter with durable output (check runs) delivers
   * what is still owed; a console reporter has nothing to do.
   */
  stepRecovered?(event: StepEvent): Promise<void> | void;
  /** Each checked pre-condition and post-validation item of the scenarios that run (not the skip checks). */
  conditionChecked?(event: ConditionEvent): void;
  /** After the rollback steps, before the branch is reset to its base. */
  rolledBack?(event: RollbackEvent): Promise<void> | void;
  /** Free-form progress lines (dependency skipped, rollback step ran, ...). */
  log(message: string): void;
}

export interface TaskSink {
  /** Publish the checklist of a manual step; the run waits until every item is done. */
  publish(run: RunRecord, step: StepRecord, items: string[]): Promise<void>;
  /** Has every item of this step been ticked? Syncs ticks into the store as a side effect where it can. */
  isDone(run: RunRecord, step: StepRecord): Promise<boolean>;
  /**
   * After success: one task listing what the run could not check, for a person (the plan's "dev
   * task"). Returns where it is (a file, an issue), for the report; undefined when nothing was written.
   */
  devTask(run: RunRecord, items: string[]): Promise<string | undefined>;
}

export interface EnginePorts {
  workspace: Workspace;
  store: RunStore;
  reporter: Reporter;
  tasks: TaskSink;
}
