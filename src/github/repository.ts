// One repository on GitHub, for the App and the Action alike: the requests scenario-bot makes, one
// small method each, grouped by what they touch (issues and comments, pull requests, check runs,
// workflow runs), so callers read as what they do and Octokit stays in src/github.
import type { CollaboratorPermission } from "../command/permission.ts";
import { CheckRuns } from "./check-runs.ts";
import { Issues } from "./issues.ts";
import type { GitHubClient } from "./octokit.ts";
import { PullRequests } from "./pull-request.ts";
import type { FullText } from "./text-limits.ts";
import { WorkflowRuns } from "./workflow-runs.ts";

/** The inputs of the scenario workflow's `workflow_dispatch`; every value is text (GitHub's rule). */
export interface DispatchInputs {
  scenario: string;
  /** Parameters as JSON. */
  params: string;
  "run-id": string;
  /** `check`: the changed documents of pull request `issue-number` validated and self-tested. */
  command: "run" | "resume" | "rollback" | "cancel" | "check";
  "issue-number": string;
}

export class GitHubRepository {
  readonly octokit: GitHubClient;
  readonly owner: string;
  readonly repo: string;
  readonly issues: Issues;
  readonly pulls: PullRequests;
  readonly checks: CheckRuns;
  readonly workflowRuns: WorkflowRuns;

  constructor(
    octokit: GitHubClient,
    owner: string,
    repo: string,
    options: { detailsUrl?: string; bodies?: FullText } = {},
  ) {
    this.octokit = octokit;
    this.owner = owner;
    this.repo = repo;
    const ref = { octokit, owner, repo };
    const bodies = options.bodies ? { bodies: options.bodies } : {};
    this.issues = new Issues({ ...ref, ...bodies });
    this.pulls = new PullRequests({ ...ref, ...bodies });
    this.checks = new CheckRuns({
      ...ref,
      ...(options.detailsUrl ? { detailsUrl: options.detailsUrl } : {}),
    });
    this.workflowRuns = new WorkflowRuns(ref);
  }

  get ref() {
    return { owner: this.owner, repo: this.repo };
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  /** The person's permission; a user GitHub does not know (deleted, renamed) has no role here. */
  async permission(username: string): Promise<CollaboratorPermission> {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({
        ...this.ref,
        username,
      });
      return { permission: data.permission, ...(data.role_name ? { role_name: data.role_name } : {}) };
    } catch (error) {
      if ((error as { status?: number }).status === 404) return { permission: "none", role_name: "none" };
      throw error;
    }
  }

  /** The commit the branch points at. */
  async branchSha(branch: string): Promise<string> {
    const { data } = await this.octokit.rest.git.getRef({ ...this.ref, ref: `heads/${branch}` });
    return data.object.sha;
  }

  /** Whether `path` (a file or a folder) is there at `ref`. */
  async exists(path: string, ref: string): Promise<boolean> {
    try {
      await this.octokit.rest.repos.getContent({ ...this.ref, path, ref });
      return true;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return false;
      throw error;
    }
  }

  /**
   * The folders directly in `path` at `ref`, sorted; [] where there is none. One contents read (GitHub
   * lists up to 1,000 entries of a folder), not the whole tree.
   */
  async folders(path: string, ref: string): Promise<string[]> {
    let data: unknown;
    try {
      ({ data } = await this.octokit.rest.repos.getContent({ ...this.ref, path, ref }));
    } catch (error) {
      if ((error as { status?: number }).status === 404) return [];
      throw error;
    }
    if (!Array.isArray(data)) return [];
    return (data as { type?: string; name?: string }[])
      .filter((e) => e.type === "dir" && typeof e.name === "string")
      .map((e) => e.name as string)
      .sort();
  }

  /**
   * A file's text at `ref`, or why it is not text to copy: missing, larger than `maxBytes` (GitHub
   * sends no content past 1 MB), or binary (a NUL byte, or not UTF-8).
   */
  async fileText(
    path: string,
    ref: string,
    maxBytes: number,
  ): Promise<{ text: string } | { skipped: string }> {
    let data: unknown;
    try {
      ({ data } = await this.octokit.rest.repos.getContent({ ...this.ref, path, ref }));
    } catch (error) {
      if ((error as { status?: number }).status === 404)
        return { skipped: `not found at ${ref.slice(0, 7)}` };
      throw error;
    }
    const file = data as { type?: string; size?: number; content?: string; encoding?: string };
    if (Array.isArray(data) || file.type !== "file") return { skipped: "not a file" };
    if ((file.size ?? 0) > maxBytes || file.encoding !== "base64")
      return { skipped: `${file.size ?? "?"} bytes, more than the ${maxBytes} copied into a draft` };
    const bytes = Buffer.from(file.content ?? "", "base64");
    if (bytes.includes(0)) return { skipped: "a binary file" };
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
    } catch {
      return { skipped: "not UTF-8 text" };
    }
  }

  async dispatch(workflow: string, ref: string, inputs: DispatchInputs): Promise<void> {
    await this.octokit.rest.actions.createWorkflowDispatch({
      ...this.ref,
      workflow_id: workflow,
      ref,
      inputs: { ...inputs },
    });
  }
}
