// The endpoints the App and the Action use, answered from the fake's state the way GitHub answers.
import type { z } from "zod";
import {
  accessTokenBody,
  checkRunCreateBody,
  checkRunUpdateBody,
  commentBody,
  dispatchBody,
  issueCreateBody,
  issueUpdateBody,
  pullCreateBody,
  pullUpdateBody,
  reactionBody,
} from "./schemas.ts";
import * as shape from "./shapes.ts";
import { type FakeIssue, type FakeRepo, type FakeState, findRepo, sha1 } from "./state.ts";

export interface RouteContext {
  state: FakeState;
  base: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The request's Accept header (`application/vnd.github.raw` asks for a file's bytes). */
  accept: string;
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
  method: string;
  pattern: RegExp;
  keys: string[];
  /** `app` routes need the App's JWT; `repo` routes need an installation or user token. */
  auth: "app" | "repo";
  handler: Handler;
}

function route(method: string, path: string, handler: Handler, auth: "app" | "repo" = "repo"): Route {
  const keys: string[] = [];
  const source = path.replace(/[:*](\w+)/g, (m, key: string) => {
    keys.push(key);
    return m.startsWith("*") ? "(.+)" : "([^/]+)";
  });
  return { method, pattern: new RegExp(`^${source}$`), keys, auth, handler };
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const details = result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("\n");
    throw new HttpError(422, `Invalid request.\n\n${details}`);
  }
  return result.data;
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

export const routes: Route[] = [
  route(
    "POST",
    "/app/installations/:id/access_tokens",
    (ctx) => {
      parse(accessTokenBody, ctx.body);
      const token = `ghs_${sha1(`${ctx.params.id}${ctx.state.tokens.size}`).slice(0, 36)}`;
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
            contents: "read",
            pull_requests: "write",
            metadata: "read",
          },
          repository_selection: "all",
        },
      };
    },
    "app",
  ),
  route("GET", "/repos/:owner/:repo", (ctx) => ({
    status: 200,
    body: shape.repository(ctx.base, repoOf(ctx)),
  })),
  route("POST", "/repos/:owner/:repo/issues/comments/:id/reactions", (ctx) => {
    const repo = repoOf(ctx);
    commentOf(repo, num(ctx, "id"));
    const { content } = parse(reactionBody, ctx.body);
    return { status: 201, body: shape.reaction(ctx.base, ctx.state.nextId++, ctx.state.actor, content) };
  }),
  route("GET", "/repos/:owner/:repo/issues/comments/:id", (ctx) => {
    const repo = repoOf(ctx);
    return { status: 200, body: shape.comment(ctx.base, repo, commentOf(repo, num(ctx, "id"))) };
  }),
  route("PATCH", "/repos/:owner/:repo/issues/comments/:id", (ctx) => {
    const repo = repoOf(ctx);
    const c = commentOf(repo, num(ctx, "id"));
    c.body = parse(commentBody, ctx.body).body;
    c.updatedAt = now();
    return { status: 200, body: shape.comment(ctx.base, repo, c) };
  }),
  route("GET", "/repos/:owner/:repo/issues/:number/comments", (ctx) => {
    const repo = repoOf(ctx);
    const n = num(ctx, "number");
    issueOf(repo, n);
    const list = [...repo.comments.values()].filter((c) => c.issueNumber === n);
    return { status: 200, body: list.map((c) => shape.comment(ctx.base, repo, c)) };
  }),
  // GraphQL, only `viewer { login }`: who the token acts as (the Action finds its own comments by it).
  route("POST", "/graphql", (ctx) => {
    const query = String((ctx.body as { query?: string } | undefined)?.query ?? "");
    if (!/viewer\s*\{\s*login\s*\}/.test(query))
      throw new HttpError(400, "the fake answers viewer { login } only");
    return { status: 200, body: { data: { viewer: { login: ctx.state.actor.login } } } };
  }),
  route("POST", "/repos/:owner/:repo/issues/:number/comments", (ctx) => {
    const repo = repoOf(ctx);
    const n = num(ctx, "number");
    issueOf(repo, n);
    const { body } = parse(commentBody, ctx.body);
    const c = {
      id: ctx.state.nextId++,
      issueNumber: n,
      body,
      user: ctx.state.actor,
      createdAt: now(),
      updatedAt: now(),
    };
    repo.comments.set(c.id, c);
    return { status: 201, body: shape.comment(ctx.base, repo, c) };
  }),
  route("GET", "/repos/:owner/:repo/collaborators/:username/permission", (ctx) => {
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
  route("POST", "/repos/:owner/:repo/actions/workflows/:workflow/dispatches", (ctx) => {
    const repo = repoOf(ctx);
    const workflow = repo.workflows.get(ctx.params.workflow as string);
    if (!workflow) throw new HttpError(404, "Not Found");
    const body = parse(dispatchBody, ctx.body);
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
    return { status: 204 };
  }),
  // https://docs.github.com/rest/actions/workflow-runs#get-a-workflow-run
  route("GET", "/repos/:owner/:repo/actions/runs/:id", (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.workflowRuns.get(num(ctx, "id"));
    if (!run) throw new HttpError(404, "Not Found");
    return { status: 200, body: shape.workflowRun(ctx.base, repo, run) };
  }),
  // https://docs.github.com/rest/actions/workflow-runs#cancel-a-workflow-run: accepted at once; the run
  // stays in progress until its runner has stopped the job.
  route("POST", "/repos/:owner/:repo/actions/runs/:id/cancel", (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.workflowRuns.get(num(ctx, "id"));
    if (!run) throw new HttpError(404, "Not Found");
    if (run.status === "completed")
      throw new HttpError(409, "Cannot cancel a workflow run that is completed.");
    run.onCancel?.();
    return { status: 202, body: {} };
  }),
  route("POST", "/repos/:owner/:repo/check-runs", (ctx) => {
    const repo = repoOf(ctx);
    const body = parse(checkRunCreateBody, ctx.body);
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
      startedAt: body.started_at ?? now(),
      completedAt: body.conclusion ? (body.completed_at ?? now()) : null,
    };
    repo.checkRuns.set(run.id, run);
    return { status: 201, body: shape.checkRun(ctx.base, repo, run) };
  }),
  // https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
  route("GET", "/repos/:owner/:repo/commits/:ref/check-runs", (ctx) => {
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
  route("GET", "/repos/:owner/:repo/check-runs/:id", (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.checkRuns.get(num(ctx, "id"));
    if (!run) throw new HttpError(404, "Not Found");
    return { status: 200, body: shape.checkRun(ctx.base, repo, run) };
  }),
  route("PATCH", "/repos/:owner/:repo/check-runs/:id", (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.checkRuns.get(num(ctx, "id"));
    if (!run) throw new HttpError(404, "Not Found");
    const body = parse(checkRunUpdateBody, ctx.body);
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
  route("GET", "/repos/:owner/:repo/pulls", (ctx) => {
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
  route("POST", "/repos/:owner/:repo/pulls", (ctx) => {
    const repo = repoOf(ctx);
    const body = parse(pullCreateBody, ctx.body);
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
      number: repo.nextNumber++,
      title: body.title,
      body: body.body ?? null,
      state: "open",
      labels: [],
      user: ctx.state.actor,
      pull: { head, base: body.base, headSha, draft: body.draft ?? false, merged: false },
      createdAt: now(),
      updatedAt: now(),
    };
    repo.issues.set(issue.number, issue);
    return { status: 201, body: shape.pull(ctx.base, repo, issue) };
  }),
  route("GET", "/repos/:owner/:repo/pulls/:number", (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(repo, num(ctx, "number"));
    if (!issue.pull) throw new HttpError(404, "Not Found");
    return { status: 200, body: shape.pull(ctx.base, repo, issue) };
  }),
  route("PATCH", "/repos/:owner/:repo/pulls/:number", (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(repo, num(ctx, "number"));
    if (!issue.pull) throw new HttpError(404, "Not Found");
    const body = parse(pullUpdateBody, ctx.body);
    if (body.title !== undefined) issue.title = body.title;
    if (body.body !== undefined) issue.body = body.body;
    if (body.state) issue.state = body.state;
    if (body.base) issue.pull.base = body.base;
    issue.updatedAt = now();
    return { status: 200, body: shape.pull(ctx.base, repo, issue) };
  }),
  route("GET", "/repos/:owner/:repo/pulls/:number/files", (ctx) => {
    const repo = repoOf(ctx);
    const n = num(ctx, "number");
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
  route("POST", "/repos/:owner/:repo/issues", (ctx) => {
    const repo = repoOf(ctx);
    const body = parse(issueCreateBody, ctx.body);
    const issue: FakeIssue = {
      number: repo.nextNumber++,
      title: String(body.title),
      body: body.body ?? null,
      state: "open",
      labels: (body.labels ?? []).map((l) => (typeof l === "string" ? l : l.name)),
      user: ctx.state.actor,
      createdAt: now(),
      updatedAt: now(),
    };
    repo.issues.set(issue.number, issue);
    return { status: 201, body: shape.issue(ctx.base, repo, issue) };
  }),
  route("GET", "/repos/:owner/:repo/issues/:number", (ctx) => {
    const repo = repoOf(ctx);
    return { status: 200, body: shape.issue(ctx.base, repo, issueOf(repo, num(ctx, "number"))) };
  }),
  route("PATCH", "/repos/:owner/:repo/issues/:number", (ctx) => {
    const repo = repoOf(ctx);
    const issue = issueOf(repo, num(ctx, "number"));
    const body = parse(issueUpdateBody, ctx.body);
    if (body.title !== undefined && body.title !== null) issue.title = String(body.title);
    if (body.body !== undefined) issue.body = body.body;
    if (body.state) issue.state = body.state;
    if (body.labels) issue.labels = body.labels.map((l) => (typeof l === "string" ? l : l.name));
    issue.updatedAt = now();
    return { status: 200, body: shape.issue(ctx.base, repo, issue) };
  }),
  route("GET", "/repos/:owner/:repo/git/ref/*ref", (ctx) => {
    const repo = repoOf(ctx);
    const ref = ctx.params.ref as string;
    const sha = ref.startsWith("heads/") ? repo.branches.get(ref.slice("heads/".length)) : undefined;
    if (!sha) throw new HttpError(404, "Not Found");
    return { status: 200, body: shape.gitRef(ctx.base, repo, ref, sha) };
  }),
  route("GET", "/repos/:owner/:repo/git/trees/:sha", (ctx) => {
    const repo = repoOf(ctx);
    const { sha, files: tree } = files(repo, ctx.params.sha as string);
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
  route("GET", "/repos/:owner/:repo/contents/*path", (ctx) => {
    const repo = repoOf(ctx);
    const path = decodeURIComponent(ctx.params.path as string).replace(/\/$/, "");
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
