// The rules GitHub keeps beyond the shape of a request (identity.ts): who a token acts as, what a
// workflow's GITHUB_TOKEN may not do, who may update a check run and who hears its buttons, and the
// documented size limits. Driven through @octokit/rest, as the code under test drives it.
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { example } from "../webhook-payloads.ts";
import {
  addRepo,
  commit,
  editBody,
  type FakeRepo,
  type GitHubFake,
  grantToken,
  listensTo,
  scenarioBotApp,
  startGitHubFake,
  type WebhookDelivery,
  workflowIdentity,
} from "./index.ts";

let fake: GitHubFake;
let repo: FakeRepo;
const where = { owner: "acme", repo: "mono" };
const client = (token: string) => new Octokit({ baseUrl: fake.url, auth: token, request: { retries: 0 } });
const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status: number; message: string }) => `${e.status} ${e.message.split(" - ")[0]}`,
  );

beforeAll(async () => {
  fake = await startGitHubFake();
  grantToken(fake.state, "ghs_app", scenarioBotApp(fake.state));
  grantToken(
    fake.state,
    "ghs_job",
    workflowIdentity({ contents: "write", "pull-requests": "write", issues: "write", checks: "write" }),
  );
  grantToken(fake.state, "ghs_readonly_job", workflowIdentity({ contents: "read" }));
  grantToken(fake.state, "ghs_dispatch_job", workflowIdentity({ actions: "write" }));
});
afterAll(() => fake.close());

/**
 * The paths of `expected`'s object keys (arrays: their first item) that `actual` lacks; an app's
 * `permissions` is a map of its own, not a shape.
 */
function missingKeys(expected: unknown, actual: unknown, at = ""): string[] {
  if (at.endsWith(".permissions")) return [];
  if (Array.isArray(expected)) {
    return expected.length && Array.isArray(actual) && actual.length
      ? missingKeys(expected[0], actual[0], `${at}[0]`)
      : [];
  }
  if (!expected || typeof expected !== "object" || actual === null) return []; // null: nothing there (a license)
  if (typeof actual !== "object") return [at];
  return Object.entries(expected).flatMap(([key, value]) =>
    key in actual
      ? missingKeys(value, (actual as Record<string, unknown>)[key], `${at}.${key}`)
      : [`${at}.${key}`],
  );
}

function freshRepo(allow = false): FakeRepo {
  fake.state.repos.clear();
  repo = addRepo(fake.state, { owner: "acme", name: "mono", actionsMayCreatePullRequests: allow });
  repo.branches.set("scenario/x/1", repo.branches.get("main") as string);
  repo.issues.set(1, {
    number: 1,
    title: "t",
    body: null,
    state: "open",
    labels: [],
    user: { login: "alice", id: 1, type: "User" },
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
  });
  return repo;
}

const pr = { ...where, head: "scenario/x/1", base: "main", title: "x", body: "y" };

describe("GitHub's rules, as the fake keeps them", () => {
  it("refuses a pull request from GITHUB_TOKEN unless the repository allows it; an App may", async () => {
    freshRepo();
    expect(await status(client("ghs_job").rest.pulls.create(pr))).toBe(
      "403 GitHub Actions is not permitted to create or approve pull requests.",
    );
    expect(await status(client("ghs_app").rest.pulls.create(pr))).toBe(200);
    freshRepo(true);
    expect(await status(client("ghs_job").rest.pulls.create(pr))).toBe(200);
  });

  it("gives GITHUB_TOKEN only the job's permissions", async () => {
    freshRepo();
    const job = client("ghs_readonly_job");
    expect(await status(job.rest.repos.get(where))).toBe(200);
    expect(await status(job.rest.issues.createComment({ ...where, issue_number: 1, body: "x" }))).toBe(
      "403 Resource not accessible by integration",
    );
    expect(await status(job.rest.checks.create({ ...where, name: "c", head_sha: "a".repeat(40) }))).toBe(
      "403 Resource not accessible by integration",
    );
    // Pushing a branch needs `contents: write`; a push by GITHUB_TOKEN starts no workflow run.
    const sha = repo.branches.get("main") as string;
    const branch = { ...where, ref: "refs/heads/draft", sha };
    expect(await status(job.rest.git.createRef(branch))).toBe("403 Resource not accessible by integration");
    expect(await status(client("ghs_job").rest.git.createRef(branch))).toBe(200);
    expect(repo.events.filter((e) => e.name === "push").map((e) => e.startsWorkflows)).toEqual([false]);
  });

  it("attributes what a token does to its identity, and starts no workflow for GITHUB_TOKEN's events", async () => {
    freshRepo();
    await client("ghs_job").rest.issues.createComment({ ...where, issue_number: 1, body: "from a job" });
    await client("ghs_app").rest.issues.createComment({ ...where, issue_number: 1, body: "from the App" });
    const users = [...repo.comments.values()].map((c) => c.user.login);
    expect(users).toEqual(["github-actions[bot]", "scenario-bot[bot]"]);
    expect(repo.events.map((e) => [e.by, e.startsWorkflows])).toEqual([
      ["github-actions[bot]", false],
      ["scenario-bot[bot]", true],
    ]);
  });

  it("answers who last wrote a pull request's body (GraphQL author and editor, a bot without [bot])", async () => {
    freshRepo(true);
    const writers = async () => {
      const r = await client("ghs_app").graphql<{
        repository: { pullRequest: { author: unknown; editor: unknown; lastEditedAt: string | null } };
      }>(
        "query($owner: String!, $repo: String!, $number: Int!) { repository(owner: $owner, name: $repo) { pullRequest(number: $number) { author { __typename login } editor { __typename login } lastEditedAt } } }",
        { ...where, number: 2 },
      );
      const { author, editor, lastEditedAt } = r.repository.pullRequest;
      return { author, editor, edited: lastEditedAt !== null };
    };
    const opened = await client("ghs_job").rest.pulls.create(pr);
    expect(opened.data.number).toBe(2);
    const jobBot = { __typename: "Bot", login: "github-actions" };
    expect(await writers()).toEqual({ author: jobBot, editor: null, edited: false });
    // The same text again is no edit; a new one by the App makes it the editor.
    await client("ghs_app").rest.pulls.update({ ...where, pull_number: 2, body: "y" });
    expect((await writers()).editor).toBeNull();
    await client("ghs_app").rest.pulls.update({ ...where, pull_number: 2, body: "z" });
    expect(await writers()).toMatchObject({
      editor: { __typename: "Bot", login: "scenario-bot" },
      edited: true,
    });
    // A person editing on the web page.
    editBody(
      repo.issues.get(2) as NonNullable<ReturnType<typeof repo.issues.get>>,
      { login: "mallory", id: 7, type: "User" },
      "w",
    );
    expect((await writers()).editor).toEqual({ __typename: "User", login: "mallory" });
    // Reading it needs `pull_requests: read`, like GET /pulls/{n}.
    const denied = await client("ghs_readonly_job")
      .graphql(
        "query($owner: String!, $repo: String!, $number: Int!) { repository(owner: $owner, name: $repo) { pullRequest(number: $number) { editor { login } } } }",
        { ...where, number: 2 },
      )
      .catch((e: Error) => e.message);
    expect(denied).toContain("Resource not accessible by integration");
  });

  it("lets only the app that created a check run update it", async () => {
    freshRepo();
    const sha = repo.branches.get("main") as string;
    const byJob = await client("ghs_job").rest.checks.create({ ...where, name: "c", head_sha: sha });
    expect(
      await status(
        client("ghs_app").rest.checks.update({
          ...where,
          check_run_id: byJob.data.id,
          status: "in_progress",
        }),
      ),
    ).toBe("403 Invalid app_id `4242`");
    expect(
      await status(
        client("ghs_job").rest.checks.update({
          ...where,
          check_run_id: byJob.data.id,
          status: "in_progress",
        }),
      ),
    ).toBe(200);
  });

  it("delivers a press of a check run's button only to the app that created it, shaped as GitHub's", async () => {
    freshRepo();
    // A workflow listening to check_run: Actions starts none for requested_action (github/docs#6088).
    const sha = commit(repo, "main", { ".github/workflows/checks.yml": "on: check_run\njobs: {}\n" });
    const waiting = {
      ...where,
      name: "scenario / wait",
      head_sha: sha,
      status: "completed" as const,
      conclusion: "action_required" as const,
      external_id: "run-1:2",
      actions: [{ label: "Resume", description: "Continue", identifier: "resume" }],
    };
    const byJob = (await client("ghs_job").rest.checks.create(waiting)).data.id;
    const byApp = (await client("ghs_app").rest.checks.create(waiting)).data.id;
    const running = (await client("ghs_app").rest.checks.create({ ...where, name: "r", head_sha: sha })).data
      .id;
    const heard: WebhookDelivery[] = [];
    const ran: string[] = [];
    const alice = { login: "alice", id: 1, type: "User" as const };
    const press = (checkRunId: number, identifier = "resume") =>
      fake.pressCheckRunAction(repo, { checkRunId, identifier, user: alice });
    fake.connect({
      app: async (d) => {
        heard.push(d);
      },
      runner: async ({ run }) => {
        ran.push(run.workflow);
        return "success";
      },
    });
    try {
      // GITHUB_TOKEN's check run is the github-actions app's: scenario-bot's App hears nothing of it.
      expect(press(byJob)).toMatchObject({ name: "check_run", number: byJob, deliveredToApp: false });
      await fake.settled();
      expect(heard).toEqual([]);

      expect(press(byApp)).toMatchObject({ name: "check_run", by: "alice", deliveredToApp: true });
      await fake.settled();
      expect(ran).toEqual([]);
      expect(heard.map((d) => d.name)).toEqual(["check_run"]);
      const payload = heard[0]?.payload as ReturnType<typeof example<"check_run.requested_action">>;
      expect(payload).toMatchObject({
        action: "requested_action",
        requested_action: { identifier: "resume" },
        check_run: { id: byApp, external_id: "run-1:2", conclusion: "action_required", app: { id: 4242 } },
        repository: { full_name: "acme/mono" },
        sender: { login: "alice" },
      });
      // Every field of GitHub's example is there (`installation` and `organization` aside, as for comments).
      const { installation, organization, ...fields } = example("check_run.requested_action");
      expect(missingKeys(fields, payload)).toEqual([]);

      // Nothing shows a button that is not there, or before the check run has completed.
      expect(() => press(byApp, "merge")).toThrow('has no button "merge" (it has: resume)');
      expect(() => press(running)).toThrow("GitHub shows its buttons once it has completed");
      fake.connect({});
      expect(press(byApp).deliveredToApp).toBe(false);
    } finally {
      fake.connect({});
    }
  });

  it("refuses bodies and check run texts past GitHub's limits", async () => {
    freshRepo();
    const app = client("ghs_app");
    const sha = repo.branches.get("main") as string;
    const long = (n: number) => "x".repeat(n);
    expect(
      await status(app.rest.issues.createComment({ ...where, issue_number: 1, body: long(65_536) })),
    ).toBe(200);
    // GitHub's own answer: 422 Validation Failed, naming the resource and the limit.
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: { status: number; response?: { data?: { message?: string; errors?: unknown[] } } }) => ({
          status: e.status,
          message: e.response?.data?.message,
          errors: e.response?.data?.errors,
        }),
      );
    expect(
      await refused(app.rest.issues.createComment({ ...where, issue_number: 1, body: long(65_537) })),
    ).toEqual({
      status: 422,
      message: "Validation Failed",
      errors: [
        {
          resource: "IssueComment",
          code: "unprocessable",
          field: "data",
          message: "Body is too long (maximum is 65536 characters)",
        },
      ],
    });
    expect(await refused(app.rest.pulls.create({ ...pr, body: long(65_537) }))).toEqual({
      status: 422,
      message: "Validation Failed",
      errors: [
        {
          resource: "Issue",
          code: "custom",
          field: "body",
          message: "body is too long (maximum is 65536 characters)",
        },
      ],
    });
    // Characters, not UTF-16 units: 65,536 emoji are one body GitHub takes.
    expect(
      await status(app.rest.issues.createComment({ ...where, issue_number: 1, body: "😀".repeat(65_536) })),
    ).toBe(200);
    const output = (summary: string, title = "t") => ({
      title: "t",
      summary,
      annotations: [
        { path: "a", start_line: 1, end_line: 1, annotation_level: "notice" as const, message: "m", title },
      ],
    });
    expect(
      await status(
        app.rest.checks.create({ ...where, name: "c", head_sha: sha, output: output(long(65_535)) }),
      ),
    ).toBe(200);
    expect(
      await status(
        app.rest.checks.create({ ...where, name: "c", head_sha: sha, output: output(long(65_536)) }),
      ),
    ).toMatch(/^422/);
    expect(
      await status(
        app.rest.checks.create({ ...where, name: "c", head_sha: sha, output: output("s", long(256)) }),
      ),
    ).toMatch(/^422/);
    // Each refusal above was on purpose: take them, so the suite does not fail this test for them.
    expect(fake.takeViolations()).toHaveLength(4);
  });

  it("delivers a comment to the App and starts the workflows on the default branch that listen to it", async () => {
    freshRepo();
    const on = (text: string) => `name: w\non:\n${text}\njobs: {}\n`;
    const mainSha = commit(repo, "main", {
      ".github/workflows/comments.yml": on("  issue_comment:\n    types: [created]"),
      ".github/workflows/list.yaml": on("  [push, issue_comment]"),
      ".github/workflows/edits.yml": on("  issue_comment:\n    types: [edited]"),
      ".github/workflows/dispatch.yml": on("  workflow_dispatch:"),
      "README.md": "not a workflow",
    });
    // A workflow only on another branch hears nothing: issue_comment reads the default branch.
    commit(repo, "feature", { ".github/workflows/other.yml": on("  issue_comment:") });
    repo.branches.set("main", mainSha);
    const heard: WebhookDelivery[] = [];
    const ran: string[] = [];
    fake.connect({
      app: async (d) => {
        heard.push(d);
      },
      runner: async ({ run }) => {
        ran.push(`${run.workflow}:${run.event}`);
        return "success";
      },
    });
    try {
      fake.comment(repo, { issue: 1, user: { login: "alice", id: 1, type: "User" }, body: "hi" });
      await fake.settled();
      expect(ran.sort()).toEqual(["comments.yml:issue_comment", "list.yaml:issue_comment"]);
      expect(heard.map((d) => [d.name, (d.payload.sender as { login: string }).login])).toEqual([
        ["issue_comment", "alice"],
      ]);

      // GITHUB_TOKEN's comment reaches the App but starts no workflow; the App's own starts them.
      ran.length = 0;
      await client("ghs_job").rest.issues.createComment({ ...where, issue_number: 1, body: "job" });
      await fake.settled();
      expect(ran).toEqual([]);
      expect(heard).toHaveLength(2);
      const { data } = await client("ghs_app").rest.issues.createComment({
        ...where,
        issue_number: 1,
        body: "app",
      });
      await fake.settled();
      expect(ran.sort()).toEqual(["comments.yml:issue_comment", "list.yaml:issue_comment"]);
      // An edit starts the workflows whose types include `edited` (and those without types).
      ran.length = 0;
      await client("ghs_app").rest.issues.updateComment({ ...where, comment_id: data.id, body: "app!" });
      await fake.settled();
      expect(ran.sort()).toEqual(["edits.yml:issue_comment", "list.yaml:issue_comment"]);

      // A dispatch starts the one workflow named, even from GITHUB_TOKEN.
      ran.length = 0;
      await client("ghs_dispatch_job").rest.actions.createWorkflowDispatch({
        ...where,
        workflow_id: "scenario.yml",
        ref: "main",
      });
      await fake.settled();
      expect(ran).toEqual(["scenario.yml:workflow_dispatch"]);
      expect([...repo.workflowRuns.values()].every((r) => r.status === "completed")).toBe(true);
    } finally {
      fake.connect({});
    }
  });

  it("delivers a person's edit of a comment (a ticked checklist) to the App as `edited`, with the body it had and the installation", async () => {
    freshRepo();
    const heard: WebhookDelivery[] = [];
    fake.connect({
      app: async (d) => {
        heard.push(d);
      },
    });
    try {
      const alice = { login: "alice", id: 1, type: "User" as const };
      const posted = fake.comment(repo, { issue: 1, user: alice, body: "- [ ] done" });
      fake.editComment(repo, { commentId: posted.id, user: alice, body: "- [x] done" });
      await fake.settled();
      expect(repo.comments.get(posted.id)?.body).toBe("- [x] done");
      const edited = heard.at(-1)?.payload as {
        changes: unknown;
        comment: { body: string };
        sender: { login: string };
        installation: unknown;
      };
      expect(heard.map((d) => [d.name, d.payload.action])).toEqual([
        ["issue_comment", "created"],
        ["issue_comment", "edited"],
      ]);
      expect(edited.changes).toEqual({ body: { from: "- [ ] done" } });
      expect(edited.comment.body).toBe("- [x] done");
      expect(edited.sender.login).toBe("alice");
      // GitHub names the installation in every event an App receives: `probot run` authenticates with it.
      expect(edited.installation).toMatchObject({ id: expect.any(Number) });
      expect(() => fake.editComment(repo, { commentId: 404, user: alice, body: "x" })).toThrow(
        /no comment 404/,
      );
    } finally {
      fake.connect({});
    }
  });

  it("reads `on:` in each of its forms", () => {
    expect(listensTo("issue_comment", "issue_comment", "created")).toBe(true);
    expect(listensTo(["push"], "issue_comment", "created")).toBe(false);
    expect(listensTo({ issue_comment: null }, "issue_comment", "deleted")).toBe(true);
    expect(listensTo({ issue_comment: { types: "created" } }, "issue_comment", "edited")).toBe(false);
    expect(listensTo({ workflow_dispatch: {} }, "issue_comment", "created")).toBe(false);
  });
});
