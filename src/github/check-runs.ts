// Check runs as the run's live status: one per step on the commit that step made, one aggregate for
// the whole run. A check run is fixed to one commit, so a step's in-progress check (on the commit it
// started from) is closed as neutral when the step's own commit gets the real verdict.
import type { RunRecord, StepRecord } from "../engine/ports.ts";
import type { GitHubClient } from "./octokit.ts";
import { clip, clipBytes } from "./text-limits.ts";

export type Conclusion = "success" | "failure" | "neutral" | "cancelled" | "skipped" | "action_required";

export interface CheckOutput {
  title: string;
  summary: string;
  text?: string;
  annotations?: {
    path: string;
    start_line: number;
    end_line: number;
    annotation_level: "notice" | "warning" | "failure";
    message: string;
    title?: string;
  }[];
}

export interface CheckAction {
  label: string;
  description: string;
  identifier: string;
}

/** Buttons on a waiting check run; the App handles `check_run.requested_action` with these identifiers. */
export const RUN_ACTIONS: CheckAction[] = [
  { label: "Resume", description: "Continue once the checklist is done", identifier: "resume" },
  { label: "Roll back", description: "Undo every step of this run", identifier: "rollback" },
];

// GitHub's limits on check-run output (characters).
const MAX_TEXT = 65_000;
const MAX_SUMMARY = 65_000;

export function stepCheckName(step: StepRecord): string {
  return `scenario / ${step.index + 1}. ${step.name}`.slice(0, 100);
}

/** Whether a check run is one of the run's: its external id is the run's id, or `<run>:<step>`. */
export function isCheckOfRun(externalId: string | null, runId: string): boolean {
  return externalId === runId || Boolean(externalId?.startsWith(`${runId}:`));
}

export function runCheckName(run: RunRecord): string {
  return `scenario / ${run.scenarioId}`;
}

export function stepConclusion(step: StepRecord): Conclusion {
  switch (step.status) {
    case "succeeded":
      return "success";
    case "failed":
      return "failure";
    case "skipped":
      return "skipped";
    case "waiting":
      return "action_required";
    default:
      return "neutral";
  }
}

/** The aggregate verdict: success only when the run succeeded and no step failed or is unfinished. */
export function runConclusion(run: RunRecord, steps: StepRecord[]): Conclusion {
  if (run.status === "waiting") return "action_required";
  if (run.status === "cancelled") return "cancelled";
  if (run.status !== "succeeded") return "failure";
  return steps.every((s) => s.status === "succeeded" || s.status === "skipped") ? "success" : "failure";
}

export interface CheckRunsOptions {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** Link shown as the check's details (the workflow run, or the checklist for a waiting step). */
  detailsUrl?: string;
}

export class CheckRuns {
  readonly #o: CheckRunsOptions;
  constructor(options: CheckRunsOptions) {
    this.#o = options;
  }

  async start(name: string, headSha: string, externalId: string, output?: CheckOutput): Promise<number> {
    const { data } = await this.#o.octokit.rest.checks.create({
      owner: this.#o.owner,
      repo: this.#o.repo,
      name,
      head_sha: headSha,
      status: "in_progress",
      started_at: new Date().toISOString(),
      external_id: externalId,
      ...(this.#o.detailsUrl ? { details_url: this.#o.detailsUrl } : {}),
      ...(output ? { output: withinLimits(output, this.#o.detailsUrl) } : {}),
    });
    return data.id;
  }

  /** Check runs still in progress on a commit (every one, not only the latest per name). */
  async inProgress(
    ref: string,
  ): Promise<{ id: number; name: string; externalId: string | null; detailsUrl: string | null }[]> {
    return (await this.#onCommit(ref, { status: "in_progress" })).map((c) => ({
      id: c.id,
      name: c.name,
      externalId: c.external_id,
      detailsUrl: c.details_url,
    }));
  }

  /** The check runs on a commit with this name and external id, in any state. */
  async named(
    ref: string,
    name: string,
    externalId: string,
  ): Promise<{ id: number; status: string; conclusion: string | null }[]> {
    return (await this.#onCommit(ref, { check_name: name }))
      .filter((c) => c.external_id === externalId)
      .map((c) => ({ id: c.id, status: c.status, conclusion: c.conclusion }));
  }

  /** Every check run on a commit that matches (not only the latest per name), up to 100. */
  async #onCommit(ref: string, match: { status?: "in_progress"; check_name?: string }) {
    const { data } = await this.#o.octokit.rest.checks.listForRef({
      owner: this.#o.owner,
      repo: this.#o.repo,
      ref,
      ...match,
      filter: "all",
      per_page: 100,
    });
    return data.check_runs;
  }

  async progress(id: number, output: CheckOutput): Promise<void> {
    await this.#o.octokit.rest.checks.update({
      owner: this.#o.owner,
      repo: this.#o.repo,
      check_run_id: id,
      output: withinLimits(output, this.#o.detailsUrl),
    });
  }

  async complete(
    id: number,
    conclusion: Conclusion,
    output: CheckOutput,
    extra: { actions?: CheckAction[]; detailsUrl?: string } = {},
  ): Promise<void> {
    const detailsUrl = extra.detailsUrl ?? this.#o.detailsUrl;
    await this.#o.octokit.rest.checks.update({
      owner: this.#o.owner,
      repo: this.#o.repo,
      check_run_id: id,
      status: "completed",
      conclusion,
      completed_at: new Date().toISOString(),
      output: withinLimits(output, this.#o.detailsUrl),
      ...(extra.actions ? { actions: extra.actions } : {}),
      ...(detailsUrl ? { details_url: detailsUrl } : {}),
    });
  }

  /** Create a check run that is already finished (the verdict on a commit made after the start). */
  async completed(
    name: string,
    headSha: string,
    externalId: string,
    conclusion: Conclusion,
    output: CheckOutput,
    extra: { actions?: CheckAction[]; detailsUrl?: string; startedAt?: Date } = {},
  ): Promise<number> {
    const detailsUrl = extra.detailsUrl ?? this.#o.detailsUrl;
    const { data } = await this.#o.octokit.rest.checks.create({
      owner: this.#o.owner,
      repo: this.#o.repo,
      name,
      head_sha: headSha,
      status: "completed",
      conclusion,
      external_id: externalId,
      ...(extra.startedAt ? { started_at: extra.startedAt.toISOString() } : {}),
      completed_at: new Date().toISOString(),
      output: withinLimits(output, this.#o.detailsUrl),
      ...(extra.actions ? { actions: extra.actions } : {}),
      ...(detailsUrl ? { details_url: detailsUrl } : {}),
    });
    return data.id;
  }
}

/** Check run output within GitHub's limits: each text cut (text-limits.ts), at most 50 annotations. */
export function withinLimits(output: CheckOutput, fullAt?: string): CheckOutput {
  const out: CheckOutput = {
    title: output.title.slice(0, 255),
    summary: clip(output.summary, MAX_SUMMARY, fullAt),
  };
  if (output.text) out.text = clip(output.text, MAX_TEXT, fullAt);
  // GitHub: 50 annotations a request, a title of 255 characters, a message of 64 KB.
  if (output.annotations?.length)
    out.annotations = output.annotations.slice(0, 50).map((a) => ({
      ...a,
      message: clipBytes(a.message, 65_000, fullAt),
      ...(a.title === undefined ? {} : { title: a.title.slice(0, 255) }),
    }));
  return out;
}
