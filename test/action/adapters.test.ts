// The runner-side adapters together, driven the way the engine drives its ports: a real git checkout
// pushing to a bare origin, the real store on PostgreSQL, and the loopback GitHub fake.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ChecksReporter } from "../../src/action/adapters/checks-reporter.ts";
import { IssueTaskSink } from "../../src/action/adapters/issue-task-sink.ts";
import { PushingWorkspace } from "../../src/action/adapters/pushing-workspace.ts";
import { repoLinks } from "../../src/action/render/links.ts";
import { parseMarker } from "../../src/action/render/pr-body.ts";
import { headerMarker } from "../../src/command/index.ts";
import type { RunRecord, StepRecord } from "../../src/engine/ports.ts";
import { CheckRuns } from "../../src/github/check-runs.ts";
import { Issues } from "../../src/github/issues.ts";
import { createOctokit } from "../../src/github/octokit.ts";
import { PullRequests } from "../../src/github/pull-request.ts";
import { GitWorkspace } from "../../src/local/git-workspace.ts";
import { SqlRunStore } from "../../src/store/run-store.ts";
import { createGitOrigin, type GitOrigin, OriginBranches } from "../support/git-origin.ts";
import {
  addRepo,
  type FakeRepo,
  type GitHubFake,
  refusedRequests,
  startGitHubFake,
} from "../support/github-fake/index.ts";
import { useTestDb } from "../support/test-db.ts";

const testDb = useTestDb("postgres", "action_adapters");
let fake: GitHubFake;
let origin: GitOrigin;
let repo: FakeRepo;

beforeAll(async () => {
  fake = await startGitHubFake();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  origin = createGitOrigin({ files: { "README.md": "# acme\n" } });
  repo = addRepo(fake.state, { owner: "acme", name: `mono${Math.random().toString(36).slice(2, 8)}` });
  repo.branches = new OriginBranches(origin.bare);
  fake.requests.length = 0;
});
afterEach(() => origin.dispose());

interface SetupOptions {
  issueNumber?: number;
  runningCheckAfterMs?: number;
  showAfterMs?: number;
}

async function setup(runId: string, { issueNumber, ...timing }: SetupOptions = {}) {
  const store = new SqlRunStore({ db: testDb.db });
  const octokit = createOctokit({ token: "ghs_test", baseUrl: fake.url, retries: 0 });
  const links = repoLinks("https://github.example", "acme", repo.name);
  const gitWorkspace = await GitWorkspace.open({ repo: origin.checkout, runId });
  const workspace = new PushingWorkspace({ inner: gitWorkspace, repo: origin.checkout });
  const tasks = new IssueTaskSink({
    issues: new Issues({ octokit, owner: "acme", repo: repo.name }),
    store,
    links,
  });
  const reporter = new ChecksReporter({
    checks: new CheckRuns({
      octokit,
      owner: "acme",
      repo: repo.name,
      detailsUrl: "https://ci.example/run/1",
    }),
    pulls: new PullRequests({ octokit, owner: "acme", repo: repo.name }),
    store,
    links,
    headSha: () => workspace.headSha(),
    whereOf: (step) => `scenarios/demo.md:${10 + step.index}`,
    checklistUrl: () => tasks.checklistUrl,
    ...timing,
  });
  const branch = `scenario/demo/${runId}`;
  const { baseSha } = await workspace.startBranch(branch, "main");
  const run = await store.createRun({
    id: runId,
    scenarioId: "demo",
    params: { name: "billing", note: "a | b `c` <x>" },
    repository: `acme/${repo.name}`,
    target: "billing",
    branch,
    baseBranch: "main",
    baseSha,
    status: "running",
    ...(issueNumber ? { issueNumber } : {}),
  });
  return { store, workspace, reporter, tasks, run, baseSha };
}

function step(run: RunRecord, index: number, kind: StepRecord["kind"], name: string): StepRecord {
  return {
    runId: run.id,
    index,
    scenarioId: "demo",
    number: index + 1,
    name,
    kind,
    status: "running",
    startedAt: new Date(),
  };
}

type Setup = Awaited<ReturnType<typeof setup>>;

/** A step ending as the engine ends it: its file committed with the run's trailers, the row saved, the reporter told. */
async function finishStep(
  t: Setup,
  s: StepRecord,
  total: number,
  more: Partial<StepRecord> = {},
): Promise<void> {
  writeFileSync(join(t.workspace.root, `file${s.index}.txt`), `step ${s.index}\n`);
  s.commitSha = await t.workspace.commit(`scenario demo: ${s.name}`, {
    "Scenario-Run": t.run.id,
    "Scenario-Step": String(s.index),
  });
  Object.assign(s, { status: "succeeded", finishedAt: new Date(), ...more });
  await t.store.saveStep(s);
  await t.reporter.stepFinished({ run: t.run, step: s, total });
}

describe("runner-side adapters", () => {
  it("pushes one commit per step, puts each step's check run on its commit, opens the PR and keeps its body current", async () => {
    const t = await setup("20261124-aaaaaa");
    const { store, workspace, reporter, run, baseSha } = t;
    await reporter.runStarted(run, { total: 2 });
    for (const [index, name] of ["Write the service", "Write its test"].entries()) {
      const s = step(run, index, "automated", name);
      await reporter.stepStarted({ run, step: s, total: 2 });
      await finishStep(t, s, 2, { outputTail: "ok\n" });
      expect(origin.remoteSha(run.branch)).toBe(s.commitSha);
    }
    const final = await store.updateRun(run.id, { status: "succeeded", headSha: await workspace.headSha() });
    await reporter.runFinished(final, await store.listSteps(run.id));

    expect(origin.log(run.branch)).toEqual([
      "initial",
      "scenario demo: Write the service",
      "scenario demo: Write its test",
    ]);
    const steps = await store.listSteps(run.id);
    const checks = [...repo.checkRuns.values()];
    for (const s of steps) {
      const verdict = checks.find((c) => c.id === s.checkRunId);
      expect(verdict).toMatchObject({ headSha: s.commitSha, status: "completed", conclusion: "success" });
    }
    // Steps this fast never show as running (two writes nobody would see): their verdicts are their
    // only check runs. The run's own started on step 1's commit and closes there as a neutral pointer;
    // none is put on the base commit (main's head): step 1 and the run get theirs once the branch has a commit.
    expect(checks.filter((c) => c.conclusion === "neutral").map((c) => c.name)).toEqual(["scenario / demo"]);
    expect(checks.filter((c) => c.name.startsWith("scenario / 2."))).toHaveLength(1);
    expect(checks.filter((c) => c.headSha === baseSha)).toEqual([]);
    const aggregate = checks.filter((c) => c.name === "scenario / demo" && c.conclusion !== "neutral");
    expect(aggregate).toMatchObject([{ headSha: final.headSha, conclusion: "success" }]);

    const prs = [...repo.issues.values()].filter((i) => i.pull);
    expect(prs).toHaveLength(1);
    const pr = prs[0];
    expect(pr?.pull).toMatchObject({ head: run.branch, base: "main" });
    expect((await store.getRun(run.id))?.pullRequest).toBe(pr?.number);
    expect(parseMarker(pr?.body ?? "")).toMatchObject({
      runId: run.id,
      scenarioId: "demo",
      params: run.params,
    });
    expect(pr?.body).toContain("```mermaid");
    expect(pr?.body).toContain(":::succeeded");
    expect(pr?.body).toContain("``a \\| b `c` <x>``"); // shown as typed, inside its cell
    expect(pr?.body).toContain(`https://github.example/acme/${repo.name}/commit/${steps[1]?.commitSha}`);
    // Every request was one GitHub accepts.
    expect(refusedRequests(fake.requests)).toEqual([]);
  });

  it("shows a step as running once it has run a while: its running check closes as a pointer to the commit it made", async () => {
    const t = await setup("20261124-slowst", { runningCheckAfterMs: 50 });
    const { reporter, run } = t;
    await reporter.runStarted(run, { total: 2 });
    const first = step(run, 0, "automated", "Write the service");
    await reporter.stepStarted({ run, step: first, total: 2 });
    await finishStep(t, first, 2);

    const slow = step(run, 1, "automated", "Run the tests");
    await reporter.stepStarted({ run, step: slow, total: 2 });
    const running = () =>
      [...repo.checkRuns.values()].find(
        (c) => c.name === "scenario / 2. Run the tests" && c.status === "in_progress",
      );
    for (let waited = 0; !running() && waited < 5_000; waited += 25)
      await new Promise((r) => setTimeout(r, 25));
    expect(running()).toMatchObject({ headSha: first.commitSha });
    await finishStep(t, slow, 2);

    const checks = [...repo.checkRuns.values()].filter((c) => c.name === "scenario / 2. Run the tests");
    expect(checks.map((c) => [c.headSha, c.status, c.conclusion])).toEqual([
      [first.commitSha, "completed", "neutral"],
      [slow.commitSha, "completed", "success"],
    ]);
    expect(refusedRequests(fake.requests)).toEqual([]);
  });

  it("shows the steps so far on the run's check at most every showAfterMs: the update waits, then shows the latest; the verdict replaces one still waiting", async () => {
    const names = ["Write the service", "Write its test", "Export it"];
    const runSteps = async (t: Setup) => {
      await t.reporter.runStarted(t.run, { total: 4 });
      for (const [index, name] of names.entries()) {
        const s = step(t.run, index, "automated", name);
        await t.reporter.stepStarted({ run: t.run, step: s, total: 4 });
        await finishStep(t, s, 4);
      }
      const aggregate = [...repo.checkRuns.values()].find((c) => c.externalId === t.run.id);
      return () =>
        fake.requests.filter(
          (r) => r.method === "PATCH" && r.path.endsWith(`/check-runs/${aggregate?.id}`) && r.receivedAt,
        );
    };
    const finish = async (t: Setup) => {
      const final = await t.store.updateRun(t.run.id, {
        status: "succeeded",
        headSha: await t.workspace.headSha(),
      });
      await t.reporter.runFinished(final, await t.store.listSteps(t.run.id));
      return final;
    };

    // A minute: the three steps are over long before, and nothing was written for them.
    const long = await setup("20261124-waitng", { showAfterMs: 60_000 });
    const longUpdates = await runSteps(long);
    expect(longUpdates()).toEqual([]);
    const final = await finish(long);
    // The run's verdict shows all of it: the update still waiting is dropped, never written.
    expect(longUpdates().map((r) => (r.body as { status?: string }).status)).toEqual(["completed"]);
    const verdict = [...repo.checkRuns.values()].find(
      (c) => c.externalId === long.run.id && c.headSha === final.headSha,
    );
    expect(verdict).toMatchObject({ status: "completed", conclusion: "success" });

    // A short wait: the update that goes out shows the steps as they are when it does, all three at the end.
    const short = await setup("20261124-shortw", { showAfterMs: 50 });
    const updates = await runSteps(short);
    for (let waited = 0; updates().length === 0 && waited < 5_000; waited += 25)
      await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 300));
    const last = JSON.stringify(updates().at(-1)?.body);
    for (const name of names) expect(last).toContain(name);
    await finish(short);
  });

  it("a resumed job keeps the verdict a killed job posted but never recorded on the row: no second check run", async () => {
    const { store, workspace, reporter, run } = await setup("20261124-recovr");
    const s = step(run, 0, "automated", "Write the service");
    writeFileSync(join(workspace.root, "file0.txt"), "step 0\n");
    s.commitSha = await workspace.commit("scenario demo: Write the service", {
      "Scenario-Run": run.id,
      "Scenario-Step": "0",
    });
    Object.assign(s, { status: "succeeded", finishedAt: new Date() });
    await store.saveStep(s);
    // The killed job: its verdict is on GitHub, its id never reached the row.
    await reporter.stepFinished({ run, step: { ...s }, total: 1 });
    const verdicts = () =>
      [...repo.checkRuns.values()].filter((c) => c.name.includes(". ") && c.conclusion === "success");
    expect(verdicts()).toHaveLength(1);
    await store.saveStep({ ...s, checkRunId: undefined } as StepRecord);
    const [row] = await store.listSteps(run.id);
    expect(row?.checkRunId).toBeUndefined();

    const { reporter: resumed } = await setup("20261124-recovr-2");
    await resumed.stepRecovered({ run, step: row as StepRecord, total: 1 });
    expect(verdicts()).toHaveLength(1);
    expect((await store.listSteps(run.id))[0]?.checkRunId).toBe(verdicts()[0]?.id);
    expect(refusedRequests(fake.requests)).toEqual([]);
  });

  it("turns a manual step into the App's checklist comment, marks the check action_required with buttons, and reads ticks back", async () => {
    repo.issues.set(7, {
      number: 7,
      title: "Create billing",
      body: "",
      state: "open",
      labels: [],
      user: { login: "octocat", id: 1, type: "User" },
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    repo.nextNumber = 8;
    const { store, workspace, reporter, tasks, run } = await setup("20261124-bbbbbb", { issueNumber: 7 });
    await reporter.runStarted(run, { total: 1 });
    const s = step(run, 0, "manual", "Review with the owner");
    await reporter.stepStarted({ run, step: s, total: 1 });
    await tasks.publish(run, s, ["Policies match `billing`", "Owner column indexed"]);
    s.commitSha = await workspace.commit("scenario demo: Review", {
      "Scenario-Run": run.id,
      "Scenario-Step": "0",
    });
    s.status = "waiting";
    await store.saveStep(s);
    await reporter.stepFinished({ run, step: s, total: 1 });
    const waiting = await store.updateRun(run.id, { status: "waiting", headSha: s.commitSha });
    await reporter.runFinished(waiting, await store.listSteps(run.id));

    const comment = [...repo.comments.values()].find((c) => c.issueNumber === 7);
    expect(comment?.body).toContain(headerMarker(run.id, "demo"));
    expect(comment?.body).toContain(
      `- [ ] Owner column indexed <!-- scenario-run:${run.id} step:0 item:1 -->`,
    );
    const check = [...repo.checkRuns.values()].find(
      (c) => c.name === "scenario / 1. Review with the owner" && c.conclusion !== "neutral",
    );
    expect(check).toMatchObject({ conclusion: "action_required", headSha: s.commitSha });
    expect(check?.actions).toEqual([
      { label: "Resume", description: "Continue once the checklist is done", identifier: "resume" },
      { label: "Roll back", description: "Undo every step of this run", identifier: "rollback" },
    ]);
    expect(check?.detailsUrl).toMatch(/issuecomment/);
    expect(await tasks.isDone(run, s)).toBe(false);

    if (comment) comment.body = comment.body.replaceAll("- [ ]", "- [x]");
    expect(await tasks.isDone(run, s)).toBe(true);
    expect((await store.listTasks(run.id)).map((t) => t.done)).toEqual([true, true]);
  });

  it("creates an issue for the checklist when the run came from nowhere", async () => {
    const { store, tasks, run } = await setup("20261124-cccccc");
    await tasks.publish(run, step(run, 0, "manual", "Check it"), ["Looks right"]);
    const issue = [...repo.issues.values()].find((i) => !i.pull);
    expect(issue?.title).toBe("Manual steps: demo billing");
    expect((await store.getRun(run.id))?.issueNumber).toBe(issue?.number);
    expect([...repo.comments.values()][0]?.issueNumber).toBe(issue?.number);
  });

  it("writes the dev task: a comment on the run's issue, else a new issue; nothing when nothing is left", async () => {
    const { tasks, run } = await setup("20261124-eeeeee");
    expect(await tasks.devTask(run, [])).toBeUndefined();
    expect(repo.issues.size).toBe(0);
    const where = await tasks.devTask(run, ["Confirm: the owner agreed", "Check that billing is\nhealthy"]);
    const issue = [...repo.issues.values()][0];
    expect(where).toMatch(new RegExp(`/issues/${issue?.number}$`));
    expect(issue?.title).toBe("Follow-up: demo billing");
    expect(issue?.body).toContain("- [ ] Confirm: the owner agreed\n- [ ] Check that billing is healthy");
    run.issueNumber = issue?.number;
    expect(await tasks.devTask(run, ["Confirm: done"])).toMatch(/#issuecomment-\d+$/);
    expect(
      [...repo.comments.values()].map((c) => [c.issueNumber, c.body.includes("- [ ] Confirm: done")]),
    ).toEqual([[issue?.number, true]]);
  });

  it("pushes a reset with a lease, and a new job on a fresh checkout continues from the pushed branch", async () => {
    const { workspace, run, baseSha } = await setup("20261124-dddddd");
    writeFileSync(join(workspace.root, "x.txt"), "x\n");
    const first = await workspace.commit("step 1", { "Scenario-Run": run.id, "Scenario-Step": "0" });
    expect(origin.remoteSha(run.branch)).toBe(first);

    // Another job (a resume on a new runner) sees the branch and its checkpoints.
    const other = createGitOrigin();
    try {
      const fresh = origin.freshCheckout("job2");
      const next = new PushingWorkspace({
        inner: await GitWorkspace.open({ repo: fresh, runId: run.id }),
        repo: fresh,
      });
      expect(await next.hasBranch(run.branch)).toBe(true);
      expect(await next.checkout(run.branch)).toBe(first);
      expect(await next.checkpoints(run.branch)).toMatchObject([{ runId: run.id, step: 0, sha: first }]);
      await next.resetTo(baseSha);
      expect(origin.remoteSha(run.branch)).toBe(baseSha);
    } finally {
      other.dispose();
    }

    // The first job's view is stale now: its lease fails instead of overwriting.
    writeFileSync(join(workspace.root, "y.txt"), "y\n");
    await expect(workspace.resetTo(first)).rejects.toThrow(/stale info|rejected/);
  });
});
