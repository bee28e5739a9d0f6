// Reporter on GitHub: a check run per step on the commit the step made, one aggregate check run for
// the run, and the run's pull request (opened after the first pushed checkpoint, body kept current).
// Nothing goes on the base commit (main's head): a step that finishes before the run has a commit of
// its own has its verdict posted on the run's first commit, and a run that never made one (it failed
// at its first step) has no check run at all; its log, summary and reply say how it ended.
import type { Reporter, RunRecord, RunStore, StepEvent, StepRecord } from "../../engine/ports.ts";
import {
  type CheckAction,
  type CheckOutput,
  type CheckRuns,
  isCheckOfRun,
  RUN_ACTIONS,
  runCheckName,
  runConclusion,
  stepCheckName,
  stepConclusion,
} from "../../github/check-runs.ts";
import {
  ACTIONS_PR_SETTING,
  isActionsPullRequestRefusal,
  type PullRequestRef,
  type PullRequests,
} from "../../github/pull-request.ts";
import { render } from "../../markdown/index.ts";
import type { RepoLinks } from "../render/links.ts";
import { isRunOnlyBody, prBody, prTitle, withRunSection } from "../render/pr-body.ts";
import { stepsTable } from "../render/run-report.ts";
import { runIcon, stepIcon } from "../render/status.ts";
import { LatestWrite } from "./latest-write.ts";

export interface ChecksReporterOptions {
  checks: CheckRuns;
  pulls: PullRequests;
  store: RunStore;
  links: RepoLinks;
  /** The commit the working tree is on now (where a starting step's check goes). */
  headSha: () => Promise<string>;
  /** `file:line` of a step in its document, for the failure annotation. */
  whereOf?: (step: StepRecord) => string | undefined;
  /** Where a waiting step's people should go (the checklist comment). */
  checklistUrl?: () => string | undefined;
  runUrl?: string;
  log?: (message: string) => void;
  /**
   * This job continues a run an earlier job worked on (resume, rollback, cancel): when it ends, check
   * runs of the run that an earlier job left in progress (it was killed) are closed as neutral.
   */
  closeStaleChecks?: boolean;
  /**
   * GitHub refused to open the run's pull request to this token (a GITHUB_TOKEN while the repository
   * does not allow Actions to create pull requests): said once, with the setting and the link that
   * opens it by hand. The run goes on; its branch is the work.
   */
  pullRequestRefused?: (message: string) => void;
  /**
   * Whether a waiting run's checks carry Resume / Roll back buttons: GitHub delivers a press only to
   * the app that created the check run, so they are shown only when that is the App (not
   * `github-actions`, whose presses nobody hears). Default: shown.
   */
  buttons?: () => Promise<boolean>;
  /** How long a step runs before its running check run is created (default RUNNING_CHECK_AFTER_MS; 0: at once). */
  runningCheckAfterMs?: number;
  /**
   * How long the run's check and the pull request's body wait after a step before showing the run as
   * it is then (default SHOW_AFTER_MS; 0: right after each step).
   */
  showAfterMs?: number;
  /** A write made later than the step that asked for it failed (the run goes on). */
  warn?: (message: string) => void;
}

/**
 * A step shows as running on the pull request only once it has run this long. Most steps write files
 * and end in milliseconds: their running check (created, then closed as a pointer to the commit the
 * step made) would be two writes nobody sees, and GitHub's writes go one second apart, so each such step
 * made the run ~2 s longer. A step still running after this gets its running check as before.
 */
export const RUNNING_CHECK_AFTER_MS = 2_000;

/**
 * After a step, the run's check (its steps table) and the pull request's body wait this long, then show
 * the run as it is by then: fast steps share one write of each instead of one each.
 */
export const SHOW_AFTER_MS = 2_000;

interface OpenCheck {
  id: number;
  sha: string;
}

/** A started step's running check: not created yet (its timer), being created, or created. */
interface RunningCheck {
  timer?: NodeJS.Timeout;
  opening?: Promise<OpenCheck | undefined>;
}

export class ChecksReporter implements Reporter {
  readonly #o: ChecksReporterOptions;
  readonly #running = new Map<number, RunningCheck>();
  #aggregate: OpenCheck | undefined;
  /** The run as the next deferred writes show it. */
  #shown: RunRecord | undefined;
  readonly #progress: LatestWrite;
  readonly #pullRequest: LatestWrite;
  #refused = false;
  /** Verdicts of steps that finished while the branch was still at its base, posted on its first own commit. */
  readonly #owed: StepEvent[] = [];
  #total = 0;

  constructor(options: ChecksReporterOptions) {
    this.#o = options;
    const wait = options.showAfterMs ?? SHOW_AFTER_MS;
    const failed = (what: string) => (error: unknown) =>
      options.warn?.(`could not update ${what}: ${error instanceof Error ? error.message : String(error)}`);
    this.#progress = new LatestWrite(() => this.#writeProgress(), wait, failed("the run's check"));
    this.#pullRequest = new LatestWrite(
      async () => {
        if (this.#shown) await this.#syncPullRequest(this.#shown);
      },
      wait,
      failed("the pull request"),
    );
  }

  async runStarted(run: RunRecord, plan: { total: number }): Promise<void> {
    this.#total = plan.total;
    const sha = await this.#o.headSha();
    if (sha === run.baseSha) return;
    await this.#startAggregate(run, sha);
  }

  async #startAggregate(run: RunRecord, sha: string): Promise<void> {
    const plan = { total: this.#total };
    const id = await this.#o.checks.start(runCheckName(run), sha, run.id, {
      title: `${runIcon("running")}: ${plan.total} steps`,
      summary: `Run \`${run.id}\` of \`${run.scenarioId}\` on \`${run.branch}\`.`,
    });
    this.#aggregate = { id, sha };
  }

  async stepStarted(event: StepEvent): Promise<void> {
    const sha = await this.#o.headSha();
    if (sha === event.run.baseSha) return;
    const running: RunningCheck = {};
    // Its id is not copied into the step record: the row's checkRunId names the step's verdict on its
    // own commit, so a resumed job can tell a step whose verdict was never posted (see stepRecovered).
    const create = () => {
      running.timer = undefined;
      running.opening = this.#o.checks
        .start(stepCheckName(event.step), sha, `${event.run.id}:${event.step.index}`, {
          title: `Step ${event.step.index + 1}/${event.total} running`,
          summary: `${event.step.kind} step **${event.step.name}** of \`${event.step.scenarioId}\`.`,
        })
        .then(
          (id) => ({ id, sha }),
          (error: unknown) => {
            // Only the step's running state is lost: its verdict is still posted when it ends.
            this.#o.warn?.(`could not show step ${event.step.index + 1} as running: ${String(error)}`);
            return undefined;
          },
        );
    };
    this.#running.set(event.step.index, running);
    const after = this.#o.runningCheckAfterMs ?? RUNNING_CHECK_AFTER_MS;
    if (after <= 0) {
      create();
      await running.opening;
    } else {
      running.timer = setTimeout(create, after);
      running.timer.unref();
    }
  }

  /** The step's running check, if it was created: a timer not yet fired is cancelled. */
  async #takeRunning(index: number): Promise<OpenCheck | undefined> {
    const running = this.#running.get(index);
    this.#running.delete(index);
    clearTimeout(running?.timer);
    return running?.opening;
  }

  async stepFinished(event: StepEvent): Promise<void> {
    const sha = event.step.commitSha ?? (await this.#o.headSha());
    if (sha === event.run.baseSha) {
      this.#owed.push({ ...event, step: { ...event.step } });
      return;
    }
    if (!this.#aggregate) await this.#startAggregate(event.run, sha);
    for (const owed of this.#owed.splice(0)) await this.#postStep(owed, sha);
    await this.#postStep(event, sha);
  }

  async #postStep(event: StepEvent, sha: string): Promise<void> {
    const { run, step } = event;
    const output = this.#stepOutput(event);
    const conclusion = stepConclusion(step);
    const waiting = step.status === "waiting";
    const extra = waiting ? await this.#waitingExtra(run) : {};
    const open = await this.#takeRunning(step.index);
    let id: number;
    if (open && open.sha === sha) {
      await this.#o.checks.complete(open.id, conclusion, output, extra);
      id = open.id;
    } else {
      if (open) {
        await this.#o.checks.complete(open.id, "neutral", {
          title: `Finished in ${sha.slice(0, 7)}`,
          summary: `This step's verdict is on the commit it made: ${this.#o.links.commit(sha)}`,
        });
      }
      id = await this.#o.checks.completed(
        stepCheckName(step),
        sha,
        `${run.id}:${step.index}`,
        conclusion,
        output,
        {
          ...extra,
          ...(step.startedAt ? { startedAt: step.startedAt } : {}),
        },
      );
    }
    step.checkRunId = id;
    await this.#o.store.saveStep({ ...step, checkRunId: id });
    this.#shown = run;
    if (step.commitSha) await this.#pullRequest.request();
    if (this.#aggregate) await this.#progress.request();
  }

  async #writeProgress(): Promise<void> {
    const run = this.#shown;
    if (this.#aggregate && run)
      await this.#o.checks.progress(this.#aggregate.id, await this.#aggregateOutput(run));
  }

  /**
   * A step finished by a job that died before recording its check run: created now, once. The job may
   * have posted the verdict and died before its id reached the row: that one is kept, not repeated.
   */
  async stepRecovered(event: StepEvent): Promise<void> {
    const { run, step } = event;
    if (step.checkRunId !== undefined) return;
    if (step.commitSha) {
      const found = await this.#o.checks.named(
        step.commitSha,
        stepCheckName(step),
        `${run.id}:${step.index}`,
      );
      const posted = found.find((c) => c.status === "completed" && c.conclusion === stepConclusion(step));
      if (posted) {
        step.checkRunId = posted.id;
        await this.#o.store.saveStep({ ...step, checkRunId: posted.id });
        return;
      }
    }
    await this.stepFinished(event);
  }

  async runFinished(run: RunRecord, steps: StepRecord[]): Promise<void> {
    if (this.#o.closeStaleChecks) await this.#closeStaleChecks(run, steps);
    // Its own final write replaces one still waiting; one being made ends first (never two at once).
    await this.#pullRequest.settle();
    await this.#syncPullRequest(run);
    if ((run.status === "rolled_back" || run.status === "cancelled") && run.pullRequest)
      await this.#closeOwnPullRequest(run.pullRequest);
    const head = run.headSha ?? (await this.#o.headSha());
    // Back at its base (rolled back, or no step changed anything): the verdict stays on the run's own
    // commit where the aggregate already is, or nowhere.
    const sha = head === run.baseSha ? this.#aggregate?.sha : head;
    if (!sha) {
      this.#owed.length = 0;
      return;
    }
    if (!this.#aggregate) await this.#startAggregate(run, sha);
    for (const owed of this.#owed.splice(0)) await this.#postStep(owed, sha);
    await Promise.all([this.#progress.settle(), this.#pullRequest.settle()]);
    const conclusion = runConclusion(run, steps);
    const output = await this.#aggregateOutput(run, steps);
    const extra = run.status === "waiting" ? await this.#waitingExtra(run) : {};
    if (this.#aggregate && this.#aggregate.sha === sha) {
      await this.#o.checks.complete(this.#aggregate.id, conclusion, output, extra);
    } else {
      if (this.#aggregate) {
        await this.#o.checks.complete(this.#aggregate.id, "neutral", {
          title: `Moved to ${sha.slice(0, 7)}`,
          summary: `The run's verdict is on the branch head: ${this.#o.links.commit(sha)}`,
        });
      }
      await this.#o.checks.completed(runCheckName(run), sha, run.id, conclusion, output, extra);
    }
    this.#aggregate = undefined;
  }

  log(message: string): void {
    this.#o.log?.(message);
  }

  #stepOutput(event: StepEvent): CheckOutput {
    const { step, total } = event;
    const output: CheckOutput = {
      title: `Step ${step.index + 1}/${total}: ${stepIcon(step.status)}`,
      summary: [
        `${step.kind} step **${step.name}** of \`${step.scenarioId}\` (#${step.number}).`,
        step.error ? `\n**Error:** ${step.error}` : "",
        step.status === "waiting" ? "\nTick every item of the checklist, or press Resume." : "",
      ].join(""),
    };
    if (step.outputTail)
      output.text = `Output (last lines):\n\n\`\`\`\n${step.outputTail.replace(/```/g, "ˋˋˋ")}\n\`\`\``;
    const where = this.#o.whereOf?.(step);
    const match = where ? /^(.*):(\d+)$/.exec(where) : null;
    if (step.status === "failed" && match) {
      output.annotations = [
        {
          path: match[1] as string,
          start_line: Number(match[2]),
          end_line: Number(match[2]),
          annotation_level: "failure",
          title: `Step ${step.number} failed: ${step.name}`,
          message: step.error ?? "the step failed",
        },
      ];
    }
    return output;
  }

  async #aggregateOutput(run: RunRecord, steps?: StepRecord[]): Promise<CheckOutput> {
    const all = steps ?? (await this.#o.store.listSteps(run.id));
    const done = all.filter((s) => s.status === "succeeded" || s.status === "skipped").length;
    return {
      title: `${runIcon(run.status)}: ${done}/${all.length} steps done`,
      summary: run.error ? `**Why:** ${run.error}` : `Run \`${run.id}\` of \`${run.scenarioId}\`.`,
      text: render([stepsTable(all, this.#o.links)]),
    };
  }

  async #waitingExtra(run: RunRecord): Promise<{ actions?: CheckAction[]; detailsUrl?: string }> {
    const detailsUrl = this.#o.checklistUrl?.() ?? this.#prOrRunUrl(run);
    const buttons = this.#o.buttons ? await this.#o.buttons() : true;
    return { ...(buttons ? { actions: RUN_ACTIONS } : {}), ...(detailsUrl ? { detailsUrl } : {}) };
  }

  #prOrRunUrl(run: RunRecord): string | undefined {
    return run.pullRequest ? this.#o.links.pull(run.pullRequest) : this.#o.runUrl;
  }

  /**
   * A killed job leaves its step's check (on the commit the step started from) and its aggregate check
   * in progress forever. Every commit of the run is looked at: the base and each step's checkpoint.
   */
  async #closeStaleChecks(run: RunRecord, steps: StepRecord[]): Promise<void> {
    const open = await Promise.all([...this.#running.values()].map((c) => c.opening));
    const mine = new Set(open.flatMap((c) => (c ? [c.id] : [])));
    if (this.#aggregate) mine.add(this.#aggregate.id);
    const shas = new Set([run.baseSha, ...steps.map((s) => s.commitSha)].filter((s) => s !== undefined));
    for (const sha of shas) {
      for (const check of await this.#o.checks.inProgress(sha)) {
        if (!isCheckOfRun(check.externalId, run.id) || mine.has(check.id)) continue;
        await this.#o.checks.complete(check.id, "neutral", {
          title: "Stopped",
          summary: `The job working on this was stopped before it finished; run \`${run.id}\` went on in a later job, whose verdict is on the branch head.`,
        });
      }
    }
  }

  /** A run undone leaves nothing to review: its own PR is closed; a reused one stays open, its own work intact. */
  async #closeOwnPullRequest(number: number): Promise<void> {
    const pr = await this.#o.pulls.get(number);
    if (pr?.state !== "open" || !isRunOnlyBody(pr.body)) return;
    await this.#o.pulls.close(number);
    this.#o.log?.(`closed pull request #${number}: the run was undone`);
  }

  /** Opens the run's PR once its branch is pushed, or finds the one an earlier job opened; rewrites the body. */
  async #syncPullRequest(run: RunRecord): Promise<void> {
    const steps = await this.#o.store.listSteps(run.id);
    const checklistUrl = this.#o.checklistUrl?.();
    const input = {
      run,
      steps,
      links: this.#o.links,
      ...(this.#o.runUrl ? { runUrl: this.#o.runUrl } : {}),
      ...(checklistUrl ? { checklistUrl } : {}),
    };
    if (!run.pullRequest) {
      const found = await this.#o.pulls.findByHead(run.branch);
      if (found) {
        run.pullRequest = found.number;
      } else if (steps.some((s) => s.commitSha) && !this.#refused) {
        const opened = await this.#openPullRequest(run, withRunSection("", prBody(input)));
        if (!opened) return;
        run.pullRequest = opened.number;
        await this.#o.store.updateRun(run.id, { pullRequest: opened.number });
        this.#o.log?.(
          `opened pull request #${opened.number}${opened.draft ? " (a draft until the run succeeds)" : ""}`,
        );
        return;
      } else {
        return;
      }
      await this.#o.store.updateRun(run.id, { pullRequest: run.pullRequest });
    }
    // Re-read the body: a reused pull request's own description (and edits to it) stay.
    const current = await this.#o.pulls.get(run.pullRequest);
    await this.#o.pulls.setBody(run.pullRequest, withRunSection(current?.body ?? "", prBody(input)));
    if (run.status === "succeeded" && current?.draft && isRunOnlyBody(current.body)) {
      await this.#o.pulls.markReady(current.nodeId);
      this.#o.log?.(`pull request #${run.pullRequest} is ready for review`);
    }
  }

  /**
   * A run still going opens a draft; one that already succeeded a ready pull request. Where drafts are
   * not available (private repositories on some plans: 422) it opens a ready one; where the token may
   * not open pull requests at all, it says how to, once, and the run goes on.
   */
  async #openPullRequest(run: RunRecord, body: string): Promise<PullRequestRef | undefined> {
    const input = { branch: run.branch, base: run.baseBranch, title: prTitle(run), body };
    try {
      try {
        return await this.#o.pulls.open({ ...input, draft: run.status !== "succeeded" });
      } catch (error) {
        if ((error as { status?: number }).status !== 422 || !/draft/i.test((error as Error).message))
          throw error;
        return await this.#o.pulls.open(input);
      }
    } catch (error) {
      if (!isActionsPullRequestRefusal(error)) throw error;
      this.#refused = true;
      this.#o.pullRequestRefused?.(pullRequestRefusal(this.#o.links, run));
      return undefined;
    }
  }
}

/** What to do when GitHub would not let this token open the run's pull request. */
export function pullRequestRefusal(links: RepoLinks, run: RunRecord): string {
  return (
    `GitHub did not let this workflow's GITHUB_TOKEN open the pull request for \`${run.branch}\`. ` +
    `Open it by hand: ${links.compare(run.baseBranch, run.branch)} ; or turn on ` +
    `"${ACTIONS_PR_SETTING}" (Settings > Actions > General > Workflow permissions), ` +
    "or give the workflow the App's token (actions/create-github-app-token) so its pull requests also get CI."
  );
}
