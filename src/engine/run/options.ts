// What a run is given besides its plan and ports, and the one run being driven (ActiveRun): its plan
// (fixed), its ports and options, and the two owners of what changes while it runs: the journal (the
// run's durable state) and the block runner (the step environment and the cancel signal).
import type { Plan } from "../plan/plan.ts";
import type { EnginePorts, RunRecord } from "../ports.ts";
import type { BlockRunner } from "./blocks.ts";
import type { ClaimTiming } from "./claim.ts";
import type { RunJournal } from "./journal.ts";

/** What a successful run does after its last step (each on unless a repository turns it off). */
export interface Integrations {
  /** A line in docs/continuous-improvement/execution-log.md, committed on the run branch. */
  executionLog: boolean;
  /** The document's `## Health Check` block. */
  healthCheck: boolean;
  /** What no check verified becomes a task for the team. */
  devTask: boolean;
}

export const ALL_INTEGRATIONS: Integrations = { executionLog: true, healthCheck: true, devTask: true };

export interface RunOptions {
  /** Cancels the run: the running block's process group is killed, then the run rolls back. */
  signal?: AbortSignal;
  /** Time limit of a block without its own (default 10 minutes). */
  defaultTimeoutMs?: number;
  /** The environment steps inherit, secrets removed (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** More values to redact from stored output. */
  secrets?: string[];
  /** Runner variables the steps may read beyond the safe base (`env:` of `.github/scenarios.yml`). */
  envAllow?: string[];
  /** Absolute path of bin/scenario.js, given to steps as SCENARIO_CLI. */
  cliPath?: string;
  /** Queue behind a run that holds the lock instead of refusing. */
  wait?: boolean;
  /** How often a queued run asks for the lock again. */
  waitPollMs?: number;
  /** How the driving process keeps and takes over its claim on the run (tests shorten it). */
  claim?: ClaimTiming;
  /** Integrations to leave out (default: all run); from `.github/scenarios.yml` in the Action. */
  integrations?: Partial<Integrations>;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

/** One run per repository + scenario + target: the key of its lock. */
export function lockKey(run: Pick<RunRecord, "repository" | "scenarioId" | "target">): string {
  return `${run.repository}#${run.scenarioId}#${run.target}`;
}

/** One run being driven, from its start (or pick-up) to its end. */
export interface ActiveRun {
  readonly plan: Plan;
  readonly ports: EnginePorts;
  readonly options: RunOptions;
  /** The run's record, step rows and branch: the only state that changes. */
  readonly journal: RunJournal;
  /** Runs the document's blocks in the workspace. */
  readonly blocks: BlockRunner;
}
