// The run's pull request: found by its head branch (so a resumed job finds the one an earlier job
// opened), opened once the branch has been pushed, and its body rewritten as steps finish (within
// GitHub's limit: `fitBody`, text-limits.ts).
import type { GitHubClient } from "./octokit.ts";
import { type FullText, fitBody } from "./text-limits.ts";

export interface PullRequestRef {
  number: number;
  /** GraphQL id: marking a draft ready for review has no REST endpoint. */
  nodeId: string;
  draft: boolean;
  body: string;
  headRef: string;
  baseRef: string;
  state: string;
}

/**
 * GitHub refuses `POST /pulls` from a workflow's GITHUB_TOKEN while the repository setting "Allow
 * GitHub Actions to create and approve pull requests" is off (the default): a 403 with this message.
 * https://docs.github.com/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository
 */
export function isActionsPullRequestRefusal(error: unknown): boolean {
  const e = error as { status?: number; message?: string };
  return e.status === 403 && /not permitted to create or approve pull requests/i.test(e.message ?? "");
}

export const ACTIONS_PR_SETTING = "Allow GitHub Actions to create and approve pull requests";

/** What `get` adds to the reference: the pull request's facts. */
export interface PullRequestDetails {
  sameRepo: boolean;
  headRepo?: string;
  title: string;
  merged: boolean;
  /** Set once merged: the merge commit, the squashed commit, or the last rebased one. */
  mergeCommitSha?: string;
  /** The base branch's commit the pull request was last compared with. */
  baseSha: string;
  changedFiles: number;
  additions: number;
  deletions: number;
  /** The pull request's page, and its repository's. */
  url: string;
  repoUrl: string;
}

/** One entry of `GET /repos/{owner}/{repo}/pulls/{n}/files` (the `diff-entry` schema). */
export interface PullRequestFile {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  additions: number;
  deletions: number;
  patch?: string;
  previousFilename?: string;
}

export interface PullRequestsOptions {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  /** Where the whole of a body cut to GitHub's limit can be read. */
  bodies?: FullText;
}

export class PullRequests {
  readonly #o: PullRequestsOptions;
  constructor(options: PullRequestsOptions) {
    this.#o = options;
  }

  async findByHead(branch: string): Promise<PullRequestRef | undefined> {
    const { data } = await this.#o.octokit.rest.pulls.list({
      owner: this.#o.owner,
      repo: this.#o.repo,
      head: `${this.#o.owner}:${branch}`,
      state: "all",
      per_page: 10,
    });
    const open = data.find((pr) => pr.state === "open") ?? data[0];
    return open ? toRef(open) : undefined;
  }

  /** `headRepo`: the `owner/name` its head lives in (undefined when that fork was deleted). */
  async get(number: number): Promise<(PullRequestRef & PullRequestDetails) | undefined> {
    try {
      const { data } = await this.#o.octokit.rest.pulls.get({
        owner: this.#o.owner,
        repo: this.#o.repo,
        pull_number: number,
      });
      const headRepo = data.head.repo?.full_name;
      const sameRepo = headRepo === `${this.#o.owner}/${this.#o.repo}`;
      return {
        ...toRef(data),
        sameRepo,
        ...(headRepo ? { headRepo } : {}),
        title: data.title,
        merged: data.merged,
        ...(data.merge_commit_sha ? { mergeCommitSha: data.merge_commit_sha } : {}),
        baseSha: data.base.sha,
        changedFiles: data.changed_files,
        additions: data.additions,
        deletions: data.deletions,
        url: data.html_url,
        repoUrl: data.base.repo.html_url,
      };
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  /**
   * The files the pull request changes, as `GET /pulls/{n}/files` lists them (100 a page, in path
   * order), at most `max`: GitHub stops at 3,000 whatever the pull request holds.
   */
  async files(number: number, max: number): Promise<PullRequestFile[]> {
    const files: PullRequestFile[] = [];
    for (let page = 1; files.length < max; page++) {
      const { data } = await this.#o.octokit.rest.pulls.listFiles({
        owner: this.#o.owner,
        repo: this.#o.repo,
        pull_number: number,
        per_page: 100,
        page,
      });
      for (const f of data) {
        files.push({
          filename: f.filename,
          status: f.status,
          additions: f.additions,
          deletions: f.deletions,
          ...(f.patch !== undefined ? { patch: f.patch } : {}),
          ...(f.previous_filename ? { previousFilename: f.previous_filename } : {}),
        });
      }
      if (data.length < 100) break;
    }
    return files.slice(0, max);
  }

  /** `draft`: a run still going opens its pull request as a draft; `markReady` ends that when it succeeds. */
  async open(input: {
    branch: string;
    base: string;
    title: string;
    body: string;
    draft?: boolean;
  }): Promise<PullRequestRef> {
    const { data } = await this.#o.octokit.rest.pulls.create({
      owner: this.#o.owner,
      repo: this.#o.repo,
      head: input.branch,
      base: input.base,
      title: input.title,
      body: fitBody(input.body, { ...this.#o.bodies, what: `the pull request from ${input.branch}` }),
      maintainer_can_modify: true,
      ...(input.draft ? { draft: true } : {}),
    });
    return toRef(data);
  }

  /**
   * Who wrote the body as it stands: GraphQL `PullRequest.editor` ("The actor who edited this pull
   * request's body"), null while nobody has edited it, and then `author` wrote it. REST has no such field.
   * https://docs.github.com/graphql/reference/objects#pullrequest (and the `Comment` interface it
   * implements: `editor`, `lastEditedAt`, `userContentEdits`)
   * GraphQL names a bot without REST's `[bot]` (`author { login }` is `dependabot`, REST's user is
   * `dependabot[bot]`), while `viewer { login }` of an installation token keeps it: the login returned is
   * in REST's form, so it compares with `Issues.viewerLogin` and with comment authors.
   */
  async bodyWriter(number: number): Promise<{ login: string; edited: boolean } | undefined> {
    const { repository } = await this.#o.octokit.graphql<{
      repository: { pullRequest: { author: GraphQLActor | null; editor: GraphQLActor | null } | null } | null;
    }>(
      "query($owner: String!, $repo: String!, $number: Int!) { repository(owner: $owner, name: $repo) { pullRequest(number: $number) { author { __typename login } editor { __typename login } } } }",
      { owner: this.#o.owner, repo: this.#o.repo, number },
    );
    const pr = repository?.pullRequest;
    const actor = pr?.editor ?? pr?.author;
    if (!pr || !actor) return undefined;
    return { login: restLogin(actor), edited: pr.editor !== null };
  }

  /** https://docs.github.com/graphql/reference/mutations#markpullrequestreadyforreview */
  async markReady(nodeId: string): Promise<void> {
    await this.#o.octokit.graphql(
      "mutation($id: ID!) { markPullRequestReadyForReview(input: { pullRequestId: $id }) { pullRequest { isDraft } } }",
      { id: nodeId },
    );
  }

  async setBody(number: number, body: string): Promise<void> {
    await this.#o.octokit.rest.pulls.update({
      owner: this.#o.owner,
      repo: this.#o.repo,
      pull_number: number,
      body: fitBody(body, { ...this.#o.bodies, what: `the body of pull request #${number}` }),
    });
  }

  async close(number: number): Promise<void> {
    await this.#o.octokit.rest.pulls.update({
      owner: this.#o.owner,
      repo: this.#o.repo,
      pull_number: number,
      state: "closed",
    });
  }
}

interface GraphQLActor {
  __typename: string;
  login: string;
}

/** A GraphQL actor's login as REST writes it: a `Bot` gets its `[bot]` back. */
function restLogin(actor: GraphQLActor): string {
  return actor.__typename === "Bot" && !actor.login.endsWith("[bot]") ? `${actor.login}[bot]` : actor.login;
}

function toRef(pr: {
  number: number;
  node_id: string;
  draft?: boolean;
  body?: string | null;
  head: { ref: string };
  base: { ref: string };
  state: string;
}) {
  return {
    number: pr.number,
    nodeId: pr.node_id,
    draft: pr.draft ?? false,
    body: pr.body ?? "",
    headRef: pr.head.ref,
    baseRef: pr.base.ref,
    state: pr.state,
  };
}
