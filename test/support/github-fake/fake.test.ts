// The fake must agree with GitHub on shapes: driven here through @octokit/rest, the real client.
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addRepo, type GitHubFake, startGitHubFake } from "./index.ts";

let fake: GitHubFake;
let octokit: Octokit;
const repo = { owner: "acme", repo: "mono" };

beforeAll(async () => {
  fake = await startGitHubFake();
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
});
