// Issues and issue comments the action writes: the run's checklist comment, the dev task issue, and
// the "Archive audit" issue. Found again by hidden markers, so they are edited in place, never duplicated;
// a comment is found only among those the action's own identity wrote (anyone can type a marker).
// Every body goes through `fitBody` (text-limits.ts): GitHub refuses one past 65,536 characters.
import type { GitHubClient } from "./octokit.ts";
import { type FullText, fitBody } from "./text-limits.ts";

/** Who a workflow's GITHUB_TOKEN acts as: every workflow of the repository, so never scenario-bot's App. */
export const GITHUB_ACTIONS_LOGIN = "github-actions[bot]";

export interface IssueComment {
  id: number;
  body: string;
  url: string;
  /** Who wrote it. */
  author?: string;
}

export interface IssuesOptions {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** Where the whole of a body cut to GitHub's limit can be read. */
  bodies?: FullText;
}

export class Issues {
  readonly #o: IssuesOptions;
  constructor(options: IssuesOptions) {
    this.#o = options;
  }

  #viewer: Promise<string> | undefined;

  /** The login the token acts as (`github-actions[bot]`, `<app>[bot]`, or a person for a PAT). */
  viewerLogin(): Promise<string> {
    this.#viewer ??= this.#o.octokit
      .graphql<{ viewer: { login: string } }>("query { viewer { login } }")
      .then((r) => r.viewer.login);
    this.#viewer.catch(() => {
      this.#viewer = undefined;
    });
    return this.#viewer;
  }

  /**
   * Whether `login` is this token's own identity: scenario-bot's, the one author whose hidden markers
   * are read. Anyone can type a marker, and any other bot or App can post one: a user of type `Bot` is
   * not scenario-bot.
   */
  async isOwn(login: string | null | undefined): Promise<boolean> {
    return Boolean(login) && login === (await this.viewerLogin());
  }

  /** The comments on the issue this token's identity wrote, oldest first. */
  async ownComments(issue: number): Promise<IssueComment[]> {
    const [me, comments] = await Promise.all([
      this.viewerLogin(),
      this.#o.octokit.paginate(this.#o.octokit.rest.issues.listComments, {
        owner: this.#o.owner,
        repo: this.#o.repo,
        issue_number: issue,
        per_page: 100,
      }),
    ]);
    return comments
      .filter((c) => c.user?.login === me)
      .map((c) => ({ id: c.id, body: c.body ?? "", url: c.html_url, author: me }));
  }

  /** The first comment on the issue whose body contains `marker` and that this token's identity wrote. */
  async findOwnComment(issue: number, marker: string): Promise<IssueComment | undefined> {
    return (await this.ownComments(issue)).find((c) => c.body.includes(marker));
  }

  async react(commentId: number, content: "eyes" | "rocket" | "confused" | "+1"): Promise<void> {
    await this.#o.octokit.rest.reactions.createForIssueComment({
      owner: this.#o.owner,
      repo: this.#o.repo,
      comment_id: commentId,
      content,
    });
  }

  async getComment(id: number): Promise<IssueComment> {
    const { data } = await this.#o.octokit.rest.issues.getComment({
      owner: this.#o.owner,
      repo: this.#o.repo,
      comment_id: id,
    });
    return {
      id: data.id,
      body: data.body ?? "",
      url: data.html_url,
      ...(data.user?.login ? { author: data.user.login } : {}),
    };
  }

  #fit(body: string, what: string): string {
    return fitBody(body, { ...this.#o.bodies, what });
  }

  async comment(issue: number, body: string): Promise<IssueComment> {
    const { data } = await this.#o.octokit.rest.issues.createComment({
      owner: this.#o.owner,
      repo: this.#o.repo,
      issue_number: issue,
      body: this.#fit(body, `the comment on #${issue}`),
    });
    return {
      id: data.id,
      body: data.body ?? "",
      url: data.html_url,
      ...(data.user?.login ? { author: data.user.login } : {}),
    };
  }

  async editComment(id: number, body: string): Promise<void> {
    await this.#o.octokit.rest.issues.updateComment({
      owner: this.#o.owner,
      repo: this.#o.repo,
      comment_id: id,
      body: this.#fit(body, `comment ${id}`),
    });
  }

  async create(input: {
    title: string;
    body: string;
    labels?: string[];
  }): Promise<{ number: number; url: string }> {
    const { data } = await this.#o.octokit.rest.issues.create({
      owner: this.#o.owner,
      repo: this.#o.repo,
      title: input.title,
      body: this.#fit(input.body, `the new issue "${input.title}"`),
      ...(input.labels ? { labels: input.labels } : {}),
    });
    return { number: data.number, url: data.html_url };
  }

  /** Open or closed issues carrying `label` whose body contains `marker`, newest first. */
  async findIssue(
    label: string,
    marker: string,
  ): Promise<{ number: number; state: string; body: string } | undefined> {
    const issues = await this.#o.octokit.paginate(this.#o.octokit.rest.issues.listForRepo, {
      owner: this.#o.owner,
      repo: this.#o.repo,
      labels: label,
      state: "all",
      per_page: 100,
    });
    const found = issues.find((i) => !i.pull_request && (i.body ?? "").includes(marker));
    return found ? { number: found.number, state: found.state, body: found.body ?? "" } : undefined;
  }

  async update(
    number: number,
    patch: { body?: string; state?: "open" | "closed"; title?: string },
  ): Promise<void> {
    await this.#o.octokit.rest.issues.update({
      owner: this.#o.owner,
      repo: this.#o.repo,
      issue_number: number,
      ...patch,
      ...(patch.body === undefined ? {} : { body: this.#fit(patch.body, `the body of #${number}`) }),
    });
  }
}
