// The GitHub requests the App makes for one repository, one small method each, so handlers read as
// what they do. Octokit stays here and in the catalog reader.
import type { ProbotOctokit } from "probot";
import type { CollaboratorPermission } from "../command/index.ts";

type Octokit = InstanceType<typeof ProbotOctokit>;
export type Reaction = "eyes" | "rocket" | "confused" | "+1";

export interface DispatchInputs {
  scenario: string;
  /** Parameters as JSON. */
  params: string;
  "run-id": string;
  command: "run" | "resume" | "rollback" | "cancel";
  "issue-number": string;
}

export class RepoApi {
  readonly octokit: Octokit;
  readonly owner: string;
  readonly repo: string;

  constructor(octokit: Octokit, owner: string, repo: string) {
    this.octokit = octokit;
    this.owner = owner;
    this.repo = repo;
  }

  get ref() {
    return { owner: this.owner, repo: this.repo };
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  async react(commentId: number, content: Reaction): Promise<void> {
    await this.octokit.rest.reactions.createForIssueComment({ ...this.ref, comment_id: commentId, content });
  }

  async reply(issueNumber: number, body: string): Promise<{ id: number; url: string }> {
    const { data } = await this.octokit.rest.issues.createComment({
      ...this.ref,
      issue_number: issueNumber,
      body,
    });
    return { id: data.id, url: data.html_url };
  }

  async getComment(commentId: number): Promise<{ body: string; updatedAt: string }> {
    const { data } = await this.octokit.rest.issues.getComment({ ...this.ref, comment_id: commentId });
    return { body: data.body ?? "", updatedAt: data.updated_at };
  }

  async updateComment(commentId: number, body: string): Promise<void> {
    await this.octokit.rest.issues.updateComment({ ...this.ref, comment_id: commentId, body });
  }

  async permission(username: string): Promise<CollaboratorPermission> {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({
        ...this.ref,
        username,
      });
      return { permission: data.permission, role_name: data.role_name };
    } catch (error) {
      // A user GitHub doesn't know (deleted, renamed) has no role here.
      if ((error as { status?: number }).status === 404) return { permission: "none", role_name: "none" };
      throw error;
    }
  }

  /** The commit the branch points at. */
  async branchSha(branch: string): Promise<string> {
    const { data } = await this.octokit.rest.git.getRef({ ...this.ref, ref: `heads/${branch}` });
    return data.object.sha;
  }

  async dispatch(workflow: string, ref: string, inputs: DispatchInputs): Promise<void> {
    await this.octokit.rest.actions.createWorkflowDispatch({
      ...this.ref,
      workflow_id: workflow,
      ref,
      inputs: { ...inputs },
    });
  }

  /** `owner/name` of a pull request's head repository (undefined when that fork was deleted). */
  async pullHeadRepo(number: number): Promise<string | undefined> {
    const { data } = await this.octokit.rest.pulls.get({ ...this.ref, pull_number: number });
    return data.head.repo?.full_name;
  }
}
