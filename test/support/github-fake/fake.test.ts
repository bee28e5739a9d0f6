// The fake must agree with GitHub on shapes: driven here through @octokit/rest, the real client, with
// every answer checked against GitHub's REST description (`checkResponses`), and every request too.
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRepo, addWorkflowRun, type GitHubFake, startGitHubFake } from "./index.ts";
import { routes } from "./routes.ts";

let fake: GitHubFake;
let octokit: Octokit;
const repo = { owner: "acme", repo: "mono" };

beforeAll(async () => {
  fake = await startGitHubFake({ checkResponses: true });
  addRepo(fake.state, {
    owner: "acme",
    name: "mono",
    files: {
      "scenarios/a.md": "# Scenario: A\n",
      "scenarios/sub/b.md": "b",
      ".github/scenarios.yml": "minimum: write\n",
    },
    roles: { alice: "maintain", carol: { role: "write", roleName: "deployer" } },
    workflows: { "scenario.yml": { inputs: { scenario: { required: true }, params: {} } } },
  });
  octokit = new Octokit({ baseUrl: fake.url, auth: "ghs_test", request: { retries: 0 } });
});
afterAll(() => fake.close());

describe("GitHub fake", () => {
  it("answers latencyMs late when asked to (GitHub's round trip, for the App bench)", async () => {
    const slow = await startGitHubFake({ latencyMs: 60 });
    addRepo(slow.state, { owner: "acme", name: "mono", roles: { alice: "maintain" } });
    try {
      const client = new Octokit({ baseUrl: slow.url, auth: "ghs_test", request: { retries: 0 } });
      const ask = () => client.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "alice" });
      await ask();
      const start = performance.now();
      const { data } = await ask();
      expect(performance.now() - start).toBeGreaterThanOrEqual(55);
      expect(data.role_name).toBe("maintain");
    } finally {
      await slow.close();
    }
  });

  it("answers permission with role_name and the flattened permission", async () => {
    const alice = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "alice" });
    expect([alice.data.permission, alice.data.role_name]).toEqual(["write", "maintain"]);
    const carol = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "carol" });
    expect([carol.data.permission, carol.data.role_name]).toEqual(["write", "deployer"]);
    const bob = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: "bob" });
    expect([bob.data.permission, bob.data.role_name]).toEqual(["read", "read"]);
  });

  it("creates, reads, updates comments and reacts to them; rejects a bad reaction with 422", async () => {
    fake.state.repos.get("acme/mono")?.issues.set(1, {
      number: 1,
      title: "t",
      body: null,
      state: "open",
      labels: [],
      user: { login: "alice", id: 1, type: "User" },
      createdAt: "2024-01-01T00:00:00Z",
      updatedAt: "2024-01-01T00:00:00Z",
    });
    const created = await octokit.rest.issues.createComment({ ...repo, issue_number: 1, body: "hello" });
    expect(created.status).toBe(201);
    await octokit.rest.issues.updateComment({ ...repo, comment_id: created.data.id, body: "bye" });
    expect((await octokit.rest.issues.getComment({ ...repo, comment_id: created.data.id })).data.body).toBe(
      "bye",
    );
    const reaction = await octokit.rest.reactions.createForIssueComment({
      ...repo,
      comment_id: created.data.id,
      content: "eyes",
    });
    expect(reaction.data.content).toBe("eyes");
    await expect(
      octokit.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", {
        ...repo,
        comment_id: created.data.id,
        content: "thumbsup" as "+1",
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(fake.takeViolations()).toMatchObject([
      {
        side: "request",
        operation: "reactions/create-for-issue-comment",
        problems: [expect.stringMatching(/^body\.content must be equal to one of the allowed values/)],
      },
    ]);
  });

  it("dispatches a workflow (204) and refuses unknown workflows, refs and inputs like GitHub", async () => {
    const ok = await octokit.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: "scenario.yml",
      ref: "main",
      inputs: { scenario: "a", params: "{}" },
    });
    expect(ok.status).toBe(204);
    await expect(
      octokit.rest.actions.createWorkflowDispatch({ ...repo, workflow_id: "nope.yml", ref: "main" }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      octokit.rest.actions.createWorkflowDispatch({
        ...repo,
        workflow_id: "scenario.yml",
        ref: "gone",
        inputs: { scenario: "a" },
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.actions.createWorkflowDispatch({
        ...repo,
        workflow_id: "scenario.yml",
        ref: "main",
        inputs: { x: "1", scenario: "a" },
      }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Unexpected inputs provided: ["x"]'),
    });
    await expect(
      octokit.rest.actions.createWorkflowDispatch({
        ...repo,
        workflow_id: "scenario.yml",
        ref: "main",
        inputs: {},
      }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining("Required input 'scenario' not provided"),
    });
  });

  it("validates check runs: 50 annotations at most, conclusion with completed", async () => {
    const sha = "a".repeat(40);
    const annotation = {
      path: "x.md",
      start_line: 1,
      end_line: 1,
      annotation_level: "failure" as const,
      message: "m",
    };
    const run = await octokit.rest.checks.create({
      ...repo,
      name: "scenario docs",
      head_sha: sha,
      status: "in_progress",
    });
    await octokit.rest.checks.update({
      ...repo,
      check_run_id: run.data.id,
      output: { title: "t", summary: "s", annotations: Array(50).fill(annotation) },
    });
    await expect(
      octokit.rest.checks.update({
        ...repo,
        check_run_id: run.data.id,
        output: { title: "t", summary: "s", annotations: Array(51).fill(annotation) },
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.checks.create({ ...repo, name: "x", head_sha: sha, status: "completed" }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.checks.update({
        ...repo,
        check_run_id: run.data.id,
        output: { title: "t", summary: "s", annotations: [{ ...annotation, end_line: 2, start_column: 1 }] },
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(fake.takeViolations().map((v) => v.problems)).toEqual([
      ["body.output.annotations must NOT have more than 50 items"],
      ["body must have required property 'conclusion'"],
      ["body.output.annotations.0.end_line must be equal to constant"],
    ]);
  });

  it("refuses what GitHub's REST description does not allow, and reports each as a violation", async () => {
    const problems = async (request: Promise<unknown>, status: number) => {
      await expect(request).rejects.toMatchObject({ status });
      return fake.takeViolations().flatMap((v) => v.problems);
    };
    expect(await problems(octokit.request("GET /repos/{owner}/{repo}/no-such-thing", repo), 404)).toEqual([
      "no operation in GitHub's REST description matches GET /repos/acme/mono/no-such-thing",
    ]);
    expect(await problems(octokit.request("PUT /repos/{owner}/{repo}/pulls", repo), 404)).toEqual([
      "GitHub's REST description has GET, POST /repos/acme/mono/pulls, not PUT",
    ]);
    expect(
      await problems(octokit.request("GET /repos/{owner}/{repo}/pulls", { ...repo, colour: "red" }), 422),
    ).toEqual(["query parameter colour is not one pulls/list takes"]);
    expect(
      await problems(
        octokit.request("GET /repos/{owner}/{repo}/pulls", { ...repo, state: "merged" as "open" }),
        422,
      ),
    ).toEqual(["query parameter.state must be equal to one of the allowed values (open, closed, all)"]);
    expect(await problems(octokit.request("GET /repos/{owner}/{repo}/issues/first", repo), 422)).toEqual([
      "path parameter.issue_number must be integer",
    ]);
    expect(
      await problems(
        octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          ...repo,
          issue_number: 1,
          body: "hi",
          bodyy: "hi",
        }),
        422,
      ),
    ).toEqual(["body must NOT have additional properties (bodyy)"]);
    expect(
      await problems(
        octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          ...repo,
          issue_number: 1,
          body: "x".repeat(65_537),
        }),
        422,
      ),
    ).toEqual(["body.body must NOT have more than 65536 characters"]);
    expect(
      await problems(octokit.request("POST /repos/{owner}/{repo}/check-runs", repo as never), 422),
    ).toEqual(["checks/create needs a JSON body"]);
  });

  it("serves every other operation it has, each answer as GitHub's description says", async () => {
    const sha = "c".repeat(40);
    const state = fake.state.repos.get("acme/mono");
    if (!state) throw new Error("no repo");
    state.branches.set("scenario/b/r2", sha);
    expect((await octokit.rest.repos.get(repo)).data.full_name).toBe("acme/mono");
    const issue = await octokit.rest.issues.create({ ...repo, title: "Checklist", labels: ["scenario"] });
    await octokit.rest.issues.update({ ...repo, issue_number: issue.data.number, state: "closed" });
    expect((await octokit.rest.issues.get({ ...repo, issue_number: issue.data.number })).data.state).toBe(
      "closed",
    );
    const listed = await octokit.rest.issues.listForRepo({ ...repo, state: "all", labels: "scenario" });
    expect(listed.data.map((i) => i.number)).toEqual([issue.data.number]);
    await octokit.rest.issues.createComment({ ...repo, issue_number: issue.data.number, body: "hi" });
    expect(
      (await octokit.rest.issues.listComments({ ...repo, issue_number: issue.data.number })).data.map(
        (c) => c.body,
      ),
    ).toEqual(["hi"]);
    const pr = await octokit.rest.pulls.create({
      ...repo,
      title: "Run",
      head: "scenario/b/r2",
      base: "main",
    });
    state.pullFiles.set(pr.data.number, [{ filename: "a.md", status: "added", additions: 1 }]);
    await octokit.rest.pulls.update({ ...repo, pull_number: pr.data.number, body: "done" });
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: pr.data.number })).data.body).toBe("done");
    const files = await octokit.rest.pulls.listFiles({ ...repo, pull_number: pr.data.number });
    expect(files.data.map((f) => f.filename)).toEqual(["a.md"]);
    const check = await octokit.rest.checks.create({
      ...repo,
      name: "c",
      head_sha: sha,
      conclusion: "success",
    });
    expect((await octokit.rest.checks.get({ ...repo, check_run_id: check.data.id })).data.conclusion).toBe(
      "success",
    );
    const forRef = await octokit.rest.checks.listForRef({ ...repo, ref: sha, check_name: "c" });
    expect(forRef.data.total_count).toBe(1);
    addWorkflowRun(state, { id: 77, headSha: sha });
    expect((await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: 77 })).data.status).toBe(
      "in_progress",
    );
    expect((await octokit.rest.actions.cancelWorkflowRun({ ...repo, run_id: 77 })).status).toBe(202);
    addWorkflowRun(state, { id: 78, headSha: sha, displayTitle: "scenario cancel 20261201-abc123" });
    addWorkflowRun(state, { id: 79, headSha: sha, event: "issue_comment", displayTitle: "20261201-abc123" });
    addWorkflowRun(state, { id: 80, headSha: sha, status: "completed", conclusion: "success" });
    const dispatched = await octokit.rest.actions.listWorkflowRuns({
      ...repo,
      workflow_id: "scenario.yml",
      event: "workflow_dispatch",
      status: "in_progress",
    });
    expect(dispatched.data.workflow_runs.map((r) => [r.id, r.display_title])).toEqual([
      [78, "scenario cancel 20261201-abc123"],
      [77, "scenario"],
    ]);
    await expect(
      octokit.rest.actions.listWorkflowRuns({ ...repo, workflow_id: "nope.yml" }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("reads refs, trees and contents (base64) and 404s what is missing", async () => {
    const ref = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
    const tree = await octokit.rest.git.getTree({ ...repo, tree_sha: ref.data.object.sha, recursive: "1" });
    expect(tree.data.tree.filter((e) => e.type === "blob").map((e) => e.path)).toEqual([
      "scenarios/a.md",
      "scenarios/sub/b.md",
      ".github/scenarios.yml",
    ]);
    const file = await octokit.rest.repos.getContent({
      ...repo,
      path: "scenarios/a.md",
      ref: ref.data.object.sha,
    });
    expect(Buffer.from((file.data as { content: string }).content, "base64").toString()).toBe(
      "# Scenario: A\n",
    );
    const dir = await octokit.rest.repos.getContent({ ...repo, path: "scenarios" });
    expect((dir.data as { name: string; type: string }[]).map((e) => [e.name, e.type])).toEqual([
      ["a.md", "file"],
      ["sub", "dir"],
    ]);
    await expect(octokit.rest.repos.getContent({ ...repo, path: "nope.md" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("creates a branch once and commits a file to it through the contents API", async () => {
    const main = await octokit.rest.git.getRef({ ...repo, ref: "heads/main" });
    const sha = main.data.object.sha;
    const ref = await octokit.rest.git.createRef({ ...repo, ref: "refs/heads/drafts/a", sha });
    expect([ref.status, ref.data.ref, ref.data.object.sha]).toEqual([201, "refs/heads/drafts/a", sha]);
    await expect(
      octokit.rest.git.createRef({ ...repo, ref: "refs/heads/drafts/a", sha }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining("Reference already exists") });
    const put = (extra: { sha?: string } = {}) =>
      octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: "scenarios/new.md",
        branch: "drafts/a",
        message: "Add a draft",
        content: Buffer.from("# Scenario: New\n").toString("base64"),
        ...extra,
      });
    const created = await put();
    expect(created.status).toBe(201);
    expect(created.data.commit.parents?.[0]?.sha).toBe(sha);
    // Replacing a file needs the blob sha of the one replaced.
    await expect(put()).rejects.toMatchObject({ status: 422 });
    const file = await octokit.rest.repos.getContent({ ...repo, path: "scenarios/new.md", ref: "drafts/a" });
    expect(Buffer.from((file.data as { content: string }).content, "base64").toString()).toBe(
      "# Scenario: New\n",
    );
    expect((await put({ sha: (file.data as { sha: string }).sha })).status).toBe(200);
    // The default branch is untouched.
    await expect(octokit.rest.repos.getContent({ ...repo, path: "scenarios/new.md" })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("opens one pull request per head branch and lists it by head", async () => {
    const state = fake.state.repos.get("acme/mono");
    state?.branches.set("scenario/a/r1", "b".repeat(40));
    const pr = await octokit.rest.pulls.create({
      ...repo,
      title: "Run",
      head: "scenario/a/r1",
      base: "main",
    });
    expect(pr.data.head.ref).toBe("scenario/a/r1");
    await expect(
      octokit.rest.pulls.create({ ...repo, title: "Run", head: "scenario/a/r1", base: "main" }),
    ).rejects.toMatchObject({ status: 422 });
    const list = await octokit.rest.pulls.list({ ...repo, head: "acme:scenario/a/r1" });
    expect(list.data.map((p) => p.number)).toEqual([pr.data.number]);
  });

  it("refuses no credentials and a JWT on repository endpoints", async () => {
    const anonymous = new Octokit({ baseUrl: fake.url, request: { retries: 0 } });
    await expect(anonymous.rest.repos.get(repo)).rejects.toMatchObject({ status: 401 });
    const jwt = new Octokit({ baseUrl: fake.url, auth: "Bearer a.b.c", request: { retries: 0 } });
    await expect(jwt.rest.repos.get(repo)).rejects.toMatchObject({ status: 401 });
    const token = await jwt.request("POST /app/installations/{installation_id}/access_tokens", {
      installation_id: 7,
    });
    expect(token.data.token).toMatch(/^ghs_/);
  });

  it("records what it was sent", () => {
    expect(
      fake.requests.some((r) => r.method === "POST" && r.path.endsWith("/dispatches") && r.status === 204),
    ).toBe(true);
  });

  it("has been asked every operation it serves, with an answer GitHub's description allows", () => {
    const answered = new Set(fake.requests.filter((r) => r.status < 300).map((r) => r.operation));
    expect(routes.map((r) => r.operation).filter((op) => !answered.has(op))).toEqual([]);
  });
});
