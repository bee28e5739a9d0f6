// The `/scenario` dialogue talks to its host through this port. The App implements it by dispatching
// the scenario workflow (src/github-app); the zero-server Action implements it by doing the work in
// its own job (src/action). Everything else (guards, parsing, permission, every reply) is the
// dialogue's, written once, so the same comment gets the same answer from both.
import type { CollaboratorPermission } from "../../command/permission.ts";
import type { RepoConfig } from "../../command/repo-config.ts";
import type { RunRecord, RunStore } from "../../engine/ports.ts";
import type { RepoCatalog } from "../repository/catalog.ts";
import type { AuthoringPort } from "./authoring-port.ts";

export type RunControl = "resume" | "rollback" | "cancel";

/** What the repository says at the commit commands are checked against. */
export interface RepoView {
  config: RepoConfig;
  catalog: RepoCatalog;
  defaultBranch: string;
  /** The commit config and catalog were read at, when known. */
  sha?: string;
}

/** The comment being answered. */
export interface CommentOrigin {
  author: string;
  issueNumber: number;
  commentId: number;
  /** The comment is on a pull request (fork checks apply). */
  onPullRequest: boolean;
}

export interface DialogueHost {
  /** `owner/name`. */
  readonly repository: string;
  /**
   * Whether this comment is answered here for the first time (the App records each delivery); false
   * for a redelivery, and then nothing is written. Reads and planning go on while it is being decided.
   * Always true when absent.
   */
  admitted?(): Promise<boolean>;
  readonly store: RunStore;
  newRunId(): string;
  now(): Date;
  /** The checkout, when the host has one (file paths in a plan are then checked on disk). */
  readonly root?: string;
  /** The repository's config and catalog. */
  repo(): Promise<RepoView>;
  /** The person's permission on the repository (asked once per comment by the host). */
  permission(login: string): Promise<CollaboratorPermission>;
  /** The fork a pull request's head lives in (`owner/name`), or undefined when it is this repository. */
  forkOf(pullNumber: number): Promise<string | undefined>;
  /** Posts a comment on the issue. */
  comment(issueNumber: number, body: string): Promise<void>;
  react(commentId: number, content: "eyes" | "rocket" | "confused"): Promise<void>;
  /**
   * The run of `runId`, or the latest run started from the issue when no id is given; undefined when
   * there is none. Only what scenario-bot itself recorded counts (the store, its own comments, its branches).
   */
  findRun(runId: string | undefined, issueNumber: number): Promise<RunRecord | undefined>;
  /**
   * Starts a run the dialogue has recorded as queued (holding its target's lock): the App dispatches
   * the workflow, the Action runs it in this job. `say` posts the outcome when there is one to tell.
   * True when the run was handed on.
   */
  start(run: RunRecord, say: (body: string) => Promise<void>): Promise<boolean>;
  /** Resumes, rolls back or cancels a run the dialogue has allowed; true when it was handed on. */
  control(run: RunRecord, action: RunControl, say: (body: string) => Promise<void>): Promise<boolean>;
  /** Pull requests read and drafts proposed, for `/scenario learn`. */
  readonly authoring: AuthoringPort;
}
