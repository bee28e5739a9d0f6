// The `/scenario` dialogue is written once and carried by two hosts: the App (probot, dispatching the
// workflow) and the zero-server Action (the job does the work). The same comment must get the same
// answer from both, word for word: each case below is posted to the App through probot and to the
// Action as a runner starts it (in process), against one loopback GitHub, and their replies compared.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pino } from "pino";
import { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run as runAction } from "../../../src/action/main.ts";
import { shippedFiles } from "../../../src/application/repository/index.ts";
import { newRunId } from "../../../src/engine/index.ts";
import { createApp } from "../../../src/github-app/app.ts";
import { RepoCatalogs } from "../../../src/github-app/catalog/repo-catalogs.ts";
import { recordDelivery, SqlRunStore } from "../../../src/store/index.ts";
import { actionEnv } from "../../support/action-env.ts";
import { filesUnder } from "../../support/files-under.ts";
import { createGitOrigin, type GitOrigin } from "../../support/git-origin.ts";
import { addRepo, type FakeRepo, type GitHubFake, startGitHubFake } from "../../support/github-fake/index.ts";
import { UnthrottledOctokit } from "../../support/github-fake/probot-octokit.ts";
import { recordingIo } from "../../support/recording-io.ts";
import { useTestDb } from "../../support/test-db.ts";
import * as payloads from "../../support/webhook-payloads.ts";

const root = join(import.meta.dirname, "../../..");
const testDb = useTestDb("postgres", "dialogue_hosts");

interface CommentPayload {
  action: string;
  comment: { id: number; body: string; user: { login: string; type: string; id: number } };
  issue: { number: number; pull_request?: unknown };
  repository: { name: string; full_name: string; default_branch: string; owner: { login: string } };
  sender: { login: string; type: string; id: number };
}

/** One repository as both hosts see it: its files on the fake (the App) and a checkout (the Action). */
interface Variant {
  repo: FakeRepo;
  origin: GitOrigin;
}

let fake: GitHubFake;
let probot: Probot;
let comments = 0;
const variants: Variant[] = [];

/** A repository with `files` on GitHub and in the checkout the Action's job gets. */
function variant(name: string, files: Record<string, string>): Variant {
  const origin = createGitOrigin({ files });
  const repo = addRepo(fake.state, {
    owner: "acme",
    name,
    files,
    roles: { octocat: "write", reader: "read", admin: "admin" },
  });
  const v = { repo, origin };
  variants.push(v);
  return v;
}

beforeAll(async () => {
  fake = await startGitHubFake();
  probot = new Probot({
    githubToken: "ghs_app_installation",
    baseUrl: fake.url,
    Octokit: UnthrottledOctokit,
    log: pino({ level: "silent" }),
  });
  probot.load(
    createApp(
      {
        store: new SqlRunStore({ db: testDb.db }),
        deliveries: { record: (id, event) => recordDelivery(testDb.db, id, event) },
        catalogs: new RepoCatalogs({ shipped: () => shippedFiles() }),
        newRunId: () => newRunId(),
        now: () => new Date(),
        botLogin: "scenario-bot[bot]",
        // Every test repository is new: the default branch's head is read each time.
      },
      { headTtlMs: 0 },
    ),
  );
});
afterAll(async () => {
  await fake.close();
  for (const v of variants) v.origin.dispose();
});

function payloadFor(v: Variant, issue: number, body: string, author: string): CommentPayload {
  const p = payloads.commentCreated(body) as unknown as CommentPayload;
  p.repository.name = v.repo.name;
  p.repository.full_name = `acme/${v.repo.name}`;
  p.repository.owner.login = "acme";
  p.repository.default_branch = "main";
  p.issue.number = issue;
  delete p.issue.pull_request;
  p.comment.id = 9_000_000 + ++comments;
  p.comment.body = body;
  p.comment.user = { ...p.comment.user, login: author, type: "User" };
  p.sender = { ...p.sender, login: author, type: "User" };
  const at = new Date().toISOString();
  v.repo.issues.set(issue, {
    number: issue,
    title: `issue ${issue}`,
    body: "",
    state: "open",
    labels: [],
    user: { login: author, id: 1, type: "User" },
    createdAt: at,
    updatedAt: at,
  });
  v.repo.nextNumber = Math.max(v.repo.nextNumber, issue + 1);
  v.repo.comments.set(p.comment.id, {
    id: p.comment.id,
    issueNumber: issue,
    body,
    user: { login: author, id: 1, type: "User" },
    createdAt: at,
    updatedAt: at,
  });
  return p;
}

/** The replies the bot posted on `issue`, run ids and timestamps made comparable. */
function replies(v: Variant, issue: number): string[] {
  return [...v.repo.comments.values()]
    .filter((c) => c.issueNumber === issue && c.user.type === "Bot")
    .map((c) => c.body.replace(/\d{8}-[0-9a-z]{6}/g, "<run>").replace(/\d{14}/g, "<timestamp>"));
}

async function viaApp(v: Variant, issue: number, body: string, author: string): Promise<string[]> {
  const payload = payloadFor(v, issue, body, author);
  await probot.receive({ id: `hosts-${comments}`, name: "issue_comment", payload } as never);
  return replies(v, issue);
}

async function viaAction(v: Variant, issue: number, body: string, author: string): Promise<string[]> {
  const payload = payloadFor(v, issue, body, author);
  const io = recordingIo({ command: "", params: "{}", "github-token": "ghs_runner", "database-url": "" });
  const { env } = actionEnv({
    apiUrl: fake.url,
    repository: `acme/${v.repo.name}`,
    workspace: v.origin.checkout,
    eventName: "issue_comment",
    payload,
  });
  await runAction({ io, env: { ...env, PATH: process.env.PATH }, retries: 0 });
  expect(io.failed).toEqual([]);
  return replies(v, issue);
}

let issues = 100;

/** Posts `body` to both hosts, on issues of their own, and returns both sets of replies. */
async function both(
  v: Variant,
  body: string,
  author = "octocat",
): Promise<{ app: string[]; action: string[] }> {
  const app = await viaApp(v, ++issues, body, author);
  const action = await viaAction(v, ++issues, body, author);
  return { app, action };
}

const READ_ONLY = [
  "/scenario help",
  "/scenario list database",
  "/scenario list nosuchtype",
  "/scenario help add-rls-policies",
  "/scenario help create-shared-servce",
  "/scenario suggest row level security for a table",
  "/scenario plan create-shared-service name=billing",
  "/scenario create-shared-service name=billing --dry-run",
  "/scenario list a b",
  "/scenario status",
  "/scenario status 20990101-nope01",
];

describe("the same comment gets the same answer from the App and the zero-server Action", () => {
  let mono: Variant;
  beforeAll(() => {
    mono = variant("mono", {
      ...filesUnder(join(root, "examples/monorepo"), ""),
      ...filesUnder(join(root, "scenarios"), "scenarios"),
    });
  });

  it.each(READ_ONLY)("%s", async (body) => {
    const { app, action } = await both(mono, body);
    expect(app.length).toBeGreaterThan(0);
    expect(action).toEqual(app);
  });

  it("a bad parameter, refused before anything runs", async () => {
    const { app, action } = await both(mono, "/scenario create-shared-service name=Bad!");
    expect(app[0]).toContain("the parameters for `create-shared-service` are not valid");
    expect(action).toEqual(app);
  });

  it("someone without write access, refused with the same reason", async () => {
    const { app, action } = await both(mono, "/scenario create-shared-service name=billing", "reader");
    expect(app[0]).toContain("your role on this repository is `read`");
    expect(action).toEqual(app);
  });

  it("a run control with no run on the issue", async () => {
    const { app, action } = await both(mono, "/scenario rollback");
    expect(app[0]).toContain("no scenario has run from this issue yet");
    expect(action).toEqual(app);
  });

  it("a repository without scenarios: the shipped catalog, with a notice saying so", async () => {
    const bare = variant("bare", { "README.md": "# no scenarios here\n" });
    const { app, action } = await both(bare, "/scenario list proxy");
    expect(app[0]).toContain("`add-proxy-server`");
    expect(app[0]).toMatch(
      /has no scenario documents under `scenarios\/`, so the \d+ scenarios shipped with scenario-bot are used/,
    );
    // The notice names where each host looked: the API at a commit, or the checkout.
    const where = (text: string) =>
      text.replace(/acme\/bare at [0-9a-f]{7}|the checkout at \S+/, "<repository>");
    expect(action.map(where)).toEqual(app.map(where));
  });

  it("`scenarios:` of .github/scenarios.yml names the folder, and index.md/README.md there are not scenarios", async () => {
    const recipes = variant("recipes", {
      ".github/scenarios.yml": "scenarios: docs/recipes\n",
      "docs/recipes/README.md": "# Our recipes\n",
      "docs/recipes/index.md": "# Index\n",
      "docs/recipes/add-pnpm-script.md": readFileSync(
        join(root, "scenarios/infra/add-pnpm-script.md"),
        "utf8",
      ),
      "scenarios/service/create-shared-service.md": readFileSync(
        join(root, "scenarios/service/create-shared-service.md"),
        "utf8",
      ),
    });
    const { app, action } = await both(recipes, "/scenario list");
    expect(app[0]).toContain("1 scenario:");
    expect(app[0]).toContain("`add-pnpm-script`");
    expect(app[0]).not.toContain("create-shared-service");
    expect(app[0]).not.toContain("problems");
    expect(action).toEqual(app);
  });

  it("an invalid .github/scenarios.yml is pointed at, and nothing runs", async () => {
    const broken = variant("broken", { ".github/scenarios.yml": "permissions:\n  minimum: boss\n" });
    const { app, action } = await both(broken, "/scenario list");
    expect(app[0]).toContain("`.github/scenarios.yml` is not valid");
    expect(action).toEqual(app);
  });
});
