// Who and what never starts a run: bots, edits, quotes and code, forks, redeliveries, and the App itself.
import { describe, expect, it } from "vitest";
import { APP_ID, REPO, useApp } from "../support/app-harness.ts";
import { commentCreated, commentEdited } from "../support/webhook-payloads.ts";

const h = useApp("github_guards");
const API = "https://api.github.com";

/** Issue 1 as a pull request whose head branch lives in `headRepo`. */
function issueIsPull(headRepo: string): void {
  const issue = h.repo.issues.get(1);
  if (!issue) throw new Error("the example repository has no issue 1");
  h.repo.branches.set("patch-1", "b".repeat(40));
  issue.pull = {
    head: "patch-1",
    base: "master",
    headSha: "b".repeat(40),
    draft: false,
    merged: false,
    ...(headRepo === "Codertocat/Hello-World" ? {} : { headRepo }),
  };
}

describe("comments that are not commands, or may not run", () => {
  it("quoted commands, code blocks and look-alikes make no request at all", async () => {
    await h.receive(
      "issue_comment",
      commentCreated(
        "> /scenario add-rls-policies table=documents\n\n```\n/scenario add-rls-policies table=documents\n```\n\n    /scenario x\n\n／scenario list\n\nI ran /scenario list yesterday",
      ),
    );
    expect(h.requests()).toEqual([]);
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });

  it("a bot's command gets a reply saying why, and nothing else", async () => {
    await h.receive(
      "issue_comment",
      commentCreated("/scenario add-rls-policies table=documents", (p) => {
        if (p.comment.user) {
          p.comment.user.login = "renovate[bot]";
          p.comment.user.type = "Bot";
        }
      }),
    );
    const replies = h.replies();
    expect(h.reactions()).toEqual(["eyes"]);
    expect(h.requests().map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST ${REPO}/issues/comments/492700400/reactions`,
      `POST ${REPO}/issues/1/comments`,
    ]);
    expect(replies[0]).toContain("@renovate[bot] comments by bots never run scenario commands");
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });

  it("the App's own comments are never read (no reply loops)", async () => {
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
    expect(h.requests()).toEqual([]);
  });

  it("an edit that adds a command is answered, not run; other edits are ignored", async () => {
    await h.receive("issue_comment", commentEdited("typo", "/scenario add-rls-policies table=documents"));
    const replies = h.replies();
    expect(h.requests()).toHaveLength(1);
    expect(replies[0]).toContain("edited comments never run commands");
    await h.receive("issue_comment", commentEdited("/scenario list\nthx", "/scenario list\nthanks!"));
    expect(h.requests()).toHaveLength(1);
  });

  it("a run asked for on a pull request from a fork is refused with a reply", async () => {
    h.environment();
    h.role("admin", "Codertocat");
    issueIsPull("mallory/Hello-World");
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
    const replies = h.replies();
    expect(h.dispatches()).toEqual([]);
    expect(replies[0]).toContain(
      "this pull request comes from the fork `mallory/Hello-World`; scenario runs are never started from forks",
    );
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });

  it("a redelivery does nothing and logs why", async () => {
    h.environment();
    const payload = commentCreated("/scenario help");
    await h.receive("issue_comment", payload, "delivery-once");
    await h.receive("issue_comment", payload, "delivery-once");
    expect(h.reactions()).toEqual(["eyes"]);
    expect(h.replies()).toHaveLength(1);
    expect(
      h.logs.some((l) => l.delivery === "delivery-once" && String(l.msg).startsWith("redelivery ignored")),
    ).toBe(true);
  });

  it("several commands run in order; a malformed one gets its error and the rest still run", async () => {
    h.environment();
    await h.receive(
      "issue_comment",
      commentCreated('/scenario list cli\n/scenario x title="unclosed\n/scenario help add-cli-command'),
    );
    const replies = h.replies();
    expect(replies).toHaveLength(3);
    expect(replies[0]).toContain("of type `cli`");
    expect(replies[1]).toContain('line 2: the quote " in `title="unclosed` is never closed.');
    expect(replies[2]).toContain("**Add a command to a CLI pipeline** (`add-cli-command`, cli");
  });

  it("a broken document in the repository's own catalog is pointed at", async () => {
    h.environment({
      files: {
        "scenarios/add-thing.md":
          "# Scenario: Add a thing\n\n## Metadata\n- **ID**: `add-thing`\n- **Object Type**: spaceship\n",
      },
    });
    await h.receive("issue_comment", commentCreated("/scenario plan add-thing"));
    const replies = h.replies();
    expect(replies[0]).toContain("the document for `add-thing` (`scenarios/add-thing.md`) has problems");
    expect(replies[0]).toMatch(/`scenarios\/add-thing\.md:\d+:\d+`/);
  });
});

describe("the repository's own catalog and same-repository pull requests", () => {
  it("plans from the repository's scenarios folder (read at the default branch's head), not the shipped one", async () => {
    const { readFile } = await import("node:fs/promises");
    const text = await readFile(new URL("../../scenarios/infra/add-pnpm-script.md", import.meta.url), "utf8");
    h.environment({
      config: "scenarios: ops/recipes\n",
      files: { "ops/recipes/add-pnpm-script.md": text },
    });
    await h.receive(
      "issue_comment",
      commentCreated("/scenario plan add-pnpm-script name=lint:all workspace_script=lint\n/scenario list"),
    );
    const replies = h.replies();
    expect(replies).toHaveLength(2);
    expect(replies[0]).toContain("plan for `add-pnpm-script`");
    expect(replies[1]).toContain("1 scenario:");
  });

  it("a run asked for on a pull request from a branch of the same repository goes ahead", async () => {
    h.environment();
    h.role("write");
    issueIsPull("Codertocat/Hello-World");
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
    const dispatched = h.dispatches();
    expect(h.replies()).toHaveLength(1);
    expect(h.reactions()).toEqual(["eyes", "rocket"]);
    expect(dispatched[0]?.inputs.command).toBe("run");
  });
});

describe("failures on scenario-bot's side", () => {
  it("are never silent: a confused reaction and a reply saying nothing was started", async () => {
    h.fake.fail({
      method: "GET",
      path: /\/git\/ref\/heads\/master$/,
      status: 500,
      body: { message: "Server Error" },
    });
    await expect(h.receive("issue_comment", commentCreated("/scenario list"))).rejects.toThrow();
    const replies = h.replies();
    expect(h.reactions()).toEqual(["eyes", "confused"]);
    expect(replies[0]).toContain("scenario-bot failed while handling this comment");
    expect(replies[0]).toContain("Nothing was started.");
  });
});
