// The endpoints the App and the Action use, answered from the fake's state the way GitHub answers.
// Each handler serves one operation of GitHub's REST description, by its operationId: the server has
// already matched the request to it and checked parameters and body against the description
// (openapi/check.ts), so a handler only reads and changes state.
import type { operations } from "@octokit/openapi-types";
import { commentEvent, startWorkflow } from "./deliveries.ts";
import { type Identity, startsWorkflows } from "./identity.ts";
import * as shape from "./shapes.ts";
import { commit, editBody, type FakeIssue, type FakeRepo, type FakeState, findRepo, sha1 } from "./state.ts";

export interface RouteContext {
  state: FakeState;
  base: string;
  /** Path parameters by the description's names, percent-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The request's Accept header (`application/vnd.github.raw` asks for a file's bytes). */
  accept: string;
  /** Who the request's token acts as (identity.ts). */
  identity: Identity;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  /** Sent as is with `text/plain` instead of JSON (raw media type). */
  raw?: string;
}

export class HttpError extends Error {
  readonly status: number;
  readonly errors?: unknown[];
  constructor(status: number, message: string, errors?: unknown[]) {
    super(message);
    this.status = status;
    this.errors = errors;
  }
}

type Handler = (ctx: RouteContext) => RouteResult;
export interface Route {
  /** The operationId in GitHub's REST description. */
  operation: keyof operations;
  /** `app` routes need the App's JWT; `repo` routes need an installation or user token. */
  auth: "app" | "repo";
  handler: Handler;
}

/** The JSON body of an operation, as the description types it (already checked against it). */
type BodyOf<Id extends keyof operations> = operations[Id] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;

function serve<Id extends keyof operations>(
  operation: Id,
  handler: (ctx: RouteContext & { body: BodyOf<Id> }) => RouteResult,
  auth: "app" | "repo" = "repo",
): Route {
  return { operation, auth, handler: handler as Handler };
}

const now = () => new Date().toISOString();

function repoOf(ctx: RouteContext): FakeRepo {
  const repo = findRepo(ctx.state, ctx.params.owner as string, ctx.params.repo as string);
  if (!repo) throw new HttpError(404, "Not Found");
  return repo;
}

function num(ctx: RouteContext, key: string): number {
  const n = Number(ctx.params[key]);
  if (!Number.isSafeInteger(n)) throw new HttpError(404, "Not Found");
  return n;
}

function issueOf(repo: FakeRepo, n: number): FakeIssue {
  const issue = repo.issues.get(n);
  if (!issue) throw new HttpError(404, "Not Found");
  return issue;
}

function commentOf(repo: FakeRepo, id: number) {
  const c = repo.comments.get(id);
  if (!c) throw new HttpError(404, "Not Found");
  return c;
}

function files(repo: FakeRepo, ref: string | null): { sha: string; files: Map<string, string> } {
  const name = ref ?? repo.defaultBranch;
  const sha = repo.branches.get(name.replace(/^refs\/heads\//, "")) ?? name;
  const found = repo.commits.get(sha);
  if (!found) throw new HttpError(404, `No commit found for the ref ${name}`);
  return { sha, files: found };
}

/** The next issue or pull request number (tests may have seeded some numbers directly). */
function nextNumber(repo: FakeRepo): number {
  while (repo.issues.has(repo.nextNumber)) repo.nextNumber++;
  return repo.nextNumber++;
}

/** An event the request caused, recorded with whether it would start workflow runs. */
function caused(
  ctx: RouteContext,
  repo: FakeRepo,
  name: "issue_comment" | "pull_request" | "issues" | "push",
  action: string,
  number: number,
): void {
  repo.events.push({
    name,
    action,
    number,
    by: ctx.identity.user.login,
    startsWorkflows: startsWorkflows(ctx.identity, name),
  });
}

function labelNames(labels: (string | { name?: string })[]): string[] {
  return labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean);
}

export const routes: Route[] = [
  serve(
    "apps/create-installation-access-token",
    (ctx) => {
      const token = `ghs_${sha1(`${ctx.params.installation_id}${ctx.state.tokens.size}`).slice(0, 36)}`;
      ctx.state.tokens.add(token);
      return {
        status: 201,
        body: {
          token,
          expires_at: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, "Z"),
          permissions: {
            issues: "write",
            checks: "write",
            actions: "write",
            contents: "write",
            pull_requests: "write",
            metadata: "read",
          },
          repository_selection: "all",
        },
      };
    },
    "app",
  ),
  serve("repos/get", (ctx) => ({
    status: 200,
    body: shape.repository(ctx.base, repoOf(ctx)),
  })),
  serve("reactions/create-for-issue-comment", (ctx) => {
    const repo = repoOf(ctx);
    commentOf(repo, num(ctx, "comment_id"));
    const { content } = ctx.body;
    return { status: 201, body: shape.reaction(ctx.base, ctx.state.nextId++, ctx.identity.user, content) };
  }),
  serve("issues/get-comment", (ctx) => {
    const repo = repoOf(ctx);
    return { status: 200, body: shape.comment(ctx.base, repo, commentOf(repo, num(ctx, "comment_id"))) };
  }),
  serve("issues/update-comment", (ctx) => {
    const repo = repoOf(ctx);
    const c = commentOf(repo, num(ctx, "comment_id"));
    const from = c.body;
    c.body = ctx.body.body;
    c.updatedAt = now();
    commentEvent(ctx.state, ctx.base, repo, "edited", c, { identity: ctx.identity }, { body: { from } });
    return { status: 200, body: shape.comment(ctx.base, repo, c) };
  }),
  serve("issues/list-comments", (ctx) => {
    const repo = repoOf(ctx);
    const n = num(ctx, "issue_number");
    issueOf(repo, n);
    const list = [...repo.comments.values()].filter((c) => c.issueNumber === n);
    return { status: 200, body: list.map((c) => shape.comment(ctx.base, repo, c)) };
  }),
  serve("issues/create-comment", (ctx) => {
    const repo = repoOf(ctx);
    const n = num(ctx, "issue_number");
    issueOf(repo, n);
    const { body } = ctx.body;
    const c = {
      id: ctx.state.nextId++,
      issueNumber: n,
      body,
      user: ctx.identity.user,
      createdAt: now(),
      updatedAt: now(),
    };
    repo.comments.set(c.id, c);
    commentEvent(ctx.state, ctx.base, repo, "created", c, { identity: ctx.identity });
    return { status: 201, body: shape.comment(ctx.base, repo, c) };
  }),
  serve("repos/get-collaborator-permission-level", (ctx) => {
    const repo = repoOf(ctx);
    const login = ctx.params.username as string;
    const known = repo.roles.get(login);
    // GitHub answers 404 for a user who doesn't exist; any existing user gets their effective role.
    if (!known && login.startsWith("ghost-")) throw new HttpError(404, "Not Found");
    const role = known?.role ?? (repo.private ? "none" : "read");
    return {
      status: 200,
      body: shape.collaboratorPermission(
        ctx.base,
        login,
        role,
        known?.roleName ?? role,
        Number.parseInt(sha1(login).slice(0, 7), 16),
      ),
    };
  }),
  serve("actions/create-workflow-dispatch", (ctx) => {
    const repo = repoOf(ctx);
    const workflow = repo.workflows.get(ctx.params.workflow_id as string);
    if (!workflow) throw new HttpError(404, "Not Found");
    const body = ctx.body;
    if (!repo.branches.has(body.ref.replace(/^refs\/heads\//, "")))
      throw new HttpError(422, `No ref found for: ${body.ref}`);
    const inputs = body.inputs ?? {};
    if (Object.keys(inputs).length > 25)
      throw new HttpError(422, "you may only define up to 25 `inputs` for a `workflow_dispatch` event");
    if (workflow.inputs) {
      const unexpected = Object.keys(inputs).filter((k) => !workflow.inputs?.[k]);
      if (unexpected.length)
        throw new HttpError(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
      for (const [name, decl] of Object.entries(workflow.inputs)) {
        if (decl.required && inputs[name] === undefined)
          throw new HttpError(422, `Required input '${name}' not provided`);
      }
    }
    const workflowId = ctx.params.workflow_id as string;
    startWorkflow(
      ctx.state,
      repo,
      workflowId,
      "workflow_dispatch",
      {
        inputs,
        ref: body.ref,
        repository: shape.repository(ctx.base, repo),
        sender: shape.user(ctx.base, ctx.identity.user),
        workflow: `.github/workflows/${workflowId}`,
      },
      body.ref,
    );
    return { status: 204 };
  }),
  // https://docs.github.com/rest/actions/workflow-runs#list-workflow-runs-for-a-workflow: by the
  // workflow's file name (or id), filtered by event and by status (a status or a conclusion), newest first.
  serve("actions/list-workflow-runs", (ctx) => {
    const repo = repoOf(ctx);
    const workflow = ctx.params.workflow_id as string;
    const known = [...repo.workflows.keys()].find(
      (w) => w === workflow || String(Number.parseInt(sha1(w).slice(0, 7), 16)) === workflow,
    );
    if (!known) throw new HttpError(404, "Not Found");
    const event = ctx.query.get("event");
    const status = ctx.query.get("status");
    const perPage = Math.min(Number(ctx.query.get("per_page") ?? 30), 100);
    const page = Number(ctx.query.get("page") ?? 1);
    const matching = [...repo.workflowRuns.values()]
      .filter(
        (r) =>
          r.workflow === known &&
          (!event || r.event === event) &&
          (!status || r.status === status || r.conclusion === status),
      )
      .sort((a, b) => b.id - a.id);
    return {
      status: 200,
      body: {
        total_count: matching.length,
        workflow_runs: matching
          .slice((page - 1) * perPage, page * perPage)
          .map((r) => shape.workflowRun(ctx.base, repo, r)),
      },
    };
  }),
  // https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run
  serve("actions/get-workflow-run", (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.workflowRuns.get(num(ctx, "run_id"));
    if (!run) throw new HttpError(404, "Not Found");
    return { status: 200, body: shape.workflowRun(ctx.base, repo, run) };
  }),
  // https://docs.github.com/rest/actions/workflow-runs#cancel-a-workflow-run: accepted at once; the run
  // stays in progress until its runner has stopped the job.
  serve("actions/cancel-workflow-run", (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.workflowRuns.get(num(ctx, "run_id"));
    if (!run) throw new HttpError(404, "Not Found");
    if (run.status === "completed")
      throw new HttpError(409, "Cannot cancel a workflow run that is completed.");
    run.onCancel?.();
    return { status: 202, body: {} };
  }),
  serve("checks/create", (ctx) => {
    const repo = repoOf(ctx);
    const body = ctx.body;
    const run = {
      id: ctx.state.nextId++,
      name: body.name,
      headSha: body.head_sha,
      status: body.conclusion ? "completed" : (body.status ?? "queued"),
      conclusion: body.conclusion ?? null,
      output: { ...body.output, annotations_count: body.output?.annotations?.length ?? 0 },
      annotations: [...(body.output?.annotations ?? [])],
      actions: body.actions ?? [],
      externalId: body.external_id ?? null,
      detailsUrl: body.details_url ?? null,
      appId: ctx.identity.appId,
      startedAt: body.started_at ?? now(),
      completedAt: body.conclusion ? (body.completed_at ?? now()) : null,
    };
    repo.checkRuns.set(run.id, run);
    return { status: 201, body: shape.checkRun(ctx.base, repo, run) };
  }),
  // https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
  serve("checks/list-for-ref", (ctx) => {
    const repo = repoOf(ctx);
    const ref = ctx.params.ref ?? "";
    const sha = /^[0-9a-f]{40}$/.test(ref) ? ref : repo.branches.get(ref.replace(/^heads\//, ""));
    if (!sha) throw new HttpError(422, `No commit found for SHA: ${ref}`);
    const status = ctx.query.get("status");
    if (status && !["queued", "in_progress", "completed"].includes(status))
      throw new HttpError(422, `Invalid status: ${status}`);
    const name = ctx.query.get("check_name");
    const perPage = Math.min(Number(ctx.query.get("per_page") ?? 30), 100);
    const matching = [...repo.checkRuns.values()].filter(
      (r) => r.headSha === sha && (!status || r.status === status) && (!name || r.name === name),
    );
    return {
      status: 200,
      body: {
        total_count: matching.length,
        check_runs: matching.slice(0, perPage).map((r) => shape.checkRun(ctx.base, repo, r)),
      },
    };
  }),
  serve("checks/get", (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.checkRuns.get(num(ctx, "check_run_id"));
    if (!run) throw new HttpError(404, "Not Found");
    return { status: 200, body: shape.checkRun(ctx.base, repo, run) };
  }),
  serve("checks/update", (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.checkRuns.get(num(ctx, "check_run_id"));
    if (!run) throw new HttpError(404, "Not Found");
    if (run.appId !== ctx.identity.appId)
      throw new HttpError(
        403,
        `Invalid app_id \`${ctx.identity.appId}\` - check run can only be modified by the GitHub App that created it.`,
      );
    const body = ctx.body;
    if (body.name) run.name = body.name;
    if (body.status) run.status = body.status;
    if (body.conclusion) {
      run.conclusion = body.conclusion;
      run.status = "completed";
      run.completedAt = body.completed_at ?? now();
    }
    if (body.output) {
      run.annotations.push(...(body.output.annotations ?? []));
      run.output = { ...body.output, annotations_count: run.annotations.length };
    }
    if (body.actions) run.actions = body.actions;
    return { status: 200, body: shape.checkRun(ctx.base, repo, run) };
  }),
  serve("pulls/list", (ctx) => {
    const repo = repoOf(ctx);
    const state = ctx.query.get("state") ?? "open";
    const head = ctx.query.get("head");
    const base = ctx.query.get("base");
    const list = [...repo.issues.values()].filter(
      (i) =>
        i.pull &&
        (state === "all" || i.state === state) &&
        (!head || `${repo.owner}:${i.pull.head}` === head) &&
        (!base || i.pull.base === base),
    );
    return { status: 200, body: list.map((i) => shape.pull(ctx.base, repo, i)) };
  }),
  serve("pulls/create", (ctx) => {
    const repo = repoOf(ctx);
    if (ctx.identity.kind === "workflow" && !repo.actionsMayCreatePullRequests)
      throw new HttpError(403, "GitHub Actions is not permitted to create or approve pull requests.");
    const body = ctx.body;
    const head = body.head.replace(/^[^:]+:/, "");
    const headSha = repo.branches.get(head);
    if (!headSha || !repo.branches.has(body.base)) {
      throw new HttpError(422, "Validation Failed", [
        { resource: "PullRequest", field: headSha ? "base" : "head", code: "invalid" },
      ]);
    }
    if ([...repo.issues.values()].some((i) => i.pull?.head === head && i.state === "open")) {
      throw new HttpError(422, "Validation Failed", [
        {
          resource: "PullRequest",
          code: "custom",
          message: `A pull request already exists for ${repo.owner}:${head}.`,
        },
      ]);
    }
    if (!body.title)
      throw new HttpError(422, "Validation Failed", [
        { resource: "PullRequest", field: "title", code: "missing_field" },
      ]);
    const issue: FakeIssue = {
      number: nextNumber(repo),
      title: body.title,
      body: body.body ?? null,
      state: "open",
      labels: [],
      user: ctx.identity.user,
      pull: {
        head,
        base: body.base,
        headSha,
        draft: body.draft ?? false,
        merged: false,
        baseSha: repo.branches.get(body.base) as string,
      },
      createdAt: now(),
      updatedAt: now(),
    };
    repo.issues.set(issue.number, issue);
    caused(ctx, repo, "pull_request", "opened", issue.number);
    return { status: 201, body: shape.pull(ctx.base, repo, issue) };
  }),
  serve("pulls/get", (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(repo, num(ctx, "pull_number"));
    if (!issue.pull) throw new HttpError(404, "Not Found");
    return { status: 200, body: shape.pull(ctx.base, repo, issue) };
  }),
  serve("pulls/update", (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(repo, num(ctx, "pull_number"));
    if (!issue.pull) throw new HttpError(404, "Not Found");
    const body = ctx.body;
    if (body.title !== undefined) issue.title = body.title;
    if (body.body !== undefined) editBody(issue, ctx.identity.user, body.body);
    if (body.state) issue.state = body.state;
    if (body.base) issue.pull.base = body.base;
    issue.updatedAt = now();
    return { status: 200, body: shape.pull(ctx.base, repo, issue) };
  }),
  serve("pulls/list-files", (ctx) => {
    const repo = repoOf(ctx);
    const n = num(ctx, "pull_number");
    issueOf(repo, n);
    const page = Number(ctx.query.get("page") ?? 1);
    const perPage = Math.min(Number(ctx.query.get("per_page") ?? 30), 100);
    const all = repo.pullFiles.get(n) ?? [];
    const url = shape.repoUrl(ctx.base, repo);
    return {
      status: 200,
      body: all.slice((page - 1) * perPage, page * perPage).map((f) => ({
        sha: sha1(f.filename),
        filename: f.filename,
        status: f.status,
        additions: f.additions ?? 0,
        deletions: f.deletions ?? 0,
        changes: (f.additions ?? 0) + (f.deletions ?? 0),
        blob_url: `https://github.com/${repo.owner}/${repo.name}/blob/HEAD/${f.filename}`,
        raw_url: `https://github.com/${repo.owner}/${repo.name}/raw/HEAD/${f.filename}`,
        contents_url: `${url}/contents/${f.filename}`,
        ...(f.patch === undefined ? {} : { patch: f.patch }),
      })),
    };
  }),
  // https://docs.github.com/rest/issues/issues#list-repository-issues (pull requests too, marked by
  // `pull_request`), filtered by state and labels as GitHub does.
  serve("issues/list-for-repo", (ctx) => {
    const repo = repoOf(ctx);
    const state = ctx.query.get("state") ?? "open";
    const labels = (ctx.query.get("labels") ?? "").split(",").filter(Boolean);
    const perPage = Math.min(Number(ctx.query.get("per_page") ?? 30), 100);
    const page = Number(ctx.query.get("page") ?? 1);
    const list = [...repo.issues.values()]
      .filter((i) => (state === "all" || i.state === state) && labels.every((l) => i.labels.includes(l)))
      .sort((a, b) => b.number - a.number);
    return {
      status: 200,
      body: list.slice((page - 1) * perPage, page * perPage).map((i) => shape.issue(ctx.base, repo, i)),
    };
  }),
  serve("issues/create", (ctx) => {
    const repo = repoOf(ctx);
    const body = ctx.body;
    const issue: FakeIssue = {
      number: nextNumber(repo),
      title: String(body.title),
      body: body.body ?? null,
      state: "open",
      labels: labelNames(body.labels ?? []),
      user: ctx.identity.user,
      createdAt: now(),
      updatedAt: now(),
    };
    repo.issues.set(issue.number, issue);
    caused(ctx, repo, "issues", "opened", issue.number);
    return { status: 201, body: shape.issue(ctx.base, repo, issue) };
  }),
  serve("issues/get", (ctx) => {
    const repo = repoOf(ctx);
    return { status: 200, body: shape.issue(ctx.base, repo, issueOf(repo, num(ctx, "issue_number"))) };
  }),
  serve("issues/update", (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(repo, num(ctx, "issue_number"));
    const body = ctx.body;
    if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
    if (body.body !== undefined) editBody(issue, ctx.identity.user, body.body);
    if (body.state) issue.state = body.state;
    if (body.labels) issue.labels = labelNames(body.labels);
    issue.updatedAt = now();
    return { status: 200, body: shape.issue(ctx.base, repo, issue) };
  }),
  serve("git/get-ref", (ctx) => {
    const repo = repoOf(ctx);
    const ref = ctx.params.ref as string;
    const sha = ref.startsWith("heads/") ? repo.branches.get(ref.slice("heads/".length)) : undefined;
    if (!sha) throw new HttpError(404, "Not Found");
    return { status: 200, body: shape.gitRef(ctx.base, repo, ref, sha) };
  }),
  // https://docs.github.com/rest/git/refs#create-a-reference: a branch at an existing commit, once.
  serve("git/create-ref", (ctx) => {
    const repo = repoOf(ctx);
    const { ref, sha } = ctx.body;
    if (!repo.commits.has(sha)) throw new HttpError(422, "Object does not exist");
    const branch = ref.replace(/^refs\/heads\//, "");
    if (branch === ref) throw new HttpError(422, "Only branches are created here (refs/heads/...)");
    if (repo.branches.has(branch)) throw new HttpError(422, "Reference already exists");
    repo.branches.set(branch, sha);
    caused(ctx, repo, "push", "created", 0);
    return { status: 201, body: shape.gitRef(ctx.base, repo, ref.slice("refs/".length), sha) };
  }),
  // https://docs.github.com/rest/repos/contents#create-or-update-file-contents: one commit on the
  // branch; replacing a file needs its blob sha ("sha" wasn't supplied: 422; another one: 409).
  serve("repos/create-or-update-file-contents", (ctx) => {
    const repo = repoOf(ctx);
    const path = ctx.params.path as string;
    const body = ctx.body;
    const branch = body.branch ?? repo.defaultBranch;
    const head = repo.branches.get(branch);
    if (!head) throw new HttpError(404, `Branch ${branch} not found`);
    const tree = new Map(repo.commits.get(head) ?? []);
    const existing = tree.get(path);
    if (existing !== undefined && body.sha === undefined)
      throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    if (existing !== undefined && body.sha !== sha1(existing))
      throw new HttpError(409, `${path} does not match ${body.sha}`);
    const content = Buffer.from(body.content, "base64").toString("utf8");
    tree.set(path, content);
    const sha = commit(repo, branch, Object.fromEntries(tree));
    caused(ctx, repo, "push", "pushed", 0);
    const url = shape.repoUrl(ctx.base, repo);
    const html = `https://github.com/${repo.owner}/${repo.name}`;
    const file = shape.contentFile(ctx.base, repo, path, content, sha1(content), branch);
    const { content: _content, encoding: _encoding, ...entry } = file;
    return {
      status: existing === undefined ? 201 : 200,
      body: {
        content: entry,
        commit: {
          sha,
          node_id: Buffer.from(`06:Commit${sha}`).toString("base64"),
          url: `${url}/git/commits/${sha}`,
          html_url: `${html}/commit/${sha}`,
          author: {
            date: now(),
            name: ctx.identity.user.login,
            email: `${ctx.identity.user.id}@users.noreply.github.com`,
          },
          committer: { date: now(), name: "GitHub", email: "noreply@github.com" },
          message: body.message,
          tree: { url: `${url}/git/trees/${sha}`, sha },
          parents: [{ url: `${url}/git/commits/${head}`, html_url: `${html}/commit/${head}`, sha: head }],
          verification: {
            verified: false,
            reason: "unsigned",
            signature: null,
            payload: null,
            verified_at: null,
          },
        },
      },
    };
  }),
  serve("git/get-tree", (ctx) => {
    const repo = repoOf(ctx);
    const { sha, files: tree } = files(repo, ctx.params.tree_sha as string);
    const recursive = ctx.query.has("recursive");
    const entries = new Map<
      string,
      { path: string; mode: string; type: string; sha: string; size?: number; url: string }
    >();
    for (const [path, content] of tree) {
      const parts = path.split("/");
      if (!recursive && parts.length > 1) {
        entries.set(parts[0] as string, {
          path: parts[0] as string,
          mode: "040000",
          type: "tree",
          sha: sha1(parts[0] as string),
          url: "",
        });
        continue;
      }
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join("/");
        entries.set(dir, {
          path: dir,
          mode: "040000",
          type: "tree",
          sha: sha1(dir),
          url: `${shape.repoUrl(ctx.base, repo)}/git/trees/${sha1(dir)}`,
        });
      }
      const blob = sha1(content);
      entries.set(path, {
        path,
        mode: "100644",
        type: "blob",
        sha: blob,
        size: Buffer.byteLength(content),
        url: `${shape.repoUrl(ctx.base, repo)}/git/blobs/${blob}`,
      });
    }
    return {
      status: 200,
      body: {
        sha,
        url: `${shape.repoUrl(ctx.base, repo)}/git/trees/${sha}`,
        tree: [...entries.values()],
        truncated: false,
      },
    };
  }),
  serve("repos/get-content", (ctx) => {
    const repo = repoOf(ctx);
    const path = (ctx.params.path as string).replace(/\/$/, "");
    const ref = ctx.query.get("ref");
    const { files: tree } = files(repo, ref);
    const content = tree.get(path);
    const shownRef = ref ?? repo.defaultBranch;
    if (content !== undefined && /vnd\.github(\.v3)?\.raw/.test(ctx.accept))
      return { status: 200, raw: content };
    if (content !== undefined) {
      return { status: 200, body: shape.contentFile(ctx.base, repo, path, content, sha1(content), shownRef) };
    }
    const children = new Map<string, { type: "file" | "dir"; path: string; content?: string }>();
    for (const [p, c] of tree) {
      if (!p.startsWith(`${path}/`)) continue;
      const rest = p.slice(path.length + 1);
      const name = rest.split("/")[0] as string;
      children.set(
        name,
        rest.includes("/") ? { type: "dir", path: `${path}/${name}` } : { type: "file", path: p, content: c },
      );
    }
    if (children.size === 0) throw new HttpError(404, "Not Found");
    return {
      status: 200,
      body: [...children.entries()].map(([name, child]) => {
        const file = shape.contentFile(
          ctx.base,
          repo,
          child.path,
          child.content ?? "",
          sha1(child.path),
          shownRef,
        );
        const { content: _content, encoding: _encoding, ...rest } = file;
        return { ...rest, name, type: child.type, size: child.type === "dir" ? 0 : rest.size };
      }),
    };
  }),
];
