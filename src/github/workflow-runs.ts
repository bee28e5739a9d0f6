// Workflow runs of the repository: which are going, whether one is still going, and asking GitHub to
// cancel it. A cancelled workflow run's runner sends its job SIGINT, which the action turns into a
// rollback.
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

/**
 * Whether a workflow run's name (`display_title`) names the scenario run `runId`: the scenario workflow's
 * `run-name:` is `scenario <command> <run-id>` for a dispatch, so the id is one word of it.
 * https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#run-name
 */
export function namesRun(displayTitle: string, runId: string): boolean {
  return displayTitle.split(/\s+/).includes(runId);
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

  /**
   * The runs of `workflow` (its file name) in progress that a `workflow_dispatch` started, with their
   * names: only a dispatch's name is set by someone with write access (a comment's run is named by
   * GitHub from the issue, which anyone can title). None when the workflow does not exist.
   * https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow
   */
  async dispatchedInProgress(workflow: string): Promise<{ id: number; url: string; title: string }[]> {
    try {
      const runs = await this.#o.octokit.paginate(this.#o.octokit.rest.actions.listWorkflowRuns, {
        owner: this.#o.owner,
        repo: this.#o.repo,
        workflow_id: workflow,
        event: "workflow_dispatch",
        status: "in_progress",
        per_page: 100,
      });
      return runs.map((r) => ({ id: r.id, url: r.html_url, title: r.display_title }));
    } catch (error) {
      if ((error as { status?: number }).status === 404) return [];
      throw error;
    }
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
