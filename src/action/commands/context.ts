// What every action command gets: its inputs, the runner, GitHub, and where to report.
import type { RepoView } from "../../application/dialogue/host.ts";
import type { GitHubClient } from "../../github/octokit.ts";
import type { GitHubRepository } from "../../github/repository.ts";
import type { ActionInputs } from "../inputs.ts";
import type { RepoLinks } from "../render/links.ts";
import type { RunnerContext } from "../runner-context.ts";
import type { RunnerIo } from "../runner-io.ts";
import type { OpenedStore } from "../store.ts";

export interface ActionContext {
  inputs: ActionInputs;
  runner: RunnerContext;
  octokit: GitHubClient;
  /** The repository the job works on, through the one GitHub wrapper. */
  github: GitHubRepository;
  io: RunnerIo;
  links: RepoLinks;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** The repository's config and catalog, read from the checkout once per job. */
  repo: () => Promise<RepoView>;
  /** The job's run store, opened on first use and closed when the command ends. */
  store: () => Promise<OpenedStore>;
  /** Aborted when the job is cancelled: the engine stops the step in flight and rolls back. */
  signal?: AbortSignal;
  /** How long a resume or rollback waits for another job still driving the run (default 2 min). */
  liveJobWaitMs?: number;
}

/** What the action sets as its outputs. */
export interface ActionResult {
  status: string;
  runId?: string;
  branch?: string;
  pullRequest?: number;
  /** When set, the step fails with this message (after the outputs are written). */
  failure?: string;
  /** What the person must know beyond the status (a pull request GitHub refused, and how to open it). */
  note?: string;
}
