// What the fake GitHub knows: repositories with their files, people's roles, issues, comments,
// pull requests and check runs. Tests seed it; handlers read and change it like GitHub would.
import { createHash } from "node:crypto";
import type { Deliveries } from "./deliveries.ts";
import type { Identity } from "./identity.ts";

export type Role = "none" | "read" | "triage" | "write" | "maintain" | "admin";

export interface FakeUser {
  login: string;
  id: number;
  type: "User" | "Bot" | "Organization";
}

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  user: FakeUser;
  createdAt: string;
  updatedAt: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  labels: string[];
  user: FakeUser;
  pull?: {
    head: string;
    base: string;
    headSha: string;
    draft: boolean;
    merged: boolean;
    /** The commit merging it (`merge_commit_sha`), once merged. */
    mergeCommitSha?: string;
    /**
     * `base.sha`: the base branch's head when the pull request was opened, which GitHub does not move
     * as the branch moves on (github/docs#431). Unset: the base branch's head now.
     */
    baseSha?: string;
    /** `owner/name` of the fork the head branch lives in, when it is not this repository. */
    headRepo?: string;
  };
  createdAt: string;
  updatedAt: string;
  /**
   * Who last changed the body, and when; absent while nobody has (then `user` wrote it). GraphQL's
   * `editor` and `lastEditedAt` (https://docs.github.com/graphql/reference/objects#pullrequest).
   */
  editor?: FakeUser;
  lastEditedAt?: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string; annotations_count: number };
  /** Every annotation sent, across create and updates (GitHub appends them). */
  annotations: unknown[];
  actions: unknown[];
  externalId: string | null;
  detailsUrl: string | null;
  /** The app that created it: only that app may update it, and only it gets its buttons' presses. */
  appId: number;
  startedAt: string | null;
  completedAt: string | null;
}

export interface FakeWorkflow {
  /** Declared `workflow_dispatch` inputs; a dispatch with others is refused like GitHub does. */
  inputs?: Record<string, { required?: boolean }>;
}

/** A workflow run, as `GET /actions/runs/{id}` shows it; `onCancel` is the runner stopping its job. */
export interface FakeWorkflowRun {
  id: number;
  workflow: string;
  event: string;
  headBranch: string;
  headSha: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  createdAt: string;
  /**
   * `display_title`: the workflow's `run-name:` as evaluated for this run, else what GitHub puts there
   * for the event (the workflow's name here).
   * https://docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions#run-name
   */
  displayTitle?: string;
  /** Called on `POST /actions/runs/{id}/cancel` while the run is not completed. */
  onCancel?: () => void;
}

export interface FakeRepo {
  owner: string;
  name: string;
  id: number;
  private: boolean;
  defaultBranch: string;
  /** Branch name -> commit sha. */
  branches: Map<string, string>;
  /** Commit sha -> files at that commit (path -> content). */
  commits: Map<string, Map<string, string>>;
  /** login -> role; a login not listed has `read` on a public repository and `none` on a private one. */
  roles: Map<string, { role: Role; roleName?: string }>;
  /** Workflow file name -> declaration. */
  workflows: Map<string, FakeWorkflow>;
  issues: Map<number, FakeIssue>;
  /** Pull request number -> changed files as GitHub lists them. */
  pullFiles: Map<
    number,
    { filename: string; status: string; patch?: string; additions?: number; deletions?: number }[]
  >;
  comments: Map<number, FakeComment>;
  checkRuns: Map<number, FakeCheckRun>;
  workflowRuns: Map<number, FakeWorkflowRun>;
  /** "Allow GitHub Actions to create and approve pull requests" (Settings > Actions): off by default. */
  actionsMayCreatePullRequests: boolean;
  /** Events the API calls caused, and whether GitHub would start workflow runs for them. */
  events: FakeEvent[];
  nextNumber: number;
}

export interface FakeEvent {
  name: "issue_comment" | "pull_request" | "issues" | "push" | "check_run";
  action: string;
  /** The issue or pull request's number; for `check_run`, the check run's id. */
  number: number;
  by: string;
  startsWorkflows: boolean;
  /** The workflow files it started (deliveries.ts), for the events the fake delivers. */
  workflows?: string[];
  /** `check_run` button presses: whether the connected App got it (only the check run's creator does). */
  deliveredToApp?: boolean;
}

export interface FakeState {
  repos: Map<string, FakeRepo>;
  /** Installation id -> token handed out (`POST /app/installations/{id}/access_tokens`). */
  installations: Map<number, { account: string }>;
  tokens: Set<string>;
  /** Token -> who it acts as (identity.ts); a token not listed acts as scenario-bot. */
  identities: Map<string, Identity>;
  nextId: number;
  /** The user the tokens act as: what comments and reactions are attributed to. */
  actor: FakeUser;
  /** The App and the runner events are delivered to, and what is still under way (deliveries.ts). */
  deliveries: Deliveries;
}

export function newState(
  actor: FakeUser = { login: "scenario-bot[bot]", id: 9_000_001, type: "Bot" },
): FakeState {
  return {
    repos: new Map(),
    installations: new Map(),
    tokens: new Set(),
    identities: new Map(),
    nextId: 1_000_000,
    actor,
    deliveries: { connections: {}, pending: new Set(), count: 0 },
  };
}

export function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

export interface RepoSeed {
  owner: string;
  name: string;
  private?: boolean;
  defaultBranch?: string;
  files?: Record<string, string>;
  roles?: Record<string, Role | { role: Role; roleName: string }>;
  workflows?: Record<string, FakeWorkflow>;
  actionsMayCreatePullRequests?: boolean;
}

export function addRepo(state: FakeState, seed: RepoSeed): FakeRepo {
  const defaultBranch = seed.defaultBranch ?? "main";
  const repo: FakeRepo = {
    owner: seed.owner,
    name: seed.name,
    id: state.nextId++,
    private: seed.private ?? false,
    defaultBranch,
    branches: new Map(),
    commits: new Map(),
    roles: new Map(),
    workflows: new Map(Object.entries(seed.workflows ?? { "scenario.yml": {} })),
    issues: new Map(),
    pullFiles: new Map(),
    comments: new Map(),
    checkRuns: new Map(),
    workflowRuns: new Map(),
    actionsMayCreatePullRequests: seed.actionsMayCreatePullRequests ?? false,
    events: [],
    nextNumber: 1,
  };
  for (const [login, role] of Object.entries(seed.roles ?? {})) {
    repo.roles.set(login, typeof role === "string" ? { role } : role);
  }
  commit(repo, defaultBranch, seed.files ?? {});
  state.repos.set(`${seed.owner}/${seed.name}`.toLowerCase(), repo);
  return repo;
}

/** A new commit on `branch` holding exactly `files`; returns its sha. */
export function commit(repo: FakeRepo, branch: string, files: Record<string, string>): string {
  const sha = sha1(`${branch}\n${JSON.stringify(files)}\n${repo.commits.size}`);
  repo.commits.set(sha, new Map(Object.entries(files)));
  repo.branches.set(branch, sha);
  return sha;
}

/**
 * The body set by `by` (through the API with that identity's token, or a person on the web page): a
 * change of the body makes `by` its editor; the same text again is no edit.
 */
export function editBody(issue: FakeIssue, by: FakeUser, body: string | null): void {
  if (body === issue.body) return;
  issue.body = body;
  issue.editor = by;
  issue.lastEditedAt = new Date().toISOString();
  issue.updatedAt = issue.lastEditedAt;
}

export function findRepo(state: FakeState, owner: string, name: string): FakeRepo | undefined {
  return state.repos.get(`${owner}/${name}`.toLowerCase());
}

/** A `scenario.yml` workflow run of `repo` on its default branch (in progress unless told). */
export function addWorkflowRun(
  repo: FakeRepo,
  run: Pick<FakeWorkflowRun, "id" | "headSha"> & Partial<FakeWorkflowRun>,
): FakeWorkflowRun {
  const full: FakeWorkflowRun = {
    workflow: "scenario.yml",
    event: "workflow_dispatch",
    headBranch: repo.defaultBranch,
    status: "in_progress",
    conclusion: null,
    createdAt: new Date().toISOString(),
    ...run,
  };
  repo.workflowRuns.set(full.id, full);
  return full;
}
