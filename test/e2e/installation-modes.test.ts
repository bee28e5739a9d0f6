// Both ways to install scenario-bot, end to end against the GitHub fake keeping GitHub's rules
// (test/support/github-fake/identity.ts), with the workflows `templates/` holds (what `scenario init`
// writes): GitHub decides which of them a comment starts, the job's token acts as the workflow says
// (the App's token, or GITHUB_TOKEN with the job's permissions), and the Action runs as a runner starts
// it (`node dist/index.js`).
// - zero-server: the comment starts the workflow; GitHub refuses GITHUB_TOKEN the pull request; the run
//   still succeeds and the reply names the setting and links the branch; no buttons nobody would hear.
// - App: the comment reaches the App only; the dispatched job acts as the App, so its draft pull request
//   opens and becomes ready, and a Resume press (delivered to the App, the checks' creator) resumes it.
// In both: no check run on the base commit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Probot } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { newRunId } from "../../src/engine/index.ts";
import { SqlRunStore } from "../../src/store/index.ts";
import { actionFixtureFiles, appScenarioFiles } from "../support/action-repo.ts";
import { startTestApp } from "../support/app-harness.ts";
import { createGitOrigin, type GitOrigin, OriginBranches } from "../support/git-origin.ts";
import {
  addRepo,
  type FakeRepo,
  type GitHubFake,
  grantToken,
  type RecordedRequest,
  requestedActionFor,
  scenarioBotApp,
  startGitHubFake,
  workflowIdentity,
} from "../support/github-fake/index.ts";
import { buildDist, spawnAction, withFromDispatch } from "../support/spawn-action.ts";
import { useTestDb } from "../support/test-db.ts";
import * as payloads from "../support/webhook-payloads.ts";

const root = join(import.meta.dirname, "../..");
// The App and the jobs share the run store, as an installation with the App does (DATABASE_URL and the
// workflow's SCENARIO_DATABASE_URL): a button press is judged on the state the job left.
const testDb = useTestDb("postgres", "e2e_modes");
const APP_TOKEN = "ghs_app_installation";
const GITHUB_TOKEN = "ghs_workflow_job";

type Mode = "app" | "zero-server";
const workflowText = (mode: Mode) => readFileSync(join(root, "templates", mode, "scenario.yml"), "utf8");
const workflow = (mode: Mode) =>
  parse(workflowText(mode)) as {
    on: Record<string, unknown>;
    jobs: { scenario: { permissions: Record<string, string> } };
  };

let dist: Awaited<ReturnType<typeof buildDist>>;
let fake: GitHubFake;
let origin: GitOrigin;
let repo: FakeRepo;
let probot: Probot;
let seq = 0;
/** Where this test's requests start in `fake.requests` (the fake is shared by the file). */
let mark = 0;

beforeAll(async () => {
  dist = await buildDist();
  fake = await startGitHubFake();
  grantToken(fake.state, APP_TOKEN, scenarioBotApp(fake.state));
});
afterAll(async () => {
  dist.dispose();
  await fake.close();
});

function install(mode: Mode): void {
  mark = fake.requests.length;
  origin?.dispose();
  origin = createGitOrigin({
    copyDirs: { ".": join(root, "examples/monorepo"), scenarios: join(root, "scenarios") },
    files: { ...actionFixtureFiles, ".github/workflows/scenario.yml": workflowText(mode) },
  });
  fake.state.repos.clear();
  repo = addRepo(fake.state, {
    owner: "acme",
    name: "monorepo",
    files: appScenarioFiles(),
    roles: { octocat: "write" },
    workflows: {
      "scenario.yml": { inputs: { command: {}, scenario: {}, params: {}, "run-id": {}, "issue-number": {} } },
    },
  });
  repo.branches = new OriginBranches(origin.bare, repo.branches);
  grantToken(fake.state, GITHUB_TOKEN, workflowIdentity(workflow(mode).jobs.scenario.permissions));
  ({ probot } = startTestApp({
    baseUrl: fake.url,
    githubToken: APP_TOKEN,
    store: new SqlRunStore({ db: testDb.db }),
    newRunId: () => newRunId(),
  }));
  const at = new Date().toISOString();
  repo.issues.set(1, {
    number: 1,
    title: "billing",
    body: "",
    state: "open",
    labels: [],
    user: { login: "octocat", id: 583231, type: "User" },
    createdAt: at,
    updatedAt: at,
  });
  repo.nextNumber = 2;
}
afterAll(() => origin?.dispose());

/** A person comments: GitHub saves it, then delivers it to the App (when installed) and to every workflow listening. */
async function comment(mode: Mode, body: string) {
  const p = payloads.commentCreated(body) as unknown as {
    comment: { id: number; body: string; user: { login: string; type: string } };
    issue: { number: number };
    repository: { name: string; full_name: string; default_branch: string; owner: { login: string } };
    sender: { login: string; type: string };
  };
  p.repository.name = "monorepo";
  p.repository.full_name = "acme/monorepo";
  p.repository.owner.login = "acme";
  p.repository.default_branch = "main";
  p.issue.number = 1;
  p.comment.id = 8_000_000 + ++seq;
  p.comment.user = { ...p.comment.user, login: "octocat", type: "User" };
  p.sender = { ...p.sender, login: "octocat", type: "User" };
  const at = new Date().toISOString();
  repo.comments.set(p.comment.id, {
    id: p.comment.id,
    issueNumber: 1,
    body,
    user: { login: "octocat", id: 583231, type: "User" },
    createdAt: at,
    updatedAt: at,
  });
  const jobs: Promise<Awaited<ReturnType<typeof spawnAction>>>[] = [];
  if (mode === "app") await probot.receive({ id: `d-${seq}`, name: "issue_comment", payload: p as never });
  // Every workflow listening to issue_comment starts a job (the App does not change that).
  if ("issue_comment" in workflow(mode).on) jobs.push(job("issue_comment", p, { command: "" }, GITHUB_TOKEN));
  return Promise.all(jobs);
}

function job(eventName: string, payload: unknown, inputs: Record<string, string>, token: string) {
  return spawnAction({
    entry: dist.entry,
    apiUrl: fake.url,
    repository: "acme/monorepo",
    workspace: origin.freshCheckout(`job${++seq}`),
    eventName,
    payload,
    inputs: withFromDispatch(inputs, { "github-token": token, "database-url": testDb.url ?? "" }),
  });
}

/** The job a dispatch starts: in App mode the workflow mints the App's installation token first. */
function dispatched(dispatch: RecordedRequest) {
  const inputs = (dispatch.body as { inputs: Record<string, string> }).inputs;
  const payload = {
    inputs,
    ref: "refs/heads/main",
    repository: { full_name: "acme/monorepo", default_branch: "main" },
    sender: { login: "scenario-bot[bot]", type: "Bot" },
  };
  return job("workflow_dispatch", payload, inputs, APP_TOKEN);
}

const mine = () => fake.requests.slice(mark);
const dispatches = () =>
  mine().filter((r) => r.operation === "actions/create-workflow-dispatch" && r.status === 204);
const baseSha = () => origin.remoteSha("main") as string;
/** The reply that announced the run, kept current in place by the job that drives it. */
const announcement = (runId: string) =>
  [...repo.comments.values()].find((c) => c.body.includes(`<!-- scenario-bot run:${runId} -->`))?.body ?? "";
const replies = () =>
  [...repo.comments.values()].filter((c) => c.issueNumber === 1 && c.user.type === "Bot").map((c) => c.body);

describe("zero-server: the workflow answers comments on GITHUB_TOKEN", { timeout: 600_000 }, () => {
  beforeEach(() => install("zero-server"));

  it("one comment, one job: the run succeeds, the refused pull request is named with its setting, nothing on main", async () => {
    const jobs = await comment("zero-server", "/scenario create-shared-service name=billing-service");
    expect(jobs).toHaveLength(1);
    const [run] = jobs;
    expect(run?.code, `${run?.stdout}${run?.stderr}`).toBe(0);
    expect(run?.outputs.status).toBe("succeeded");
    const branch = run?.outputs.branch as string;
    expect([...repo.issues.values()].filter((i) => i.pull)).toEqual([]);
    const compare = `https://github.example/acme/monorepo/compare/main...${branch}?expand=1`;
    expect(run?.summary).toContain(compare);
    const last = replies().at(-1) as string;
    expect(last).toContain("is succeeded");
    expect(last).toContain("Allow GitHub Actions to create and approve pull requests");
    expect(last).toContain(compare);
    const reply = announcement(run?.outputs["run-id"] as string);
    expect(reply).toContain("**Status:** ✅ succeeded");
    expect(reply).toContain(`[open it by hand](${compare})`);
    expect(reply).toContain("Allow GitHub Actions to create and approve pull requests");
    const checks = [...repo.checkRuns.values()];
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.filter((c) => c.headSha === baseSha())).toEqual([]);
    expect(new Set(checks.map((c) => c.appId))).toEqual(new Set([15368]));
    expect(dispatches()).toEqual([]);
  });

  it("a waiting run's checks carry no buttons: GitHub would deliver their presses to no one", async () => {
    const [run] = await comment("zero-server", "/scenario setup-environment environment=staging");
    expect(run?.outputs.status).toBe("waiting");
    const checks = [...repo.checkRuns.values()];
    expect(checks.flatMap((c) => c.actions)).toEqual([]);
    expect(checks.filter((c) => c.headSha === baseSha())).toEqual([]);
  });
});

describe("App: the App answers comments and dispatches a job that acts as the App", {
  timeout: 600_000,
}, () => {
  beforeEach(() => install("app"));

  it("one comment, one job: a draft pull request that is ready once the run succeeds, nothing on main", async () => {
    const direct = await comment("app", "/scenario create-shared-service name=billing-service");
    expect(direct).toEqual([]);
    expect(dispatches()).toHaveLength(1);
    const run = await dispatched(dispatches()[0] as RecordedRequest);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.status).toBe("succeeded");
    const pr = repo.issues.get(Number(run.outputs["pull-request"]));
    expect(pr?.user.login).toBe("scenario-bot[bot]");
    expect(pr?.pull?.draft).toBe(false);
    expect(pr?.body).toContain("**What to do:** review and merge.");
    expect(announcement(run.outputs["run-id"] as string)).toContain(
      `**Status:** ✅ succeeded: review [#${pr?.number}](https://github.example/acme/monorepo/pull/${pr?.number})`,
    );
    const opened = mine().find((r) => r.operation === "pulls/create");
    expect(opened?.body).toMatchObject({ draft: true });
    expect(repo.events.find((e) => e.name === "pull_request")?.startsWorkflows).toBe(true);
    expect([...repo.checkRuns.values()].filter((c) => c.headSha === baseSha())).toEqual([]);
  });

  it("a Resume press reaches the App, the checks' creator, and resumes the run in a new job", async () => {
    await comment("app", "/scenario setup-environment environment=staging");
    const first = await dispatched(dispatches()[0] as RecordedRequest);
    expect(first.outputs.status).toBe("waiting");
    const waiting = [...repo.checkRuns.values()].find(
      (c) => c.conclusion === "action_required" && c.actions.length > 0,
    );
    expect(waiting).toBeDefined();
    const pr = repo.issues.get(Number(first.outputs["pull-request"]));
    expect(pr?.pull?.draft).toBe(true);
    expect(announcement(first.outputs["run-id"] as string)).toMatch(
      /\*\*Status:\*\* ⏸️ waiting on a manual step: tick every item of \[the checklist\]\(https:\/\/[^/]+\/acme\/monorepo\/issues\/1#issuecomment-\d+\)/,
    );
    expect(pr?.body).toMatch(
      /the run waits on a manual step: tick every item of \[the checklist\]\(https:\/\/[^/]+\/acme\/monorepo\/issues\/1#issuecomment-\d+\)/,
    );

    // The person does the manual step and ticks its items (saved on GitHub), then presses Resume.
    const runId = first.outputs["run-id"] as string;
    const checklist = [...repo.comments.values()].find((c) =>
      c.body.includes(`scenario-checklist run:${runId}`),
    );
    expect(checklist).toBeDefined();
    if (checklist) checklist.body = checklist.body.replaceAll("- [ ]", "- [x]");
    const delivered = requestedActionFor(repo, waiting?.id as number, scenarioBotApp(fake.state));
    expect(delivered).toBeDefined();
    const press = payloads.example("check_run.requested_action");
    press.repository = payloads.commentCreated("").repository as typeof press.repository;
    Object.assign(press.repository, { name: "monorepo", full_name: "acme/monorepo", default_branch: "main" });
    press.repository.owner.login = "acme";
    press.check_run.id = delivered?.id as number;
    press.check_run.external_id = delivered?.externalId as string;
    press.requested_action = { identifier: "resume" };
    press.sender.login = "octocat";
    await probot.receive({ id: `press-${++seq}`, name: "check_run", payload: press as never });
    expect(dispatches()).toHaveLength(2);
    const resumed = await dispatched(dispatches()[1] as RecordedRequest);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.outputs.status).toBe("succeeded");
    expect(repo.issues.get(pr?.number as number)?.pull?.draft).toBe(false);
    expect(announcement(first.outputs["run-id"] as string)).toContain("**Status:** ✅ succeeded");
    expect([...repo.checkRuns.values()].filter((c) => c.headSha === baseSha())).toEqual([]);
  });
});
