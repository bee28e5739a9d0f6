// Response bodies with the fields GitHub's REST API returns, typed against @octokit/openapi-types
// so a missing or misspelt field is a type error, not a silent difference.
import type { components } from "@octokit/openapi-types";
import type { FakeCheckRun, FakeComment, FakeIssue, FakeRepo, FakeUser } from "./state.ts";

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
    html_url: `https://github.com/${u.login}`,
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

export function repository(base: string, repo: FakeRepo) {
  const url = repoUrl(base, repo);
  return {
    id: repo.id,
    node_id: Buffer.from(`010:Repository${repo.id}`).toString("base64"),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: repo.private,
    owner: user(base, { login: repo.owner, id: repo.id + 1, type: "Organization" }),
    html_url: `https://github.com/${repo.owner}/${repo.name}`,
    description: null,
    fork: false,
    url,
    default_branch: repo.defaultBranch,
    visibility: repo.private ? "private" : "public",
    archived: false,
    disabled: false,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    pushed_at: "2024-01-01T00:00:00Z",
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
    author_association: "NONE",
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
    labels: i.labels.map((name, n) => ({ id: n + 1, name, color: "ededed", default: false })),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: [...repo.comments.values()].filter((c) => c.issueNumber === i.number).length,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.state === "closed" ? i.updatedAt : null,
    author_association: "NONE",
    ...(i.pull
      ? { pull_request: { url: `${url}/pulls/${i.number}`, html_url: null, diff_url: null, patch_url: null } }
      : {}),
  };
}

export function pull(base: string, repo: FakeRepo, i: FakeIssue) {
  const p = i.pull as NonNullable<FakeIssue["pull"]>;
  const url = repoUrl(base, repo);
  const r = repository(base, repo);
  return {
    ...issue(base, repo, i),
    url: `${url}/pulls/${i.number}`,
    html_url: `https://github.com/${repo.owner}/${repo.name}/pull/${i.number}`,
    diff_url: `https://github.com/${repo.owner}/${repo.name}/pull/${i.number}.diff`,
    patch_url: `https://github.com/${repo.owner}/${repo.name}/pull/${i.number}.patch`,
    issue_url: `${url}/issues/${i.number}`,
    draft: p.draft,
    merged: p.merged,
    merged_at: null,
    merge_commit_sha: null,
    head: { label: `${repo.owner}:${p.head}`, ref: p.head, sha: p.headSha, user: r.owner, repo: r },
    base: {
      label: `${repo.owner}:${p.base}`,
      ref: p.base,
      sha: repo.branches.get(p.base) ?? "",
      user: r.owner,
      repo: r,
    },
  };
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
