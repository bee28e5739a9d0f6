// Without database-url each job has its own embedded PGlite, gone with its runner: a run that waits on
// a manual step must be continued by a new job from what GitHub and origin keep (the pushed branch,
// the PR's state marker, the checklist comment). Also a rollback asked for in a third job.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMarker, renderMarker } from "../../src/action/render/pr-body.ts";
import { dispatchPayload } from "../support/action-env.ts";
import { actionFixtureFiles } from "../support/action-repo.ts";
import { createGitOrigin, type GitOrigin, OriginBranches } from "../support/git-origin.ts";
import {
  addRepo,
  editBody,
  type FakeIssue,
  type FakeRepo,
  type GitHubFake,
  startGitHubFake,
} from "../support/github-fake/index.ts";
import { buildDist, spawnAction } from "../support/spawn-action.ts";

const root = join(import.meta.dirname, "../..");
let fake: GitHubFake;
let origin: GitOrigin;
let repo: FakeRepo;
let jobs = 0;

let dist: Awaited<ReturnType<typeof buildDist>>;
/** dist/index.js as committed (`await run()`: throttled writes, retries), for a job that writes nothing. */
let production: Awaited<ReturnType<typeof buildDist>>;

beforeAll(async () => {
  dist = await buildDist();
  production = await buildDist("production");
  fake = await startGitHubFake();
  origin = createGitOrigin({
    copyDirs: { ".": join(root, "examples/monorepo"), scenarios: join(root, "scenarios") },
    files: actionFixtureFiles,
  });
  repo = addRepo(fake.state, { owner: "acme", name: "embedded" });
  repo.branches = new OriginBranches(origin.bare);
  const at = new Date().toISOString();
  repo.issues.set(5, {
    number: 5,
    title: "staging env",
    body: "",
    state: "open",
    labels: [],
    user: { login: "octocat", id: 1, type: "User" },
    createdAt: at,
    updatedAt: at,
  });
  repo.nextNumber = 6;
});
afterAll(async () => {
  dist.dispose();
  production.dispose();
  await fake.close();
  origin.dispose();
});

function job(
  inputs: Record<string, string>,
  onOutput?: Parameters<typeof spawnAction>[0]["onOutput"],
  bundle = dist,
) {
  const all = {
    params: "{}",
    scenario: "",
    "run-id": "",
    "issue-number": "",
    "github-token": "ghs_runner",
    "database-url": "",
    ...inputs,
  };
  return spawnAction({
    entry: bundle.entry,
    apiUrl: fake.url,
    repository: "acme/embedded",
    workspace: origin.freshCheckout(`embedded-job${++jobs}`),
    eventName: "workflow_dispatch",
    payload: dispatchPayload(all),
    inputs: all,
    ...(onOutput ? { onOutput } : {}),
  });
}

describe("jobs with an embedded store each", { timeout: 180_000 }, () => {
  it("waits in one job, resumes in another from the branch, the PR marker and the checklist", async () => {
    const runId = "20261124-embed1";
    const first = await job({
      command: "run",
      scenario: "setup-environment",
      params: '{"environment":"staging"}',
      "run-id": runId,
      "issue-number": "5",
    });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.outputs.status).toBe("waiting");

    // Someone with write access ticks the boxes (the App or zero-server mode checked them).
    const checklist = [...repo.comments.values()].find((c) => c.issueNumber === 5 && c.body.includes(runId));
    if (!checklist) throw new Error("no checklist comment");
    checklist.body = checklist.body.replaceAll("- [ ]", "- [x]");

    const second = await job({ command: "resume", "run-id": runId });
    expect(second.code, second.stdout + second.stderr).toBe(0);
    // Rebuilt from the marker the bot itself last wrote (the fake answers GraphQL's `editor` from that).
    expect(second.stdout).toContain(`run ${runId} was not in the store: rebuilt from pull request`);
    expect(second.outputs.status).toBe("succeeded");
    const branch = second.outputs.branch as string;
    const subjects = origin
      .log(branch)
      .slice(1)
      .map((s) => s.split(":")[1]?.trim());
    // Each step committed once: the resume did not redo what the first job pushed.
    expect(subjects.filter((s) => s === "Write the environment file from .env.example")).toHaveLength(1);
    // The manual step changed nothing, so it made no commit; its verdict is its check run.
    expect(
      [...repo.checkRuns.values()].some(
        (c) => c.name === "scenario / 3. Set the secrets" && c.conclusion === "success",
      ),
    ).toBe(true);
    const head = origin.remoteSha(branch);
    const aggregate = [...repo.checkRuns.values()].find(
      (c) => c.name === "scenario / setup-environment" && c.headSha === head && c.conclusion !== "neutral",
    );
    expect(aggregate?.conclusion).toBe("success");
    // The checklist comment was not published a second time.
    expect(
      [...repo.comments.values()].filter((c) => c.body.includes(`scenario-checklist run:${runId}`)),
    ).toHaveLength(1);

    const third = await job({ command: "rollback", "run-id": runId });
    expect(third.outputs.status).toBe("rolled_back");
    expect(origin.remoteSha(branch)).toBe(origin.remoteSha("main"));
    // Its PR closed, a later job knows the run is over.
    const fourth = await job({ command: "resume", "run-id": runId });
    expect(fourth.code).toBe(1);
    expect(fourth.stdout).toMatch(/::error::.*20261124-embed1.*rolled_back/);
  });

  it("reads the PR's marker only as the bot last wrote it: a person's edit is refused and changes nothing", async () => {
    const runId = "20261124-forged";
    const first = await job({
      command: "run",
      scenario: "setup-environment",
      params: '{"environment":"staging"}',
      "run-id": runId,
      "issue-number": "5",
    });
    expect(first.outputs.status, first.stdout + first.stderr).toBe("waiting");
    const pr = repo.issues.get(Number(first.outputs["pull-request"])) as FakeIssue;
    // The job wrote the body last: it opened the pull request, or rewrote the body after its steps.
    expect((pr.editor ?? pr.user).login).toBe("scenario-bot[bot]");
    const checklist = [...repo.comments.values()].find((c) => c.issueNumber === 5 && c.body.includes(runId));
    if (!checklist) throw new Error("no checklist comment");
    checklist.body = checklist.body.replaceAll("- [ ]", "- [x]");

    // A writer changes the run's parameters in the marker while it waits (on the web page).
    const mallory = { login: "mallory", id: 66, type: "User" as const };
    const marker = parseMarker(pr.body ?? "");
    if (!marker) throw new Error("no marker in the PR body");
    const forged = renderMarker({ ...marker, params: { environment: "production" } });
    editBody(pr, mallory, (pr.body ?? "").replace(/<!-- scenario-run-state: \S+ -->/, forged));
    const branch = first.outputs.branch as string;
    const before = {
      head: origin.remoteSha(branch),
      body: pr.body,
      checkRuns: repo.checkRuns.size,
      comments: repo.comments.size,
      events: repo.events.length,
    };
    const refused = await job({ command: "resume", "run-id": runId });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      `::error::run ${runId}: the body of pull request #${pr.number} was last edited by @mallory, not by scenario-bot[bot]`,
    );
    expect(refused.stdout).toContain("delete the marker line");
    expect(refused.stdout).not.toContain("rebuilt from pull request");
    expect({
      head: origin.remoteSha(branch),
      body: pr.body,
      checkRuns: repo.checkRuns.size,
      comments: repo.comments.size,
      events: repo.events.length,
    }).toEqual(before);

    // The way out the refusal names: without the marker the run is rebuilt from its commits (which say
    // staging), and the job's rewrite of the body makes the bot its last editor again.
    editBody(pr, mallory, (pr.body ?? "").replace(/<!-- scenario-run-state: \S+ -->\n?/, ""));
    const resumed = await job({ command: "resume", "run-id": runId });
    expect(resumed.code, resumed.stdout + resumed.stderr).toBe(0);
    expect(pr.editor?.login).toBe("scenario-bot[bot]");
    expect(parseMarker(pr.body ?? "")?.params).toMatchObject({ environment: "staging" });
  });

  it("a cancelled job (SIGINT, as the runner sends) rolls its run back before it exits", async () => {
    let sent = false;
    const cancelled = await job(
      {
        command: "run",
        scenario: "create-shared-service",
        params: '{"name":"ledger"}',
        "run-id": "20261124-sigint",
      },
      (stdout, child) => {
        if (!sent && stdout.includes("[2/")) {
          sent = true;
          child.kill("SIGINT");
        }
      },
    );
    expect(sent).toBe(true);
    expect(cancelled.stdout).toContain("received SIGINT: cancelling");
    expect(cancelled.outputs.status).toBe("cancelled");
    expect(origin.remoteSha(cancelled.outputs.branch as string)).toBe(origin.remoteSha("main"));
  });

  it("says which run it could not find and how to fix it", async () => {
    const lost = await job({ command: "resume", "run-id": "20261124-nosuch" }, undefined, production);
    expect(lost.code).toBe(1);
    expect(lost.stdout).toContain("::error::run 20261124-nosuch was not found in the store or on origin");
    expect(lost.stdout).toContain("Check the run-id input");
    expect(lost.outputs).toEqual({});
  });
});
