// Keeps the status line of the reply that announced the run current (application/dialogue/replies/
// run-status.ts): running when the job starts it, then how it ended or what it waits on, with the
// pull request, the checklist or the failed step. The reply is found among the comments this token's
// identity wrote (the App's own reply when the job acts as the App; the job's own in zero-server
// mode). Reporting it never stops the run: a failure to update is a warning.
import { runStatusSection, withRunStatus } from "../../application/dialogue/replies/run-status.ts";
import type { Reporter, RunRecord, StepEvent, StepRecord } from "../../engine/ports.ts";
import type { Issues } from "../../github/issues.ts";
import type { RepoLinks } from "../render/links.ts";

export interface ReplyStatusOptions {
  inner: Reporter;
  issues: Issues;
  links: RepoLinks;
  /** The issue the command came from; none: there is no reply to keep current. */
  issueNumber?: number;
  checklistUrl: () => string | undefined;
  /** What the summary must say beyond the run: any means GitHub refused the pull request (the only note). */
  notes: readonly string[];
  runUrl?: string;
  warn: (message: string) => void;
}

export class ReplyStatusReporter implements Reporter {
  readonly #o: ReplyStatusOptions;
  constructor(options: ReplyStatusOptions) {
    this.#o = options;
  }

  async runStarted(run: RunRecord, plan: { total: number }): Promise<void> {
    await this.#o.inner.runStarted(run, plan);
    await this.#update({ ...run, status: "running" }, []);
  }

  async stepStarted(event: StepEvent): Promise<void> {
    await this.#o.inner.stepStarted(event);
  }

  async stepFinished(event: StepEvent): Promise<void> {
    await this.#o.inner.stepFinished(event);
  }

  async stepRecovered(event: StepEvent): Promise<void> {
    await this.#o.inner.stepRecovered?.(event);
  }

  async runFinished(run: RunRecord, steps: StepRecord[]): Promise<void> {
    await this.#o.inner.runFinished(run, steps);
    await this.#update(run, steps);
  }

  log(message: string): void {
    this.#o.inner.log(message);
  }

  async #update(run: RunRecord, steps: StepRecord[]): Promise<void> {
    const issue = this.#o.issueNumber ?? run.issueNumber;
    if (!issue) return;
    try {
      const reply = await this.#o.issues.findOwnComment(issue, `<!-- scenario-bot run:${run.id} -->`);
      if (!reply) return;
      const failed = steps.find((s) => s.status === "failed");
      const checklistUrl = this.#o.checklistUrl();
      const section = runStatusSection({
        status: run.status,
        runId: run.id,
        ...(run.pullRequest
          ? { pullRequest: { number: run.pullRequest, url: this.#o.links.pull(run.pullRequest) } }
          : { branchUrl: this.#o.links.tree(run.branch) }),
        ...(checklistUrl ? { checklistUrl } : {}),
        ...(failed ? { failedStep: `${failed.index + 1}. ${failed.name}` } : {}),
        ...(run.error ? { reason: run.error } : {}),
        ...(this.#o.notes.length
          ? { pullRequestRefused: { compareUrl: this.#o.links.compare(run.baseBranch, run.branch) } }
          : {}),
        ...(this.#o.runUrl ? { runUrl: this.#o.runUrl } : {}),
      });
      await this.#o.issues.editComment(reply.id, withRunStatus(reply.body, section));
    } catch (error) {
      this.#o.warn(`could not update the reply on #${issue} to ${run.status}: ${(error as Error).message}`);
    }
  }
}
