// A probot instance running the App against a real PostgreSQL database (created per test file) with
// GitHub faked by nock: every request must be expected, in shape and body, or the test fails.
import { Writable } from "node:stream";
import nock from "nock";
import { pino } from "pino";
import { Probot } from "probot";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import { shippedFiles } from "../../../src/application/repository/index.ts";
import { createApp } from "../../../src/github/app.ts";
import { RepoCatalogs } from "../../../src/github/catalog/repo-catalogs.ts";
import { sqlDeliveryLog } from "../../../src/github/delivery-log.ts";
import type { AppDeps } from "../../../src/github/deps.ts";
import type { CatalogFile } from "../../../src/scenario/index.ts";
import { SqlRunStore } from "../../../src/store/index.ts";
import { useTestDb } from "../../store/test-db.ts";
import { UnthrottledOctokit } from "../../support/github-fake/probot-octokit.ts";

export const API = "https://api.github.com";
export const REPO = "/repos/Codertocat/Hello-World";
export const APP_ID = 4242;

let shas = 0;
/** A fresh commit sha: catalogs are cached by sha, so each test's repository state gets its own. */
export function nextSha(): string {
  return (++shas).toString(16).padStart(40, "a");
}

export interface AppHarness {
  readonly probot: Probot;
  readonly deps: AppDeps;
  /** Log lines (JSON) the App wrote. */
  readonly logs: Record<string, unknown>[];
  receive(name: string, payload: unknown, id?: string): Promise<void>;
}

export function useApp(file: string): AppHarness {
  const testDb = useTestDb("postgres", file);
  let catalogs: RepoCatalogs;
  let probot: Probot;
  let deps: AppDeps;
  const logs: Record<string, unknown>[] = [];
  let runs = 0;

  beforeAll(async () => {
    const shipped: CatalogFile[] = await shippedFiles();
    // One per file: parsing the shipped catalog takes a while, and repository catalogs are keyed by sha.
    catalogs = new RepoCatalogs({ shipped: async () => shipped });
    nock.disableNetConnect();
  });
  beforeEach(() => {
    logs.length = 0;
    runs = 0;
    deps = {
      store: new SqlRunStore({ db: testDb.db }),
      deliveries: sqlDeliveryLog(testDb.db),
      catalogs,
      newRunId: () => `20260101-run00${++runs}`,
      now: () => new Date("2026-01-01T12:00:00Z"),
      appId: APP_ID,
      botLogin: "scenario-bot[bot]",
    };
    const stream = new Writable({
      write(chunk, _enc, done) {
        logs.push(JSON.parse(String(chunk)));
        if (process.env.DEBUG_APP) process.stderr.write(chunk);
        done();
      },
    });
    probot = new Probot({
      githubToken: "ghs_test",
      Octokit: UnthrottledOctokit,
      log: pino({ level: "info" }, stream),
    });
    probot.load(createApp(deps, { headTtlMs: 0 }));
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending, "requests the test expected but the App never made").toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
  });

  let deliveries = 0;
  return {
    get probot() {
      return probot;
    },
    get deps() {
      return deps;
    },
    logs,
    async receive(name, payload, id) {
      await probot.receive({ id: id ?? `delivery-${process.pid}-${++deliveries}`, name, payload } as never);
    },
  };
}

/** What the App reads of a repository with no scenarios and no config: ref, config (repo and org), tree. */
export function nockEnvironment(
  scope: nock.Scope,
  options: { config?: string; files?: Record<string, string>; sha?: string; catalog?: boolean } = {},
): string {
  const sha = options.sha ?? nextSha();
  scope.get(`${REPO}/git/ref/heads%2Fmaster`).reply(200, {
    ref: "refs/heads/master",
    node_id: "REF_1",
    url: `${API}${REPO}/git/refs/heads/master`,
    object: { type: "commit", sha, url: `${API}${REPO}/git/commits/${sha}` },
  });
  // Read at the same commit as the catalog; without a file there, the owner's `.github` repository.
  if (options.config === undefined) {
    scope
      .get(`${REPO}/contents/.github%2Fscenarios.yml`)
      .query({ ref: sha })
      .reply(404, { message: "Not Found" });
    scope
      .get("/repos/Codertocat/.github/contents/.github%2Fscenarios.yml")
      .reply(404, { message: "Not Found" });
  } else {
    scope
      .get(`${REPO}/contents/.github%2Fscenarios.yml`)
      .query({ ref: sha })
      .reply(200, contentOf(".github/scenarios.yml", options.config));
  }
  if (options.catalog !== false) nockTree(scope, sha, options.files ?? {});
  return sha;
}

/** The recursive tree at `sha` and the contents of each file in it. */
export function nockTree(scope: nock.Scope, sha: string, files: Record<string, string>): void {
  scope
    .get(`${REPO}/git/trees/${sha}`)
    .query({ recursive: "1" })
    .reply(200, {
      sha,
      url: `${API}${REPO}/git/trees/${sha}`,
      truncated: false,
      tree: [
        { path: "README.md", mode: "100644", type: "blob", sha: "r".repeat(40), size: 10, url: "" },
        ...Object.keys(files).map((path) => ({
          path,
          mode: "100644",
          type: "blob",
          sha: "f".repeat(40),
          size: 10,
          url: "",
        })),
      ],
    });
  for (const [path, text] of Object.entries(files)) {
    scope
      .get(`${REPO}/contents/${path.split("/").map(encodeURIComponent).join("%2F")}`)
      .query({ ref: sha })
      .reply(200, contentOf(path, text));
  }
}

/** GitHub's answer to a contents read of a file. */
function contentOf(path: string, text: string) {
  return {
    type: "file",
    encoding: "base64",
    size: text.length,
    name: path.split("/").pop(),
    path,
    content: Buffer.from(text).toString("base64"),
    sha: "f".repeat(40),
    url: "",
    git_url: null,
    html_url: null,
    download_url: null,
    _links: { git: null, html: null, self: "" },
  };
}

export function permissionReply(role: string, login = "Codertocat") {
  const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
  return { permission, role_name: role, user: { login, id: 21031067, type: "User" } };
}

export const COMMENT_ID = 492700400;

function json<T>(body: unknown): T {
  return (typeof body === "string" ? JSON.parse(body) : body) as T;
}

export function expectReaction(scope: nock.Scope, content: string, comment = COMMENT_ID): void {
  scope.post(`${REPO}/issues/comments/${comment}/reactions`, { content }).reply(201, { id: 1, content });
}

export function expectPermission(scope: nock.Scope, role: string, login = "Codertocat"): void {
  scope.get(`${REPO}/collaborators/${login}/permission`).reply(200, permissionReply(role, login));
}

type Listener = (method: string, path: string, body: string) => void;
const listeners = new WeakMap<nock.Scope, Listener[]>();

// Matched requests are read from the scope's "request" event: nock may try body matchers on requests
// to other paths, and reply functions hang under Node's fetch.
function onMatched(scope: nock.Scope, listener: Listener): void {
  let list = listeners.get(scope);
  if (!list) {
    const all: Listener[] = [];
    list = all;
    listeners.set(scope, all);
    scope.on("request", (_req, interceptor: { method: string; path: string }, body: string) => {
      for (const l of all) l(interceptor.method.toUpperCase(), interceptor.path, body);
    });
  }
  list.push(listener);
}

/** Expects `count` replies on the issue; their bodies land in the returned array, in order. */
export function expectReplies(scope: nock.Scope, count = 1, issue = 1): string[] {
  const bodies: string[] = [];
  const path = `${REPO}/issues/${issue}/comments`;
  scope
    .post(path)
    .times(count)
    .reply(201, { id: 900, html_url: `https://github.com/Codertocat/Hello-World/issues/${issue}` });
  onMatched(scope, (method, p, body) => {
    if (method === "POST" && p === path) bodies.push(json<{ body: string }>(body).body);
  });
  return bodies;
}

export interface Dispatch {
  ref: string;
  inputs: {
    scenario: string;
    params: Record<string, unknown>;
    "run-id": string;
    command: string;
    "issue-number": string;
  };
}

/** Expects one dispatch of `workflow`; its body (params parsed) lands in the returned array. */
export function expectDispatch(scope: nock.Scope, workflow = "scenario.yml"): Dispatch[] {
  const seen: Dispatch[] = [];
  const path = `${REPO}/actions/workflows/${workflow}/dispatches`;
  scope.post(path).reply(204);
  onMatched(scope, (method, p, body) => {
    if (method !== "POST" || p !== path) return;
    const b = json<{ ref: string; inputs: Record<string, string> }>(body);
    seen.push({
      ref: b.ref,
      inputs: { ...b.inputs, params: JSON.parse(b.inputs.params ?? "null") } as Dispatch["inputs"],
    });
  });
  return seen;
}
