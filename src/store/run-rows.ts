// Rows of the execution-tracking tables and their mapping to the engine's records.
import type { RunRecord, RunStatus, StepRecord } from "../engine/ports.ts";
import type { ParameterValue, StepKind } from "../scenario/types.ts";

export interface RunRow {
  id: string;
  scenario_id: string;
  params: Record<string, ParameterValue>;
  status: RunStatus;
  repository: string;
  target: string;
  branch: string;
  base_branch: string;
  base_sha: string | null;
  head_sha: string | null;
  issue_number: number | null;
  pull_request: number | null;
  checklist_comment_id: string | number | null;
  triggered_by: string | null;
  error: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface StepRow {
  run_id: string;
  step_index: number;
  scenario_id: string;
  step_number: number;
  name: string;
  kind: StepKind;
  status: StepRecord["status"];
  commit_sha: string | null;
  check_run_id: string | number | null;
  started_at: Date | null;
  finished_at: Date | null;
  output_tail: string | null;
  error: string | null;
}

export interface TaskRow {
  run_id: string;
  step_index: number;
  item: number;
  text: string;
  done: boolean;
  done_by: string | null;
}

/** Run fields and their columns, for inserts and patches. */
export const RUN_COLUMNS = {
  scenarioId: "scenario_id",
  params: "params",
  status: "status",
  repository: "repository",
  target: "target",
  branch: "branch",
  baseBranch: "base_branch",
  baseSha: "base_sha",
  headSha: "head_sha",
  issueNumber: "issue_number",
  pullRequest: "pull_request",
  checklistCommentId: "checklist_comment_id",
  triggeredBy: "triggered_by",
  error: "error",
  updatedAt: "updated_at",
} as const satisfies Partial<Record<keyof RunRecord, string>>;

export function opt<T>(value: T | null): T | undefined {
  return value === null ? undefined : value;
}

export function toRun(row: RunRow): RunRecord {
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    params: row.params,
    status: row.status,
    repository: row.repository,
    target: row.target,
    branch: row.branch,
    baseBranch: row.base_branch,
    baseSha: opt(row.base_sha),
    headSha: opt(row.head_sha),
    issueNumber: opt(row.issue_number),
    pullRequest: opt(row.pull_request),
    checklistCommentId:
      row.checklist_comment_id === null || row.checklist_comment_id === undefined
        ? undefined
        : Number(row.checklist_comment_id),
    triggeredBy: opt(row.triggered_by),
    error: opt(row.error),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function toStep(row: StepRow): StepRecord {
  return {
    runId: row.run_id,
    index: row.step_index,
    scenarioId: row.scenario_id,
    number: row.step_number,
    name: row.name,
    kind: row.kind,
    status: row.status,
    commitSha: opt(row.commit_sha),
    checkRunId: row.check_run_id === null ? undefined : Number(row.check_run_id),
    startedAt: row.started_at ? new Date(row.started_at) : undefined,
    finishedAt: row.finished_at ? new Date(row.finished_at) : undefined,
    outputTail: opt(row.output_tail),
    error: opt(row.error),
  };
}

export function toColumnValue(key: keyof typeof RUN_COLUMNS, value: unknown): unknown {
  if (value === undefined) return null;
  if (key === "params") return JSON.stringify(value);
  return value;
}
