// Who and what never starts a run: bots, edits, quotes and code, forks, redeliveries, and the App itself.
import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  API,
  APP_ID,
  expectDispatch,
  expectPermission,
  expectReaction,
  expectReplies,
  nockEnvironment,
  REPO,
  useApp,
} from "./support/app-harness.ts";
import { commentCreated, commentEdited } from "./support/payloads.ts";

const h = useApp("github_guards");

describe("comments that are not commands, or may not run", () => {
  it("quoted commands, code blocks and look-alikes make no request at all", async () => {
    nock(API); // any request would fail: nothing is expected
    await h.receive(
      "issue_comment",
      commentCreated(
        "> /scenario add-rls-policies table=documents\n\n```\n/scenario add-rls-policies table=documents\n```\n\n    /scenario x\n\n／scenario list\n\nI ran /scenario list yesterday",
      ),
    );
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });

  it("a bot's command gets a reply saying why, and nothing else", async () => {
    const scope = nock(API);
    expectReaction(scope, "eyes");
    const replies = expectReplies(scope);
    await h.receive(
      "issue_comment",
      commentCreated("/scenario add-rls-policies table=documents", (p) => {
        if (p.comment.user) {
          p.comment.user.login = "renovate[bot]";
          p.comment.user.type = "Bot";
        }
      }),
    );
    expect(replies[0]).toContain("@renovate[bot] comments by bots never run scenario commands");
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });

  it("the App's own comments are never read (no reply loops)", async () => {
    nock(API);
    await h.receive(
      "issue_comment",
      commentCreated("/scenario list", (p) => {
        if (p.comment.user) {
          p.comment.user.login = "scenario-bot[bot]";
          p.comment.user.type = "Bot";
        }
        (p.comment as { performed_via_github_app: unknown }).performed_via_github_app = { id: APP_ID };
      }),
    );
  });

  it("an edit that adds a command is answered, not run; other edits are ignored", async () => {
    const scope = nock(API);
    const replies = expectReplies(scope);
    await h.receive("issue_comment", commentEdited("typo", "/scenario add-rls-policies table=documents"));
    expect(replies[0]).toContain("edited comments never run commands");
    nock.cleanAll();
    nock(API);
    await h.receive("issue_comment", commentEdited("/scenario list\nthx", "/scenario list\nthanks!"));
  });

  it("a run asked for on a pull request from a fork is refused with a reply", async () => {
    const scope = nock(API);
    expectReaction(scope, "eyes");
    nockEnvironment(scope);
    expectPermission(scope, "admin", "Codertocat");
    scope
      .get(`${REPO}/pulls/1`)
      .reply(200, { number: 1, head: { repo: { full_name: "mallory/Hello-World" } } });
    const replies = expectReplies(scope);
    await h.receive(
      "issue_comment",
      commentCreated("/scenario add-rls-policies table=documents", (p) => {
        (p.issue as { pull_request: unknown }).pull_request = {
          url: `${API}${REPO}/pulls/1`,
          html_url: "https://github.com/Codertocat/Hello-World/pull/1",
          diff_url: null,
          patch_url: null,
        };
      }),
    );
    expect(replies[0]).toContain(
      "this pull request comes from the fork `mallory/Hello-World`; scenario runs are never started from forks",
    );
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });

  it("a redelivery does nothing and logs why", async () => {
    const scope = nock(API);
    expectReaction(scope, "eyes");
    nockEnvironment(scope);
    expectReplies(scope);
    const payload = commentCreated("/scenario help");
    await h.receive("issue_comment", payload, "delivery-once");
    await h.receive("issue_comment", payload, "delivery-once");
    expect(
      h.logs.some((l) => l.delivery === "delivery-once" && String(l.msg).startsWith("redelivery ignored")),
    ).toBe(true);
  });

  it("several commands run in order; a malformed one gets its error and the rest still run", async () => {
    const scope = nock(API);
    expectReaction(scope, "eyes");
    nockEnvironment(scope);
    const replies = expectReplies(scope, 3);
    await h.receive(
      "issue_comment",
      commentCreated('/scenario list cli\n/scenario x title="unclosed\n/scenario help add-cli-command'),
    );
    expect(replies[0]).toContain("of type `cli`");
    expect(replies[1]).toContain('line 2: the quote " in `title="unclosed` is never closed.');
    expect(replies[2]).toContain("**Add a command to a CLI pipeline** (`add-cli-command`, cli");
  });

  it("a broken document in the repository's own catalog is pointed at", async () => {
    const scope = nock(API);
    expectReaction(scope, "eyes");
    nockEnvironment(scope, {
      files: {
        "scenarios/add-thing.md":
          "# Scenario: Add a thing\n\n## Metadata\n- **ID**: `add-thing`\n- **Object Type**: spaceship\n",
      },
    });
    const replies = expectReplies(scope);
    await h.receive("issue_comment", commentCreated("/scenario plan add-thing"));
    expect(replies[0]).toContain("the document for `add-thing` (`scenarios/add-thing.md`) has problems");
    expect(replies[0]).toMatch(/`scenarios\/add-thing\.md:\d+:\d+`/);
  });
});

describe("the repository's own catalog and same-repository pull requests", () => {
  it("plans from the repository's scenarios folder (read at the default branch's head), not the shipped one", async () => {
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(new URL("../../scenarios/infra/add-pnpm-script.md", import.meta.url), "utf8");
    const scope = nock(API);
    expectReaction(scope, "eyes");
    nockEnvironment(scope, {
      config: "scenarios: ops/recipes\n",
      files: { "ops/recipes/add-pnpm-script.md": text },
    });
    const replies = expectReplies(scope, 2);
    await h.receive(
      "issue_comment",
      commentCreated("/scenario plan add-pnpm-script name=lint:all workspace_script=lint\n/scenario list"),
    );
    expect(replies[0]).toContain("plan for `add-pnpm-script`");
    expect(replies[1]).toContain("1 scenario:");
  });

  it("a run asked for on a pull request from a branch of the same repository goes ahead", async () => {
    const scope = nock(API);
    expectReaction(scope, "eyes");
    nockEnvironment(scope);
    expectPermission(scope, "write");
    scope
      .get(`${REPO}/pulls/1`)
      .reply(200, { number: 1, head: { repo: { full_name: "Codertocat/Hello-World" } } });
    expectReplies(scope);
    const dispatched = expectDispatch(scope);
    expectReaction(scope, "rocket");
    await h.receive(
      "issue_comment",
      commentCreated("/scenario add-rls-policies table=documents", (p) => {
        (p.issue as { pull_request: unknown }).pull_request = {
          url: `${API}${REPO}/pulls/1`,
          html_url: "https://github.com/Codertocat/Hello-World/pull/1",
          diff_url: null,
          patch_url: null,
        };
      }),
    );
    expect(dispatched[0]?.inputs.command).toBe("run");
  });
});

describe("failures on scenario-bot's side", () => {
  it("are never silent: a confused reaction and a reply saying nothing was started", async () => {
    const scope = nock(API);
    expectReaction(scope, "eyes");
    scope.get(`${REPO}/git/ref/heads%2Fmaster`).reply(500, { message: "Server Error" });
    expectReaction(scope, "confused");
    const replies = expectReplies(scope);
    await expect(h.receive("issue_comment", commentCreated("/scenario list"))).rejects.toThrow();
    expect(replies[0]).toContain("scenario-bot failed while handling this comment");
    expect(replies[0]).toContain("Nothing was started.");
  });
});
