// `resume`, `rollback` and `cancel` while another job is still driving the run. GitHub's side is the
// loopback fake; the job driving the run is a real in-process job whose workflow run the fake knows
// (named by the workflow's `run-name:` when dispatched), and whose runner, on GitHub's cancel, aborts it
// the way a runner's SIGINT does.
import { describe, expect, it } from "vitest";
import { run } from "../../../src/action/main.ts";
import { lockKey } from "../../../src/engine/index.ts";
import { SqlRunStore } from "../../../src/store/index.ts";
import { actionEnv } from "../../support/action-env.ts";
import { useActionRepo } from "../../support/action-repo.ts";
import { addWorkflowRun } from "../../support/github-fake/index.ts";
import { recordingIo } from "../../support/recording-io.ts";
import { dispatchedRunName } from "../../support/scenario-workflow.ts";
import { useTestDb } from "../../support/test-db.ts";
import * as payloads from "../../support/webhook-payloads.ts";
import { startJob } from "../support/start-job.ts";

const testDb = useTestDb("postgres", "action_run_control");

/** A scenario whose second step takes a minute: long enough to be cancelled while it runs. */
const SLOW = `# Scenario: Slow note

Writes a note, then waits a minute.

## Metadata
- **ID**: \`slow-note\`
- **Object Type**: infra
- **Complexity**: simple
- **Automation**: 100%
- **Dependencies**: none

## Parameters
- \`name\` (required): The note's name. Pattern: \`^[a-z]+$\`. Example: \`hello\`

## Pre-Conditions
1. [ ] No such note yet
   \`\`\`bash check
   test ! -e "notes/{name}.txt"
   \`\`\`

## Steps
1. **Write the note** [automated]
   \`\`\`text file=notes/{name}.txt
   {name}
   \`\`\`
2. **Wait** [automated]
   \`\`\`bash
   sleep 60
   \`\`\`

## Post-Validation
1. [ ] The note exists
   \`\`\`bash check
   test -f "notes/{name}.txt"
   \`\`\`

## Rollback
1. **Remove the note**
   \`\`\`bash
   rm -f "notes/{name}.txt"
   \`\`\`
`;

/** Its first step takes a minute and changes nothing: no commit, so no check run, while it runs. */
const SLOW_START = SLOW.replace("Slow note", "Slow start")
  .replace("`slow-note`", "`slow-start`")
  .replace(
    /## Steps[\s\S]*?## Post-Validation/,
    `## Steps
1. **Wait first** [automated]
   \`\`\`bash
   sleep 60
   \`\`\`
2. **Write the note** [automated]
   \`\`\`text file=notes/{name}.txt
   {name}
   \`\`\`

## Post-Validation`,
  );

const t = useActionRepo({
  files: { "scenarios/infra/slow-note.md": SLOW, "scenarios/infra/slow-start.md": SLOW_START },
  roles: { octocat: "admin" },
});

async function until(what: string, ok: () => boolean, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A job of workflow run `workflowRunId`; GitHub's cancel of that workflow run aborts it (the runner's SIGINT). */
function jobOfWorkflowRun(
  workflowRunId: number,
  inputs: Record<string, string>,
  workspace: string,
  { db = true, liveJobWaitMs }: { db?: boolean; liveJobWaitMs?: number } = {},
) {
  const controller = new AbortController();
  addWorkflowRun(t.repo, {
    id: workflowRunId,
    headSha: t.origin.remoteSha("main") as string,
    displayTitle: dispatchedRunName(inputs),
    onCancel: () => controller.abort(),
  });
  const job = startJob(
    {
      fake: t.fake,
      repo: t.repo,
      workspace,
      runId: workflowRunId,
      signal: controller.signal,
      ...(db && testDb.url ? { databaseUrl: testDb.url } : {}),
      ...(liveJobWaitMs === undefined ? {} : { liveJobWaitMs }),
    },
    inputs,
  );
  const done = job.done.finally(() => {
    const run = t.repo.workflowRuns.get(workflowRunId);
    if (run)
      Object.assign(run, {
        status: "completed",
        conclusion: controller.signal.aborted ? "cancelled" : "success",
      });
  });
  return { ...job, done };
}

/** The job of workflow run `workflowRunId` running `slow-note`, once its minute-long step has started. */
async function slowNoteRunning(workflowRunId: number, runId: string, db: boolean) {
  const job = jobOfWorkflowRun(
    workflowRunId,
    { command: "run", scenario: "slow-note", params: '{"name":"hello"}', "run-id": runId },
    t.origin.checkout,
    { db },
  );
  await until("step 2 to start", () =>
    [...t.repo.checkRuns.values()].some((c) => c.name === "scenario / 2. Wait" && c.status === "in_progress"),
  );
  return job;
}

const requested = (method: string, path: string) =>
  t.fake.requests.filter((r) => r.method === method && r.path.endsWith(path)).map((r) => r.status);

describe.each([
  { mode: "a shared PostgreSQL store", db: true },
  { mode: "embedded stores (zero-server)", db: false },
])("while another job drives the run, with $mode", ({ db }) => {
  it("cancel asks GitHub to cancel that job's workflow run; that job rolls the run back and records it cancelled", async () => {
    const driving = await slowNoteRunning(5001, "20261124-slow01", db);

    const cancel = jobOfWorkflowRun(
      5002,
      { command: "cancel", "run-id": "20261124-slow01" },
      t.origin.freshCheckout("runner-2"),
      { db },
    );
    const asked = await cancel.done;
    expect(cancel.io.failed).toEqual([]);
    expect(asked).toMatchObject({ status: "running", runId: "20261124-slow01" });
    expect(cancel.io.summary).toContain("driven by [workflow run 5001](https://github.com/acme/");
    expect(requested("POST", "/actions/runs/5001/cancel")).toEqual([202]);

    const stopped = await driving.done;
    expect(stopped?.status).toBe("cancelled");
    expect(t.origin.remoteSha(stopped?.branch as string)).toBe(t.origin.remoteSha("main"));
    const aggregate = [...t.repo.checkRuns.values()].find(
      (c) => c.name === "scenario / slow-note" && c.conclusion !== "neutral",
    );
    expect(aggregate?.conclusion).toBe("cancelled");
    // The cancel job moved nothing itself: every push came from the job that drove the run.
    expect([...t.repo.checkRuns.values()].filter((c) => c.detailsUrl?.endsWith("/5002"))).toEqual([]);

    // The App's path: its dispatched cancel job starts once GitHub has cancelled the job (the workflow's
    // concurrency group), and finds the run already rolled back.
    const late = jobOfWorkflowRun(
      5003,
      { command: "cancel", "run-id": "20261124-slow01" },
      t.origin.freshCheckout("runner-3"),
      { db },
    );
    const again = await late.done;
    expect(late.io.failed).toEqual([]);
    // With an embedded store the run is rebuilt from its closed pull request: undone, either way.
    expect(again?.status).toBe(db ? "cancelled" : "rolled_back");
    expect(late.io.summary).toContain("Nothing was done: it was already");
    expect(t.origin.remoteSha(stopped?.branch as string)).toBe(t.origin.remoteSha("main"));
  });

  it("resume and rollback wait for that job, and are refused when it is still running after the wait", async () => {
    const driving = await slowNoteRunning(5011, "20261124-slow02", db);
    const head = t.origin.remoteSha("scenario/slow-note/20261124-slow02");

    for (const [n, command] of [
      [5012, "resume"],
      [5013, "rollback"],
    ] as const) {
      const job = jobOfWorkflowRun(
        n,
        { command, "run-id": "20261124-slow02" },
        t.origin.freshCheckout(`r${n}`),
        { db, liveJobWaitMs: 500 },
      );
      await job.done;
      expect(job.io.logs).toContain(
        `run 20261124-slow02 is being driven by workflow run 5011 (https://github.com/acme/${t.repo.name}/actions/runs/5011); waiting up to 1 s for it to finish`,
      );
      expect(job.io.failed).toEqual([
        expect.stringMatching(
          new RegExp(
            `^run 20261124-slow02 is being driven by workflow run 5011 \\(https://github.com/acme/[a-z0-9]+/actions/runs/5011\\) right now; ${command} it once that job has finished, or stop it with /scenario cancel 20261124-slow02\\.$`,
          ),
        ),
      ]);
    }
    expect(t.origin.remoteSha("scenario/slow-note/20261124-slow02")).toBe(head);
    expect(requested("POST", "/cancel")).toEqual([]);

    t.repo.workflowRuns.get(5011)?.onCancel?.();
    expect((await driving.done)?.status).toBe("cancelled");
  });

  it("a resume that waited goes on once that job has finished, from the state it left", async () => {
    const driving = await slowNoteRunning(5031, "20261124-slow03", db);
    const resume = jobOfWorkflowRun(
      5032,
      { command: "resume", "run-id": "20261124-slow03" },
      t.origin.freshCheckout("runner-2"),
      { db, liveJobWaitMs: 60_000 },
    );
    await until("the resume to wait", () => resume.io.logs.some((l) => l.includes("waiting up to 60 s")));
    const order: string[] = [];
    t.repo.workflowRuns.get(5031)?.onCancel?.();
    await Promise.all([
      driving.done.then(() => order.push("driving job ended")),
      resume.done.then(() => order.push("resume ended")),
    ]);
    expect(order).toEqual(["driving job ended", "resume ended"]);
    // That job rolled the run back; the resume then found nothing to resume, and moved nothing.
    expect(resume.io.failed).toEqual([
      expect.stringMatching(/^run 20261124-slow03 is (cancelled|rolled_back)/),
    ]);
    expect(t.origin.remoteSha("scenario/slow-note/20261124-slow03")).toBe(t.origin.remoteSha("main"));
  });
});

const stepStarted = (io: { logs: string[] }, name: string) =>
  io.logs.some((l) => l.startsWith("::group::[") && l.includes(`] ${name} (`));

describe.each([
  { mode: "a shared PostgreSQL store", db: true },
  { mode: "embedded stores (zero-server)", db: false },
])("before the job driving the run has made any commit (so no check run), with $mode", ({ db }) => {
  it("a cancel finds that job by its workflow run's name (run-name) and has GitHub cancel it", async () => {
    const runId = "20261124-start1";
    const driving = jobOfWorkflowRun(
      5101,
      { command: "run", scenario: "slow-start", params: '{"name":"hello"}', "run-id": runId },
      t.origin.checkout,
      { db },
    );
    await until("step 1 to start", () => stepStarted(driving.io, "Wait first"));
    expect([...t.repo.checkRuns.values()]).toEqual([]);

    const cancel = jobOfWorkflowRun(
      5102,
      { command: "cancel", "run-id": runId },
      t.origin.freshCheckout("runner-2"),
      { db },
    );
    expect(await cancel.done).toMatchObject({ status: "running", runId });
    expect(cancel.io.failed).toEqual([]);
    expect(cancel.io.summary).toContain("driven by [workflow run 5101](https://github.com/acme/");
    expect(requested("POST", "/actions/runs/5101/cancel")).toEqual([202]);
    expect((await driving.done)?.status).toBe("cancelled");
  });
});

describe("a run started by a comment (zero-server), before its first commit", () => {
  it("is found by its reply, which links the job driving it from the run's start: a cancel stops that job", async () => {
    const at = new Date().toISOString();
    const p = payloads.commentCreated("/scenario slow-start name=hello");
    const issue = p.issue.number;
    t.repo.issues.set(issue, {
      number: issue,
      title: "Notes",
      body: "",
      state: "open",
      labels: [],
      user: { login: "octocat", id: 1, type: "User" },
      createdAt: at,
      updatedAt: at,
    });
    Object.assign(p.repository, { name: t.repo.name, owner: { ...p.repository.owner, login: "acme" } });
    Object.assign(p.sender, { login: "octocat", type: "User" });
    if (p.comment.user) Object.assign(p.comment.user, { login: "octocat", type: "User" });
    t.repo.comments.set(p.comment.id, {
      id: p.comment.id,
      issueNumber: issue,
      body: p.comment.body,
      user: { login: "octocat", id: 1, type: "User" },
      createdAt: at,
      updatedAt: at,
    });
    // Its workflow run is named by GitHub after the issue: the run id did not exist when it started.
    const controller = new AbortController();
    const workflowRun = addWorkflowRun(t.repo, {
      id: 5201,
      headSha: t.origin.remoteSha("main") as string,
      event: "issue_comment",
      displayTitle: "Notes",
      onCancel: () => controller.abort(),
    });
    const io = recordingIo({
      command: "",
      params: "{}",
      "github-token": "ghs_runner",
      "database-url": testDb.url ?? "",
    });
    const { env } = actionEnv({
      apiUrl: t.fake.url,
      repository: `acme/${t.repo.name}`,
      workspace: t.origin.checkout,
      eventName: "issue_comment",
      payload: p,
      runId: 5201,
    });
    const driving = run({
      io,
      env: { ...env, PATH: process.env.PATH },
      retries: 0,
      signal: controller.signal,
    });
    await until("step 1 to start", () => stepStarted(io, "Wait first"));
    expect([...t.repo.checkRuns.values()]).toEqual([]);
    const reply = [...t.repo.comments.values()].find((c) => c.body.includes("<!-- scenario-bot run:"));
    const runId = /<!-- scenario-bot run:(\S+) -->/.exec(reply?.body ?? "")?.[1] as string;
    expect(reply?.body).toContain("/actions/runs/5201");

    const cancel = jobOfWorkflowRun(
      5202,
      { command: "cancel", "run-id": runId, "issue-number": String(issue) },
      t.origin.freshCheckout("runner-2"),
    );
    expect(await cancel.done).toMatchObject({ status: "running", runId });
    expect(requested("POST", "/actions/runs/5201/cancel")).toEqual([202]);
    expect((await driving)?.status).toBe("cancelled");
    Object.assign(workflowRun, { status: "completed", conclusion: "cancelled" });
  });
});

describe("a check left in progress by a job that is gone", () => {
  it("does not stop the cancel: its workflow run has finished, so this job rolls the waiting run back", async () => {
    const first = startJob(
      {
        fake: t.fake,
        repo: t.repo,
        workspace: t.origin.checkout,
        ...(testDb.url ? { databaseUrl: testDb.url } : {}),
      },
      {
        command: "run",
        scenario: "setup-environment",
        params: '{"environment":"test"}',
        "run-id": "20261124-gone01",
      },
    );
    expect((await first.done)?.status).toBe("waiting");
    // What a job killed mid-step leaves: its step's check still in progress on the branch head.
    const branch = "scenario/setup-environment/20261124-gone01";
    addWorkflowRun(t.repo, {
      id: 6001,
      headSha: t.origin.remoteSha("main") as string,
      status: "completed",
      conclusion: "failure",
    });
    t.repo.checkRuns.set(99, {
      id: 99,
      name: "scenario / 3. Stale",
      headSha: t.origin.remoteSha(branch) as string,
      status: "in_progress",
      conclusion: null,
      output: { annotations_count: 0 },
      annotations: [],
      actions: [],
      externalId: "20261124-gone01:2",
      detailsUrl: `https://github.com/acme/${t.repo.name}/actions/runs/6001/job/1`,
      appId: 4242,
      startedAt: new Date().toISOString(),
      completedAt: null,
    });
    const cancel = startJob(
      {
        fake: t.fake,
        repo: t.repo,
        workspace: t.origin.freshCheckout("runner-2"),
        ...(testDb.url ? { databaseUrl: testDb.url } : {}),
      },
      { command: "cancel", "run-id": "20261124-gone01" },
    );
    expect((await cancel.done)?.status).toBe("cancelled");
    expect(t.origin.remoteSha(branch)).toBe(t.origin.remoteSha("main"));
    expect(requested("POST", "/cancel")).toEqual([]);
  });
});

describe("a run cancelled before its job started (the App recorded it queued and dispatched it)", () => {
  it("the cancel records it cancelled; the run's job then starts, says so and changes nothing", async () => {
    const store = new SqlRunStore({ db: testDb.db });
    const queued = {
      id: "20261124-early1",
      scenarioId: "slow-note",
      params: { name: "hello" },
      status: "queued",
      repository: `acme/${t.repo.name}`,
      target: "hello",
      branch: "scenario/slow-note/20261124-early1",
      baseBranch: "main",
      triggeredBy: "octocat",
    } as const;
    expect(await store.queueRun(queued, lockKey(queued))).toEqual({ acquired: true });

    const cancel = jobOfWorkflowRun(5021, { command: "cancel", "run-id": queued.id }, t.origin.checkout);
    const cancelled = await cancel.done;
    expect(cancel.io.failed).toEqual([]);
    expect(cancelled?.status).toBe("cancelled");

    const late = jobOfWorkflowRun(
      5020,
      { command: "run", scenario: "slow-note", params: '{"name":"hello"}', "run-id": queued.id },
      t.origin.freshCheckout("runner-2"),
    );
    await late.done;
    expect(late.io.failed).toEqual([
      expect.stringMatching(
        /^run 20261124-early1 was cancelled before its job started \(cancelled by @scenario-bot\[bot\]\); nothing was changed\. Start a new run to make the change\.$/,
      ),
    ]);
    expect(t.origin.remoteSha(queued.branch)).toBeUndefined();
    expect(await store.getRun(queued.id)).toMatchObject({ status: "cancelled" });
    expect([...t.repo.checkRuns.values()].filter((c) => c.detailsUrl?.endsWith("/5020"))).toEqual([]);
  });
});
