// Permission edge cases the role matrix (test/github/permission-matrix.test.ts) does not reach: the
// permission API answering 404 (a deleted or unknown account) or 403 (the App lost its access) must
// never be read as permission; the commenter still gets a reply, and nothing is recorded or dispatched.
import { describe, expect, it } from "vitest";
import { useApp } from "../support/app-harness.ts";
import { commentCreated } from "../support/webhook-payloads.ts";

const h = useApp("hostile_perm");

describe("when GitHub cannot say who may run", () => {
  it("a permission lookup answered 404 (no such account) is no role: refused with the reason", async () => {
    h.environment();
    h.fake.fail({
      method: "GET",
      path: /\/collaborators\/Codertocat\/permission$/,
      status: 404,
      body: { message: "Not Found" },
    });
    await h.receive("issue_comment", commentCreated("/scenario add-rls-policies table=documents"));
    const replies = h.replies();
    expect(h.reactions()).toEqual(["eyes"]);
    expect(h.dispatches()).toEqual([]);
    expect(replies[0]).toContain(
      "@Codertocat your role on this repository is `none`; to start a run for `add-rls-policies` you need at least `write`.",
    );
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });

  it("a permission lookup answered 403 (the App lost access) starts nothing and tells the commenter", async () => {
    h.environment();
    h.fake.fail({
      method: "GET",
      path: /\/collaborators\/Codertocat\/permission$/,
      status: 403,
      body: { message: "Resource not accessible by integration" },
    });
    const error = await h
      .receive("issue_comment", commentCreated("/scenario add-rls-policies table=documents"))
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(error, "the error still reaches probot's log").toBeInstanceOf(Error);
    const replies = h.replies();
    expect(h.reactions()).toEqual(["eyes", "confused"]);
    expect(h.dispatches()).toEqual([]);
    expect(replies[0]).toMatch(
      /^@Codertocat scenario-bot failed while handling this comment \(delivery [^)]+\); the error is in the App's log\. Nothing was started\./,
    );
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });
});
