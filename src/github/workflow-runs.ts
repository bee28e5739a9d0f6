// Workflow runs of the repository: whether one is still going, and asking GitHub to cancel it. A
// cancelled workflow run's runner sends its job SIGINT, which the action turns into a rollback.
import { setTimeout as sleepFor } from "node:timers/promises";
import type { GitHubClient } from "./octokit.ts";

const sleep = (ms: number, signal?: AbortSignal) =>
  sleepFor(ms, undefined, signal ? { signal } : {}).catch(() => undefined);

/** Statuses of a workflow run that has not finished (GitHub's `status`, not `conclusion`). */
const UNFINISHED = new Set(["queued", "in_progress", "waiting", "requested", "pending"]);

/** The workflow run a link points at: `…/actions/runs/<id>`, also `…/actions/runs/<id>/job/<job>`. */
export function workflowRunIdOf(url: string | null | undefined): number | undefined {
  const m = url ? /\/actions\/runs\/(\d+)(?:[/?#]|$)/.exec(url) : null;
  return m ? Number(m[1]) : undefined;
}

export interface WorkflowRunsOptions {
  octokit: GitHubClient;
  owner: string;
  repo: string;
}

export class WorkflowRuns {
  readonly #o: WorkflowRunsOptions;
  constructor(options: WorkflowRunsOptions) {
    this.#o = options;
  }

  /** The run's page while it has not finished; undefined once it has (or GitHub no longer has it). */
  async unfinished(id: number): Promise<{ url: string } | undefined> {
    try {
      const { data } = await this.#o.octokit.rest.actions.getWorkflowRun({
        owner: this.#o.owner,
        repo: this.#o.repo,
        run_id: id,
      });
      return UNFINISHED.has(data.status ?? "") ? { url: data.html_url } : undefined;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  /** Polls until the run has finished; false when it still runs after `timeoutMs`. */
  async finished(
    id: number,
    options: { timeoutMs: number; pollMs: number; signal?: AbortSignal },
  ): Promise<boolean> {
    const deadline = Date.now() + options.timeoutMs;
    while (await this.unfinished(id)) {
      if (Date.now() >= deadline || options.signal?.aborted) return false;
      await sleep(Math.min(options.pollMs, Math.max(0, deadline - Date.now())), options.signal);
    }
    return true;
  }

  /** Asks GitHub to cancel the run; false when it finished meanwhile (GitHub answers 409). */
  async cancel(id: number): Promise<boolean> {
    try {
      await this.#o.octokit.rest.actions.cancelWorkflowRun({
        owner: this.#o.owner,
        repo: this.#o.repo,
        run_id: id,
      });
      return true;
    } catch (error) {
      if ((error as { status?: number }).status === 409) return false;
      throw error;
    }
  }
}
