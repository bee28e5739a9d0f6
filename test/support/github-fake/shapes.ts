// Response bodies with the fields GitHub's REST API returns, typed against @octokit/openapi-types
// so a missing or misspelt field is a type error, not a silent difference.
import type { components } from "@octokit/openapi-types";
import type { Context } from "probot";
import { GITHUB_ACTIONS_APP_ID, SCENARIO_BOT_APP_ID } from "./identity.ts";
import {
  type FakeCheckRun,
  type FakeComment,
  type FakeIssue,
  type FakeRepo,
  type FakeUser,
  type FakeWorkflowRun,
  sha1,
} from "./state.ts";

type Schemas = components["schemas"];

export function user(base: string, u: FakeUser): Schemas["simple-user"] {
  const url = `${base}/users/${encodeURIComponent(u.login)}`;
  return {
    login: u.login,
    id: u.id,
    node_id: Buffer.from(`04:User${u.id}`).toString("base64"),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: "",
    url,
    // A bot's page is its App's: `renovate[bot]` -> https://github.com/apps/renovate.
    html_url: u.login.endsWith("[bot]")
      ? `https://github.com/apps/${encodeURIComponent(u.login.slice(0, -"[bot]".length))}`
      : `https://github.com/${encodeURIComponent(u.login)}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: u.type,
    site_admin: false,
  };
}

export function repoUrl(base: string, repo: FakeRepo): string {
  return `${base}/repos/${repo.owner}/${repo.name}`;
}

/** `full-repository`, as `GET /repos/{owner}/{repo}` answers; pull requests embed it too. */
export function repository(base: string, repo: FakeRepo) {
  const url = repoUrl(base, repo);
  const html = `https://github.com/${repo.owner}/${repo.name}`;
  return {
    id: repo.id,
    node_id: Buffer.from(`010:Repository${repo.id}`).toString("base64"),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: repo.private,
    owner: user(base, { login: repo.owner, id: repo.id + 1, type: "Organization" }),
    html_url: html,
    description: null,
    fork: false,
    url,
    ...repositoryUrls(url),
    clone_url: `${html}.git`,
    git_url: `git://github.com/${repo.owner}/${repo.name}.git`,
    ssh_url: `git@github.com:${repo.owner}/${repo.name}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: null,
    license: null,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    open_issues: 0,
    open_issues_count: 0,
    network_count: 0,
    subscribers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_downloads: false,
    has_discussions: false,
    visibility: repo.private ? "private" : "public",
    archived: false,
    disabled: false,
    // Fields webhook payloads' `repository` has too (@octokit/webhooks-examples).
    is_template: false,
    topics: [],
    web_commit_signoff_required: false,
    custom_properties: {},
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    pushed_at: "2024-01-01T00:00:00Z",
  } satisfies Schemas["full-repository"];
}

function repositoryUrls(url: string) {
  return {
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    hooks_url: `${url}/hooks`,
  };
}

export function comment(base: string, repo: FakeRepo, c: FakeComment): Schemas["issue-comment"] {
  const url = repoUrl(base, repo);
  return {
    id: c.id,
    node_id: Buffer.from(`012:IssueComment${c.id}`).toString("base64"),
    url: `${url}/issues/comments/${c.id}`,
    html_url: `https://github.com/${repo.owner}/${repo.name}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    body: c.body,
    user: user(base, c.user),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${url}/issues/${c.issueNumber}`,
    author_association: "NONE" as const,
  };
}

export function reaction(
  base: string,
  id: number,
  actor: FakeUser,
  content: Schemas["reaction"]["content"],
): Schemas["reaction"] {
  return {
    id,
    node_id: Buffer.from(`08:Reaction${id}`).toString("base64"),
    user: user(base, actor),
    content,
    created_at: new Date().toISOString(),
  };
}

export function collaboratorPermission(
  base: string,
  login: string,
  role: string,
  roleName: string,
  id: number,
) {
  const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
  return {
    permission,
    role_name: roleName,
    user: {
      ...user(base, { login, id, type: "User" }),
      permissions: {
        admin: role === "admin",
        maintain: role === "admin" || role === "maintain",
        push: ["admin", "maintain", "write"].includes(role),
        triage: role !== "read" && role !== "none",
        pull: role !== "none",
      },
      role_name: roleName,
    },
  } satisfies Schemas["repository-collaborator-permission"];
}

export function checkRun(base: string, repo: FakeRepo, run: FakeCheckRun) {
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: Buffer.from(`08:CheckRun${run.id}`).toString("base64"),
    external_id: run.externalId,
    url: `${repoUrl(base, repo)}/check-runs/${run.id}`,
    html_url: `https://github.com/${repo.owner}/${repo.name}/runs/${run.id}`,
    details_url: run.detailsUrl,
    status: run.status as Schemas["check-run"]["status"],
    conclusion: run.conclusion as Schemas["check-run"]["conclusion"],
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: {
      title: run.output.title ?? null,
      summary: run.output.summary ?? null,
      text: run.output.text ?? null,
      annotations_count: run.output.annotations_count,
      annotations_url: `${repoUrl(base, repo)}/check-runs/${run.id}/annotations`,
    },
    name: run.name,
    check_suite: { id: run.id + 1 },
    app: null,
    pull_requests: [],
  } satisfies Schemas["check-run"];
}

/** The apps the fake knows by id: what a check run's `app` shows for the app that created it. */
const APPS: Record<number, { slug: string; name: string; owner: FakeUser }> = {
  [GITHUB_ACTIONS_APP_ID]: {
    slug: "github-actions",
    name: "GitHub Actions",
    owner: { login: "github", id: 9919, type: "Organization" },
  },
  [SCENARIO_BOT_APP_ID]: {
    slug: "scenario-bot",
    name: "scenario-bot",
    owner: { login: "scenario-bot", id: 9_000_000, type: "Organization" },
  },
};

/** A GitHub App (`integration`), as webhook payloads embed the app that created a check run. */
export function app(base: string, appId: number) {
  const known = APPS[appId] ?? {
    slug: `app-${appId}`,
    name: `app ${appId}`,
    owner: { login: `owner-of-app-${appId}`, id: appId + 1, type: "Organization" as const },
  };
  return {
    id: appId,
    slug: known.slug,
    node_id: Buffer.from(`03:Integration${appId}`).toString("base64"),
    owner: { ...user(base, known.owner), id: known.owner.id },
    name: known.name,
    description: null,
    external_url: `https://github.com/apps/${known.slug}`,
    html_url: `https://github.com/apps/${known.slug}`,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    permissions: { checks: "write", metadata: "read" },
    events: ["check_run"],
  };
}

/**
 * A check run as `check_run` webhooks carry it (`check-run-with-simple-check-suite`): the REST shape
 * with its creator's `app` and its check suite, as in @octokit/webhooks-examples.
 */
export function checkRunEvent(
  base: string,
  repo: FakeRepo,
  run: FakeCheckRun,
): Context<"check_run.requested_action">["payload"]["check_run"] {
  const rest = checkRun(base, repo, run);
  const creator = app(base, run.appId);
  const suite = rest.check_suite.id;
  // GitHub lists the open pull requests whose head is the check run's commit.
  const pulls = [...repo.issues.values()].filter(
    (i) => i.state === "open" && i.pull?.headSha === run.headSha,
  );
  const pullRequests = pulls.map((i) => pullMinimal(base, repo, i));
  return {
    ...rest,
    external_id: run.externalId ?? "",
    details_url: run.detailsUrl ?? "",
    started_at: run.startedAt ?? run.completedAt ?? "",
    status: rest.status as "queued" | "in_progress" | "completed",
    conclusion: run.conclusion as Context<"check_run.requested_action">["payload"]["check_run"]["conclusion"],
    app: creator,
    pull_requests: pullRequests,
    check_suite: {
      id: suite,
      node_id: Buffer.from(`010:CheckSuite${suite}`).toString("base64"),
      head_branch: pulls[0]?.pull?.head ?? null,
      head_sha: run.headSha,
      status: rest.status as "queued" | "in_progress" | "completed",
      conclusion: null,
      url: `${repoUrl(base, repo)}/check-suites/${suite}`,
      before: null,
      after: run.headSha,
      pull_requests: pullRequests,
      app: creator,
      created_at: run.startedAt ?? "",
      updated_at: run.completedAt ?? run.startedAt ?? "",
    },
  };
}

/** `pull-request-minimal`: a pull request as check runs and check suites list it. */
function pullMinimal(base: string, repo: FakeRepo, i: FakeIssue) {
  const self = { id: repo.id, url: repoUrl(base, repo), name: repo.name };
  return {
    id: i.number + repo.id * 1000,
    number: i.number,
    url: `${repoUrl(base, repo)}/pulls/${i.number}`,
    head: { ref: i.pull?.head ?? "", sha: i.pull?.headSha ?? "", repo: self },
    base: { ref: i.pull?.base ?? "", sha: repo.branches.get(i.pull?.base ?? "") ?? "", repo: self },
  };
}

/** `minimal-repository`: the repository as workflow runs (and other listings) embed it. */
export function minimalRepository(base: string, repo: FakeRepo): Schemas["minimal-repository"] {
  return repository(base, repo);
}

export function workflowRun(base: string, repo: FakeRepo, run: FakeWorkflowRun): Schemas["workflow-run"] {
  const url = `${repoUrl(base, repo)}/actions/runs/${run.id}`;
  const workflowId = Number.parseInt(sha1(run.workflow).slice(0, 7), 16);
  const minimal = minimalRepository(base, repo);
  return {
    id: run.id,
    name: run.workflow.replace(/\.ya?ml$/, ""),
    node_id: Buffer.from(`011:WorkflowRun${run.id}`).toString("base64"),
    check_suite_id: run.id + 1,
    head_branch: run.headBranch,
    head_sha: run.headSha,
    path: `.github/workflows/${run.workflow}`,
    run_number: run.id % 1000,
    run_attempt: 1,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    workflow_id: workflowId,
    url,
    html_url: `https://github.com/${repo.owner}/${repo.name}/actions/runs/${run.id}`,
    pull_requests: [],
    created_at: run.createdAt,
    updated_at: run.createdAt,
    run_started_at: run.createdAt,
    jobs_url: `${url}/jobs`,
    logs_url: `${url}/logs`,
    check_suite_url: `${repoUrl(base, repo)}/check-suites/${run.id + 1}`,
    artifacts_url: `${url}/artifacts`,
    cancel_url: `${url}/cancel`,
    rerun_url: `${url}/rerun`,
    workflow_url: `${repoUrl(base, repo)}/actions/workflows/${workflowId}`,
    head_commit: null,
    repository: minimal,
    head_repository: minimal,
    display_title: run.displayTitle ?? run.workflow.replace(/\.ya?ml$/, ""),
  };
}

export function issue(base: string, repo: FakeRepo, i: FakeIssue) {
  const url = repoUrl(base, repo);
  return {
    id: i.number + repo.id * 1000,
    node_id: Buffer.from(`05:Issue${i.number}`).toString("base64"),
    url: `${url}/issues/${i.number}`,
    repository_url: url,
    labels_url: `${url}/issues/${i.number}/labels{/name}`,
    comments_url: `${url}/issues/${i.number}/comments`,
    events_url: `${url}/issues/${i.number}/events`,
    html_url: `https://github.com/${repo.owner}/${repo.name}/${i.pull ? "pull" : "issues"}/${i.number}`,
    number: i.number,
    state: i.state,
    title: i.title,
    body: i.body,
    user: user(base, i.user),
    labels: i.labels.map((name, n) => ({
      id: n + 1,
      node_id: Buffer.from(`08:Label${n + 1}`).toString("base64"),
      url: `${url}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: "ededed",
      default: false,
    })),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: [...repo.comments.values()].filter((c) => c.issueNumber === i.number).length,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.state === "closed" ? i.updatedAt : null,
    author_association: "NONE" as const,
    ...(i.pull
      ? { pull_request: { url: `${url}/pulls/${i.number}`, html_url: null, diff_url: null, patch_url: null } }
      : {}),
  } satisfies Schemas["issue"];
}

/** `pull-request`, as creating, reading and updating one answer (listing answers a subset of it). */
/** A pull request's GraphQL id, unique across the fake's repositories. */
export function pullNodeId(repo: FakeRepo, n: number): string {
  return Buffer.from(`011:PullRequest${repo.id}:${n}`).toString("base64");
}

export function pull(base: string, repo: FakeRepo, i: FakeIssue) {
  const p = i.pull as NonNullable<FakeIssue["pull"]>;
  const files = repo.pullFiles.get(i.number) ?? [];
  const url = repoUrl(base, repo);
  const html = `https://github.com/${repo.owner}/${repo.name}/pull/${i.number}`;
  const r = repository(base, repo);
  return {
    ...issue(base, repo, i),
    node_id: pullNodeId(repo, i.number),
    url: `${url}/pulls/${i.number}`,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${url}/issues/${i.number}`,
    commits_url: `${url}/pulls/${i.number}/commits`,
    review_comments_url: `${url}/pulls/${i.number}/comments`,
    review_comment_url: `${url}/pulls/comments{/number}`,
    comments_url: `${url}/issues/${i.number}/comments`,
    statuses_url: `${url}/statuses/${p.headSha}`,
    _links: {
      self: { href: `${url}/pulls/${i.number}` },
      html: { href: html },
      issue: { href: `${url}/issues/${i.number}` },
      comments: { href: `${url}/issues/${i.number}/comments` },
      review_comments: { href: `${url}/pulls/${i.number}/comments` },
      review_comment: { href: `${url}/pulls/comments{/number}` },
      commits: { href: `${url}/pulls/${i.number}/commits` },
      statuses: { href: `${url}/statuses/${p.headSha}` },
    },
    draft: p.draft,
    merged: p.merged,
    merged_at: p.merged ? i.updatedAt : null,
    merged_by: null,
    merge_commit_sha: p.mergeCommitSha ?? null,
    mergeable: null,
    mergeable_state: "unknown",
    maintainer_can_modify: false,
    auto_merge: null,
    additions: files.reduce((n, f) => n + (f.additions ?? 0), 0),
    deletions: files.reduce((n, f) => n + (f.deletions ?? 0), 0),
    changed_files: files.length,
    commits: 1,
    review_comments: 0,
    head: {
      label: `${p.headRepo?.split("/")[0] ?? repo.owner}:${p.head}`,
      ref: p.head,
      sha: p.headSha,
      user: r.owner,
      repo: p.headRepo ? { ...r, full_name: p.headRepo, fork: true } : r,
    },
    base: {
      label: `${repo.owner}:${p.base}`,
      ref: p.base,
      sha: p.baseSha ?? repo.branches.get(p.base) ?? "",
      user: r.owner,
      repo: r,
    },
  } satisfies Schemas["pull-request"];
}

export function gitRef(base: string, repo: FakeRepo, ref: string, sha: string): Schemas["git-ref"] {
  return {
    ref: `refs/${ref}`,
    node_id: Buffer.from(`03:Ref${ref}`).toString("base64"),
    url: `${repoUrl(base, repo)}/git/refs/${ref}`,
    object: { type: "commit", sha, url: `${repoUrl(base, repo)}/git/commits/${sha}` },
  };
}

export function contentFile(
  base: string,
  repo: FakeRepo,
  path: string,
  content: string,
  sha: string,
  ref: string,
): Schemas["content-file"] {
  const self = `${repoUrl(base, repo)}/contents/${path}?ref=${ref}`;
  const html = `https://github.com/${repo.owner}/${repo.name}/blob/${ref}/${path}`;
  const git = `${repoUrl(base, repo)}/git/blobs/${sha}`;
  return {
    type: "file",
    encoding: "base64",
    size: Buffer.byteLength(content),
    name: path.split("/").pop() as string,
    path,
    content: Buffer.from(content)
      .toString("base64")
      .replace(/(.{60})/g, "$1\n"),
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: `https://raw.githubusercontent.com/${repo.owner}/${repo.name}/${ref}/${path}`,
    _links: { git, html, self },
  };
}
