// The whole chain, for real where it can be: a real issue_comment payload -> the App (probot.receive)
// -> the workflow dispatch it sends -> the Action as a runner starts it (`node dist/index.js`, the
// runner's environment contract; the bundle's entry turns write throttling off, see buildDist)
// -> commits pushed to a bare origin one per step -> a check run per step -> the PR -> for a manual step the checklist, a tick (issue_comment.edited) -> the App
// dispatches resume -> a new job finishes the run -> the aggregate check succeeds. And a failing run:
// the failed check, the rollback, the branch reset. GitHub is the loopback fake, shared by both.
import { join } from "node:path";
import type { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newRunId } from "../../src/engine/index.ts";
import type { RunStatus } from "../../src/engine/ports.ts";
import { recordDelivery, SqlRunStore } from "../../src/store/index.ts";
import { actionFixtureFiles, appScenarioFiles } from "../support/action-repo.ts";
import { startTestApp } from "../support/app-harness.ts";
import { createGitOrigin, type GitOrigin, OriginBranches } from "../support/git-origin.ts";
import {
  addRepo,
  type FakeRepo,
  type GitHubFake,
  type RecordedRequest,
  startGitHubFake,
} from "../support/github-fake/index.ts";
import { buildDist, spawnAction, withFromDispatch } from "../support/spawn-action.ts";
import { useTestDb } from "../support/test-db.ts";
import * as payloads from "../support/webhook-payloads.ts";

const root = join(import.meta.dirname, "../..");
const testDb = useTestDb("postgres", "e2e_chain");
let fake: GitHubFake;
let origin: GitOrigin;
let repo: FakeRepo;
let probot: Probot;
let store: SqlRunStore;
let deliveries = 0;
let jobs = 0;

interface CommentPayload {
  action: string;
  comment: { id: number; body: string; user: { login: string; type: string; id: number } };
  issue: { number: number };
  repository: { name: string; full_name: string; default_branch: string; owner: { login: string } };
  sender: { login: string; type: string; id: number };
  changes?: { body: { from: string } };
}

let dist: Awaited<ReturnType<typeof buildDist>>;

beforeAll(async () => {
  dist = await buildDist();
  fake = await startGitHubFake();
  origin = createGitOrigin({
    copyDirs: { ".": join(root, "examples/monorepo"), scenarios: join(root, "scenarios") },
    files: actionFixtureFiles,
  });
  repo = addRepo(fake.state, {
    owner: "acme",
    name: "monorepo",
    files: appScenarioFiles(),
    roles: { octocat: "write" },
    workflows: {
      "scenario.yml": {
        inputs: { command: {}, scenario: {}, params: {}, "run-id": {}, "issue-number": {} },
      },
    },
  });
  repo.branches = new OriginBranches(origin.bare, repo.branches);
  store = new SqlRunStore({ db: testDb.db });
  ({ probot } = startTestApp({
    baseUrl: fake.url,
    githubToken: "ghs_app_installation",
    store,
    deliveries: { record: (id, event) => recordDelivery(testDb.db, id, event) },
    newRunId: () => newRunId(),
  }));
});
afterAll(async () => {
  dist.dispose();
  await fake.close();
  origin.dispose();
});

function openIssue(number: number): void {
  const at = new Date().toISOString();
  repo.issues.set(number, {
    number,
    title: `issue ${number}`,
    body: "",
    state: "open",
    labels: [],
    user: { login: "octocat", id: 583231, type: "User" },
    createdAt: at,
    updatedAt: at,
  });
  repo.nextNumber = Math.max(repo.nextNumber, number + 1);
}

function onRepo(p: CommentPayload, issue: number): CommentPayload {
  p.repository.name = "monorepo";
  p.repository.full_name = "acme/monorepo";
  p.repository.owner.login = "acme";
  p.repository.default_branch = "main";
  p.issue.number = issue;
  p.sender = { ...p.sender, login: "octocat", type: "User" };
  return p;
}

/** A person comments: the comment exists on GitHub, then its webhook reaches the App. */
async function comment(issue: number, body: string): Promise<void> {
  const p = onRepo(payloads.commentCreated(body) as unknown as CommentPayload, issue);
  p.comment.id = 7_000_000 + ++deliveries;
  p.comment.user = { ...p.comment.user, login: "octocat", type: "User" };
  const at = new Date().toISOString();
  repo.comments.set(p.comment.id, {
    id: p.comment.id,
    issueNumber: issue,
    body,
    user: { login: "octocat", id: 583231, type: "User" },
    createdAt: at,
    updatedAt: at,
  });
  await probot.receive({ id: `delivery-${deliveries}`, name: "issue_comment", payload: p as never });
}

/** A person ticks every box of the checklist comment: GitHub saves the edit, then sends issue_comment.edited. */
async function tickAll(issue: number, commentId: number): Promise<void> {
  const saved = repo.comments.get(commentId);
  if (!saved) throw new Error(`no comment ${commentId}`);
  const before = saved.body;
  const after = before.replaceAll("- [ ]", "- [x]");
  saved.body = after;
  const p = onRepo(payloads.commentEdited(before, after) as unknown as CommentPayload, issue);
  p.comment.id = commentId;
  p.comment.body = after;
  p.comment.user = { ...p.comment.user, login: "scenario-bot[bot]", type: "Bot" };
  p.changes = { body: { from: before } };
  await probot.receive({ id: `delivery-${++deliveries}`, name: "issue_comment", payload: p as never });
}

const dispatches = () =>
  fake.requests.filter(
    (r) => r.method === "POST" && r.path === "/repos/acme/monorepo/actions/workflows/scenario.yml/dispatches",
  );

/** The workflow the dispatch starts: a new runner, a fresh checkout, the action with the dispatch's inputs. */
async function runWorkflow(dispatch: RecordedRequest) {
  const inputs = (dispatch.body as { inputs: Record<string, string> }).inputs;
  const workspace = origin.freshCheckout(`job${++jobs}`);
  return spawnAction({
    entry: dist.entry,
    apiUrl: fake.url,
    repository: "acme/monorepo",
    workspace,
    eventName: "workflow_dispatch",
    payload: {
      inputs,
      ref: "refs/heads/main",
      repository: { full_name: "acme/monorepo", default_branch: "main" },
      sender: { login: "scenario-bot[bot]", type: "Bot" },
    },
    inputs: withFromDispatch(inputs, { "database-url": testDb.url ?? "" }),
  });
}

const checks = (headSha?: string) =>
  [...repo.checkRuns.values()].filter(
    (c) => c.conclusion !== "neutral" && (!headSha || c.headSha === headSha),
  );

describe("the chain: comment -> App -> dispatch -> Action -> commits, checks, PR", {
  timeout: 180_000,
}, () => {
  it("runs /scenario create-shared-service name=billing-service to a green PR", async () => {
    openIssue(101);
    await comment(101, "/scenario create-shared-service name=billing-service");
    expect(dispatches()).toHaveLength(1);
    const inputs = ((dispatches()[0] as RecordedRequest).body as { inputs: Record<string, string> }).inputs;
    expect(inputs).toMatchObject({
      command: "run",
      scenario: "create-shared-service",
      "issue-number": "101",
    });
    expect(JSON.parse(inputs.params as string)).toMatchObject({ name: "billing-service" });
    const runId = inputs["run-id"] as string;
    expect((await store.getRun(runId))?.status).toBe("queued");

    const job = await runWorkflow(dispatches()[0] as RecordedRequest);
    expect(job.code, job.stdout + job.stderr).toBe(0);
    expect(job.outputs).toMatchObject({
      status: "succeeded",
      "run-id": runId,
      branch: `scenario/create-shared-service/${runId}`,
    });
    const branch = job.outputs.branch as string;

    // One commit per step that changed something (and the execution log), each with green check runs;
    // a step that changed nothing has its check run on the commit it found.
    const subjects = origin.log(branch).slice(1);
    expect(subjects.map((s) => s.split(":")[1]?.trim())).toEqual([
      "Write the service",
      "Export it from the shared index",
      "execution log",
    ]);
    const shas = origin.git(origin.bare, "log", "--reverse", "--format=%H", `main..${branch}`).split("\n");
    const stepChecks = checks().filter((c) => /^scenario \/ \d+\. /.test(c.name));
    expect(stepChecks.map((c) => c.conclusion)).toEqual(Array(6).fill("success"));
    for (const sha of shas.slice(0, 2)) expect(checks(sha).length).toBeGreaterThan(0);
    const head = origin.remoteSha(branch) as string;
    expect(checks(head).find((c) => c.name === "scenario / create-shared-service")?.conclusion).toBe(
      "success",
    );
    const pr = repo.issues.get(Number(job.outputs["pull-request"]));
    expect(pr?.pull).toMatchObject({ head: branch, base: "main" });
    expect(pr?.body).toContain("```mermaid");
    expect(job.summary).toContain("| 6 | Ready for review");
    // The App's record (shared database) was taken over and finished by the Action.
    expect((await store.getRun(runId))?.status).toBe("succeeded" satisfies RunStatus);
  });

  it("waits on a manual step, and a tick in the checklist resumes it through the App in a new job", async () => {
    openIssue(102);
    await comment(102, "/scenario setup-environment environment=staging");
    const first = dispatches().at(-1) as RecordedRequest;
    const runId = (first.body as { inputs: Record<string, string> }).inputs["run-id"] as string;
    const job1 = await runWorkflow(first);
    expect(job1.code, job1.stdout + job1.stderr).toBe(0);
    expect(job1.outputs.status).toBe("waiting");
    const branch = job1.outputs.branch as string;

    const checklist = [...repo.comments.values()].find(
      (c) => c.issueNumber === 102 && c.body.includes(`scenario-checklist run:${runId}`),
    );
    expect(checklist?.body).toMatch(/- \[ \] .+ <!-- scenario-run:.+ step:2 item:0 -->/);
    const waiting = checks().find((c) => c.name === "scenario / 3. Set the secrets");
    expect(waiting).toMatchObject({ conclusion: "action_required" });
    expect(waiting?.actions.map((a) => (a as { identifier: string }).identifier)).toEqual([
      "resume",
      "rollback",
    ]);
    expect(
      checks(origin.remoteSha(branch)).find((c) => c.name === "scenario / setup-environment")?.conclusion,
    ).toBe("action_required");

    await tickAll(102, checklist?.id as number);
    const resume = dispatches().at(-1) as RecordedRequest;
    expect(resume).not.toBe(first);
    expect((resume.body as { inputs: Record<string, string> }).inputs).toMatchObject({
      command: "resume",
      "run-id": runId,
    });

    const job2 = await runWorkflow(resume);
    expect(job2.code, job2.stdout + job2.stderr).toBe(0);
    expect(job2.outputs.status).toBe("succeeded");
    const head = origin.remoteSha(branch) as string;
    // The manual step changed nothing: no commit of its own, a green check run.
    expect(
      checks().some((c) => c.name === "scenario / 3. Set the secrets" && c.conclusion === "success"),
    ).toBe(true);
    expect(checks(head).find((c) => c.name === "scenario / setup-environment")?.conclusion).toBe("success");
    const pr = [...repo.issues.values()].find((i) => i.pull?.head === branch);
    expect(pr?.body).toContain("✅ succeeded");
  });

  it("fails a run: no check run on main, the reason in the log, the rollback, the branch reset to its base", async () => {
    openIssue(103);
    await comment(103, "/scenario create-shared-service name=index");
    const job = await runWorkflow(dispatches().at(-1) as RecordedRequest);
    expect(job.code).toBe(1);
    expect(job.outputs.status).toBe("rolled_back");
    expect(job.stdout).toMatch(/::error.*rolled back/);
    // It failed before its first commit: no check run anywhere (none on main), the log says why.
    const runId = job.outputs["run-id"] as string;
    expect([...repo.checkRuns.values()].filter((c) => c.externalId?.startsWith(runId))).toEqual([]);
    expect(job.stdout).toContain("'index' is reserved");
    expect(origin.remoteSha(job.outputs.branch as string)).toBe(origin.remoteSha("main"));
    expect((await store.getRun(job.outputs["run-id"] as string))?.status).toBe("rolled_back");
    // Only the App's look-ups of optional files may miss (no .github/scenarios.yml in this repository).
    expect(
      fake.requests
        .filter((r) => r.status >= 400 && !(r.method === "GET" && r.status === 404))
        .map((r) => `${r.method} ${r.path} ${r.status}`),
    ).toEqual([]);
  });
});
