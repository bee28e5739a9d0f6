// Both ways to install scenario-bot, end to end against the GitHub fake keeping GitHub's rules
// (test/support/github-fake/identity.ts), with the workflows `templates/` holds (what `scenario init`
// writes) on the repository's default branch: the fake decides, as GitHub does, that a person's comment
// goes to the App (when installed) and starts each workflow listening to it, and that a dispatch starts
// the workflow named (github-fake/deliveries.ts); this file only runs the jobs it starts, as a runner
// does (`node dist/index.js`), with the token the workflow gives (the App's, or GITHUB_TOKEN with the
// job's permissions).
// - zero-server: the comment starts the workflow; GitHub refuses GITHUB_TOKEN the pull request; the run
//   still succeeds and the reply names the setting and links the branch; no buttons nobody would hear
//   (a press on its github-actions check runs would reach no App: the fake's rule, deliveries.ts).
// - App: the comment reaches the App only; the dispatched job acts as the App, so its draft pull request
//   opens and becomes ready, and a person's Resume press (which the fake delivers to the App, the
//   checks' creator) resumes it.
// In both: no check run on the base commit.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import type { Probot } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { newRunId } from "../../src/engine/index.ts";
import { RUN_ACTIONS } from "../../src/github/check-runs.ts";
import { SqlRunStore } from "../../src/store/index.ts";
import { actionFixtureFiles, appScenarioFiles } from "../support/action-repo.ts";
import { startTestApp } from "../support/app-harness.ts";
import { createGitOrigin, type GitOrigin, OriginBranches } from "../support/git-origin.ts";
import {
  addRepo,
  type FakeCheckRun,
  type FakeRepo,
  type GitHubFake,
  grantToken,
  SCENARIO_BOT_APP_ID,
  scenarioBotApp,
  startGitHubFake,
  workflowIdentity,
} from "../support/github-fake/index.ts";
import { type ActionRun, buildDist, spawnAction, withFromDispatch } from "../support/spawn-action.ts";
import { useTestDb } from "../support/test-db.ts";

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
/** The jobs the fake started (by the event that started each), in order; each resolves when it ends. */
let started: { event: string; job: Promise<ActionRun> }[] = [];
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
    // GitHub reads which workflows an event starts from the default branch's files.
    files: { ...appScenarioFiles(), ".github/workflows/scenario.yml": workflowText(mode) },
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
  started = [];
  fake.connect({
    // Only in App mode is the App installed, so only then does it hear the repository's events.
    ...(mode === "app"
      ? { app: (d) => probot.receive({ id: d.id, name: d.name, payload: d.payload } as never) }
      : {}),
    // The App's workflow mints the App's installation token first; zero-server's job uses GITHUB_TOKEN.
    runner: async ({ run, payload }) => {
      const inputs = run.event === "workflow_dispatch" ? (payload.inputs as Record<string, string>) : {};
      const token = mode === "app" ? APP_TOKEN : GITHUB_TOKEN;
      const ran = job(run.event, payload, { command: "", ...inputs }, token, run.id);
      started.push({ event: run.event, job: ran });
      return (await ran).code === 0 ? "success" : "failure";
    },
  });
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

const octocat = { login: "octocat", id: 583231, type: "User" as const };

/** The jobs started since `from`, once the fake has delivered everything and they have all ended. */
async function jobsSince(from: number): Promise<(ActionRun & { event: string })[]> {
  await fake.settled();
  return Promise.all(started.slice(from).map(async (s) => ({ ...(await s.job), event: s.event })));
}

/** A person comments on issue 1; GitHub (the fake) delivers it. The jobs it led to, once they end. */
async function comment(body: string) {
  const from = started.length;
  fake.comment(repo, { issue: 1, user: octocat, body });
  return jobsSince(from);
}

function job(
  eventName: string,
  payload: unknown,
  inputs: Record<string, string>,
  token: string,
  runId: number,
) {
  return spawnAction({
    entry: dist.entry,
    apiUrl: fake.url,
    repository: "acme/monorepo",
    workspace: origin.freshCheckout(`job${++seq}`),
    eventName,
    payload,
    runId,
    inputs: withFromDispatch(inputs, { "github-token": token, "database-url": testDb.url ?? "" }),
  });
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
    const jobs = await comment("/scenario create-shared-service name=billing-service");
    expect(jobs.map((j) => j.event)).toEqual(["issue_comment"]);
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

  it("the job's own replies, made with GITHUB_TOKEN, start no workflow: one comment, one workflow run", async () => {
    const jobs = await comment("/scenario list");
    expect(jobs.map((j) => [j.event, j.code])).toEqual([["issue_comment", 0]]);
    const own = repo.events.filter((e) => e.name === "issue_comment" && e.by === "github-actions[bot]");
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.workflows?.length === 0)).toBe(true);
    // The person's comment did start the listening workflow, once.
    expect(repo.events.find((e) => e.by === "octocat")?.workflows).toEqual(["scenario.yml"]);
    expect([...repo.workflowRuns.values()].map((r) => r.event)).toEqual(["issue_comment"]);
  });

  it("a waiting run's checks carry no buttons: GitHub would deliver their presses to no one", async () => {
    const [run] = await comment("/scenario setup-environment environment=staging");
    expect(run?.outputs.status).toBe("waiting");
    const checks = [...repo.checkRuns.values()];
    expect(checks.flatMap((c) => c.actions)).toEqual([]);
    expect(checks.filter((c) => c.headSha === baseSha())).toEqual([]);
    const waiting = checks.find((c) => c.conclusion === "action_required") as FakeCheckRun;
    const pressResume = () =>
      fake.pressCheckRunAction(repo, { checkRunId: waiting.id, identifier: "resume", user: octocat });
    expect(pressResume).toThrow('has no button "resume" (it has: none)');

    // Had the job put them there (GITHUB_TOKEN may: the check run is its github-actions app's), a
    // press would reach no App, even one installed, and start no workflow.
    const jobToken = new Octokit({ baseUrl: fake.url, auth: GITHUB_TOKEN, request: { retries: 0 } });
    await jobToken.rest.checks.update({
      owner: "acme",
      repo: "monorepo",
      check_run_id: waiting.id,
      actions: RUN_ACTIONS,
    });
    const heard: string[] = [];
    fake.connect({ ...fake.state.deliveries.connections, app: async (d) => void heard.push(d.name) });
    const from = started.length;
    expect(pressResume()).toMatchObject({ name: "check_run", deliveredToApp: false, workflows: [] });
    await fake.settled();
    expect(heard).toEqual([]);
    expect(started.length).toBe(from);
  });
});

describe("App: the App answers comments and dispatches a job that acts as the App", {
  timeout: 600_000,
}, () => {
  beforeEach(() => install("app"));

  it("one comment, one job: a pull request ready once the run succeeds (a draft while it runs), nothing on main", async () => {
    // The workflow listens to workflow_dispatch only: the comment reaches the App, whose dispatch is the one job.
    const jobs = await comment("/scenario create-shared-service name=billing-service");
    expect(jobs.map((j) => j.event)).toEqual(["workflow_dispatch"]);
    expect(dispatches()).toHaveLength(1);
    expect([...repo.workflowRuns.values()].map((r) => [r.event, r.status, r.conclusion])).toEqual([
      ["workflow_dispatch", "completed", "success"],
    ]);
    const run = jobs[0] as ActionRun;
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.status).toBe("succeeded");
    const pr = repo.issues.get(Number(run.outputs["pull-request"]));
    expect(pr?.user.login).toBe("scenario-bot[bot]");
    expect(pr?.pull?.draft).toBe(false);
    expect(pr?.body).toContain("**What to do:** review and merge.");
    expect(announcement(run.outputs["run-id"] as string)).toContain(
      `**Status:** ✅ succeeded: review [#${pr?.number}](https://github.example/acme/monorepo/pull/${pr?.number})`,
    );
    // A draft if it opened while the run went on, marked ready at its end; ready at once if the run was
    // over before its body's first update (SHOW_AFTER_MS after its first commit).
    const opened = mine().find((r) => r.operation === "pulls/create");
    const markedReady = mine().some(
      (r) => r.path === "/graphql" && JSON.stringify(r.body).includes("markPullRequestReadyForReview"),
    );
    expect((opened?.body as { draft?: boolean } | undefined)?.draft ?? false).toBe(markedReady);
    expect(repo.events.find((e) => e.name === "pull_request")?.startsWorkflows).toBe(true);
    expect([...repo.checkRuns.values()].filter((c) => c.headSha === baseSha())).toEqual([]);
  });

  it("a Resume press reaches the App, the checks' creator, and resumes the run in a new job", async () => {
    const first = (await comment("/scenario setup-environment environment=staging"))[0] as ActionRun;
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
    // GitHub (the fake) delivers the press to the check run's creator only: the App, whose token the job used.
    expect(waiting?.appId).toBe(SCENARIO_BOT_APP_ID);
    const from = started.length;
    const press = fake.pressCheckRunAction(repo, {
      checkRunId: waiting?.id as number,
      identifier: "resume",
      user: octocat,
    });
    expect(press).toMatchObject({ name: "check_run", action: "requested_action", deliveredToApp: true });
    const resumed = (await jobsSince(from))[0] as ActionRun;
    expect(dispatches()).toHaveLength(2);
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(resumed.outputs.status).toBe("succeeded");
    expect(repo.issues.get(pr?.number as number)?.pull?.draft).toBe(false);
    expect(announcement(first.outputs["run-id"] as string)).toContain("**Status:** ✅ succeeded");
    expect([...repo.checkRuns.values()].filter((c) => c.headSha === baseSha())).toEqual([]);
  });
});
