// The reply that starts a run goes out after the dispatch (it is rendered while GitHub takes it): a plan
// that cannot be rendered (a defect) must still leave a reply that says what started, not an App error
// claiming nothing was started.
import { describe, expect, it, vi } from "vitest";
import { useApp } from "../support/app-harness.ts";
import { commentCreated } from "../support/webhook-payloads.ts";

vi.mock("../../src/application/dialogue/replies/plan.ts", async (original) => {
  const actual = await original<typeof import("../../src/application/dialogue/replies/plan.ts")>();
  return {
    ...actual,
    planReply: (...args: Parameters<typeof actual.planReply>) => {
      if (args[1] === "starting") throw new Error("a rendering defect");
      return actual.planReply(...args);
    },
  };
});

const h = useApp("github_starting_reply");

describe("the reply that starts a run", () => {
  it("still says what started, with the error, when its plan cannot be rendered", async () => {
    h.environment();
    h.role("write");

    await h.receive("issue_comment", commentCreated("/scenario add-rls-policies table=documents"));

    expect(h.dispatches()).toHaveLength(1);
    expect(h.reactions()).toEqual(["eyes", "rocket"]);
    expect(h.replies()).toEqual([
      expect.stringContaining(
        "run `20260101-run001` of `add-rls-policies` is starting on branch `scenario/add-rls-policies/20260101-run001`; its plan could not be shown here (a rendering defect).",
      ),
    ]);
    expect(h.replies().join("\n")).not.toContain("Nothing was started");
  });
});
