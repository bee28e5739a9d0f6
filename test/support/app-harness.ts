// The App under test: a probot instance loading `createApp(deps)` and talking to the loopback GitHub
// fake (test/support/github-fake), which answers like GitHub from its state and checks every request
// against GitHub's REST description. This is the one file of the tests that imports the App's
// internals (src/github-app/*), so a change to how the App is put together is adapted here only.
// Each test gets a fresh `Codertocat/Hello-World` (the repository of @octokit/webhooks-examples'
// payloads) and a fresh store: in memory unless the test is about the database (`store: "postgres"`).
import { Writable } from "node:stream";
import { pino } from "pino";
import { Probot } from "probot";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { shippedFiles } from "../../src/application/repository/index.ts";
import type { RunStore } from "../../src/engine/ports.ts";
import { type AppOptions, createApp } from "../../src/github-app/app.ts";
import { RepoCatalogs } from "../../src/github-app/catalog/repo-catalogs.ts";
import { sqlDeliveryLog } from "../../src/github-app/delivery-log.ts";
import type { AppDeps, DeliveryLog } from "../../src/github-app/deps.ts";
import type { CatalogFile } from "../../src/scenario/index.ts";
import { MemoryRunStore, SqlRunStore } from "../../src/store/index.ts";
import {
  addWebhookExampleRepo,
  EXAMPLE_COMMENT_ID,
  type FakeRepo,
  type GitHubFake,
  type RecordedRequest,
  type Role,
  startGitHubFake,
} from "./github-fake/index.ts";
import { UnthrottledOctokit } from "./github-fake/probot-octokit.ts";
import { useTestDb } from "./test-db.ts";

export const REPO = "/repos/Codertocat/Hello-World";
export const APP_ID = 4242;
export const COMMENT_ID = EXAMPLE_COMMENT_ID;

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

export interface AppHarness {
  readonly probot: Probot;
  readonly deps: AppDeps;
  readonly fake: GitHubFake;
  /** `Codertocat/Hello-World` as the fake holds it, fresh for each test. */
  readonly repo: FakeRepo;
  /** Log lines (JSON) the App wrote. */
  readonly logs: Record<string, unknown>[];
  receive(name: string, payload: unknown, id?: string): Promise<void>;
  /** The default branch's files (plus `.github/scenarios.yml` when `config` is given); returns its sha. */
  environment(options?: { config?: string; files?: Record<string, string> }): string;
  /** A commit at exactly `sha` holding `files` (a pull request's head). */
  commitAt(sha: string, files: Record<string, string>): void;
  /** `login`'s role on the repository (a login not set has `read`, the repository being public). */
  role(role: Role, login?: string): void;
  /** The requests the App made during this test, in order. */
  requests(): RecordedRequest[];
  /** Bodies of the comments the App posted on `issue` during this test, in order. */
  replies(issue?: number): string[];
  /** The reactions the App added during this test, in order. */
  reactions(): string[];
  /** The workflow dispatches GitHub accepted during this test, inputs' params parsed. */
  dispatches(workflow?: string): Dispatch[];
}

export interface TestAppOptions {
  /** The GitHub API the App talks to: the fake's URL, or a proxy in front of it. */
  baseUrl: string;
  store: RunStore;
  /** Which deliveries were seen; in memory unless given (e.g. the SQL one, for the database's tests). */
  deliveries?: DeliveryLog;
  catalogs?: RepoCatalogs;
  newRunId: () => string;
  now?: () => Date;
  log?: NonNullable<ConstructorParameters<typeof Probot>[0]>["log"];
  githubToken?: string;
  options?: AppOptions;
}

/** A probot instance with the App loaded, as `probot run` would build it but in this process. */
export function startTestApp(o: TestAppOptions): { probot: Probot; deps: AppDeps } {
  const deps: AppDeps = {
    store: o.store,
    deliveries: o.deliveries ?? memoryDeliveryLog(),
    catalogs: o.catalogs ?? new RepoCatalogs({ shipped: () => shippedFiles() }),
    newRunId: o.newRunId,
    now: o.now ?? (() => new Date()),
    appId: APP_ID,
    botLogin: "scenario-bot[bot]",
  };
  const probot = new Probot({
    githubToken: o.githubToken ?? "ghs_test",
    baseUrl: o.baseUrl,
    // ProbotOctokit.defaults({ throttle: { enabled: false } }) is overridden by probot 14: writes would be 1 s apart.
    Octokit: UnthrottledOctokit,
    log: o.log ?? pino({ level: "silent" }),
  });
  probot.load(createApp(deps, o.options));
  return { probot, deps };
}

function memoryDeliveryLog(): DeliveryLog {
  const seen = new Set<string>();
  return {
    async record(deliveryId) {
      if (seen.has(deliveryId)) return false;
      seen.add(deliveryId);
      return true;
    },
  };
}

export function useApp(file: string, options: { store?: "memory" | "postgres" } = {}): AppHarness {
  const testDb = options.store === "postgres" ? useTestDb("postgres", file) : undefined;
  let catalogs: RepoCatalogs;
  let fake: GitHubFake;
  let repo: FakeRepo;
  let probot: Probot;
  let deps: AppDeps;
  let firstRequest = 0;
  const logs: Record<string, unknown>[] = [];
  let runs = 0;

  beforeAll(async () => {
    const shipped: CatalogFile[] = await shippedFiles();
    // One per file: parsing the shipped catalog takes a while, and repository catalogs are keyed by sha.
    catalogs = new RepoCatalogs({ shipped: async () => shipped });
    fake = await startGitHubFake();
  });
  beforeEach(() => {
    logs.length = 0;
    runs = 0;
    fake.state.repos.clear();
    repo = addWebhookExampleRepo(fake.state, { files: { "README.md": "# Hello-World\n" } });
    firstRequest = fake.requests.length;
    const stream = new Writable({
      write(chunk, _enc, done) {
        logs.push(JSON.parse(String(chunk)));
        if (process.env.DEBUG_APP) process.stderr.write(chunk);
        done();
      },
    });
    ({ probot, deps } = startTestApp({
      baseUrl: fake.url,
      store: testDb ? new SqlRunStore({ db: testDb.db }) : new MemoryRunStore(),
      ...(testDb ? { deliveries: sqlDeliveryLog(testDb.db) } : {}),
      catalogs,
      newRunId: () => `20260101-run00${++runs}`,
      now: () => new Date("2026-01-01T12:00:00Z"),
      log: pino({ level: "info" }, stream),
      options: { headTtlMs: 0 },
    }));
  });
  afterAll(async () => {
    await fake?.close();
  });

  const mine = () => fake.requests.slice(firstRequest);
  let deliveries = 0;
  return {
    get probot() {
      return probot;
    },
    get deps() {
      return deps;
    },
    get fake() {
      return fake;
    },
    get repo() {
      return repo;
    },
    logs,
    async receive(name, payload, id) {
      await probot.receive({ id: id ?? `delivery-${process.pid}-${++deliveries}`, name, payload } as never);
    },
    environment(env = {}) {
      const files: Record<string, string> = { "README.md": "# Hello-World\n", ...env.files };
      if (env.config !== undefined) files[".github/scenarios.yml"] = env.config;
      const sha = `${Date.now().toString(16)}${(++deliveries).toString(16)}`.padEnd(40, "e");
      repo.commits.set(sha, new Map(Object.entries(files)));
      repo.branches.set(repo.defaultBranch, sha);
      return sha;
    },
    commitAt(sha, files) {
      repo.commits.set(sha, new Map(Object.entries(files)));
    },
    role(role, login = "Codertocat") {
      repo.roles.set(login, { role });
    },
    requests: mine,
    replies(issue = 1) {
      return mine()
        .filter(
          (r) => r.method === "POST" && r.path === `${REPO}/issues/${issue}/comments` && r.status === 201,
        )
        .map((r) => (r.body as { body: string }).body);
    },
    reactions() {
      return mine()
        .filter((r) => r.method === "POST" && r.path.endsWith("/reactions") && r.status === 201)
        .map((r) => (r.body as { content: string }).content);
    },
    dispatches(workflow = "scenario.yml") {
      return mine()
        .filter((r) => r.path === `${REPO}/actions/workflows/${workflow}/dispatches` && r.status === 204)
        .map((r) => {
          const b = r.body as { ref: string; inputs: Record<string, string> };
          return {
            ref: b.ref,
            inputs: { ...b.inputs, params: JSON.parse(b.inputs.params ?? "null") } as Dispatch["inputs"],
          };
        });
    },
  };
}
