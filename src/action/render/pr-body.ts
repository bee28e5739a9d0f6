// The run's pull request body, rewritten after every step. A hidden marker carries what a later job
// needs to continue the run when its store was embedded (PGlite) and is gone: the PR is durable.
import type { RunRecord, StepRecord } from "../../engine/ports.ts";
import type { ParameterValue } from "../../scenario/types.ts";
import type { RepoLinks } from "./links.ts";
import { runReport } from "./run-report.ts";

export interface RunMarker {
  runId: string;
  scenarioId: string;
  params: Record<string, ParameterValue>;
  baseBranch: string;
  baseSha?: string;
  issueNumber?: number;
  createdAt: string;
}

const MARKER = /<!-- scenario-run-state: ([A-Za-z0-9+/=]+) -->/;

export function markerFor(run: RunRecord): RunMarker {
  const marker: RunMarker = {
    runId: run.id,
    scenarioId: run.scenarioId,
    params: run.params,
    baseBranch: run.baseBranch,
    createdAt: run.createdAt.toISOString(),
  };
  if (run.baseSha) marker.baseSha = run.baseSha;
  if (run.issueNumber) marker.issueNumber = run.issueNumber;
  return marker;
}

/** Base64 so that no parameter value can close the HTML comment or inject markup. */
export function renderMarker(marker: RunMarker): string {
  return `<!-- scenario-run-state: ${Buffer.from(JSON.stringify(marker), "utf8").toString("base64")} -->`;
}

export function parseMarker(body: string): RunMarker | undefined {
  const m = MARKER.exec(body);
  if (!m) return undefined;
  try {
    const value = JSON.parse(Buffer.from(m[1] as string, "base64").toString("utf8")) as RunMarker;
    return typeof value.runId === "string" && typeof value.scenarioId === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

const START = "<!-- scenario-run:start -->";
const END = "<!-- scenario-run:end -->";

/**
 * The PR body with the run's section put in (or replaced) between its markers. What is outside them
 * (a reused pull request's own description) is kept as it is.
 */
export function withRunSection(existing: string, section: string): string {
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  const outside =
    start >= 0 && end > start ? existing.slice(0, start) + existing.slice(end + END.length) : existing;
  const own = outside.trim();
  return `${own ? `${own}\n\n` : ""}${START}\n${section}\n${END}`;
}

/** A body that is only the run's section: a pull request scenario-bot opened (not one it reused). */
export function isRunOnlyBody(body: string): boolean {
  return body.trimStart().startsWith(START);
}

export function prTitle(run: RunRecord): string {
  return `scenario ${run.scenarioId}: ${run.target || run.id}`;
}

export function prBody(input: {
  run: RunRecord;
  steps: StepRecord[];
  links: RepoLinks;
  runUrl?: string;
  /** The checklist comment of a waiting run. */
  checklistUrl?: string;
}): string {
  return [
    renderMarker(markerFor(input.run)),
    `## Scenario \`${input.run.scenarioId}\``,
    "",
    "Opened by scenario-bot: each step of the run is one commit on this branch with its own check run.",
    "",
    `**What to do:** ${whatToDo(input.run, input.checklistUrl)}`,
    "",
    runReport(input),
  ].join("\n");
}

/** What a reader of the pull request can do, in the run's state: one sentence, the commands that apply. */
export function whatToDo(run: RunRecord, checklistUrl?: string): string {
  switch (run.status) {
    case "queued":
    case "running":
      return "nothing yet: the run is going, and this pull request stays a draft until it succeeds. `/scenario cancel` stops it and undoes its steps.";
    case "waiting": {
      const checklist = checklistUrl ? `[the checklist](${checklistUrl})` : "the checklist on the issue";
      return `the run waits on a manual step: tick every item of ${checklist} (or comment \`/scenario resume\` once done). \`/scenario rollback\` undoes the run.`;
    }
    case "succeeded":
      return "review and merge. `/scenario rollback` undoes the run's steps instead.";
    case "failed":
      return "the run failed (see why below); fix the cause and comment `/scenario resume`, or `/scenario rollback` to undo it.";
    case "rolled_back":
      return "nothing: the run was rolled back and cannot be resumed. Start a new run with a new `/scenario` command.";
    case "cancelled":
      return "nothing: the run was cancelled and cannot be resumed. Start a new run with a new `/scenario` command.";
    default:
      return "see the run below.";
  }
}
