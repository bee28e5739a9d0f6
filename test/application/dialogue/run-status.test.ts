// The status line of a run's reply, in every state it is rewritten to, and the rewrite in place.
import { describe, expect, it } from "vitest";
import {
  runStatusOf,
  runStatusSection,
  withRunStatus,
} from "../../../src/application/dialogue/replies/run-status.ts";

const line = (input: Parameters<typeof runStatusSection>[0]) =>
  runStatusSection(input)
    .split("\n")
    .filter((l) => !l.startsWith("<!--"))
    .join("\n")
    .trim();

describe("the run's status line", () => {
  it("says what each state means and what to do", () => {
    const runId = "20260101-run001";
    expect(line({ status: "queued", runId })).toBe("**Status:** ⏳ queued: waiting for a runner");
    expect(line({ status: "running", runId, runUrl: "https://x/runs/1" })).toBe(
      "**Status:** 🏃 running ([log](https://x/runs/1))",
    );
    expect(line({ status: "waiting", runId, checklistUrl: "https://x/issues/1#issuecomment-2" })).toBe(
      "**Status:** ⏸️ waiting on a manual step: tick every item of [the checklist](https://x/issues/1#issuecomment-2), or comment `/scenario resume 20260101-run001`",
    );
    expect(line({ status: "succeeded", runId, pullRequest: { number: 7, url: "https://x/pull/7" } })).toBe(
      "**Status:** ✅ succeeded: review [#7](https://x/pull/7)",
    );
    expect(line({ status: "failed", runId, failedStep: "2. Write the service", reason: "exit 1 <b>" })).toBe(
      "**Status:** ❌ failed at step `2. Write the service`: exit 1 \\<b>. Fix the cause, then `/scenario resume 20260101-run001`, or `/scenario rollback 20260101-run001` to undo it.",
    );
    expect(line({ status: "rolled_back", runId, failedStep: "1. Check", reason: "reserved" })).toBe(
      "**Status:** ❌ rolled back at step `1. Check`: reserved. Its steps were undone and it cannot be resumed: fix the cause and start a new run.",
    );
  });

  it("names the setting and links the compare page when GitHub refused the pull request", () => {
    const compareUrl = "https://x/acme/mono/compare/main...scenario/a/r?expand=1";
    expect(
      line({
        status: "succeeded",
        runId: "r",
        branchUrl: "https://x/tree/b",
        pullRequestRefused: { compareUrl },
      }),
    ).toBe(
      [
        "**Status:** ✅ succeeded: [the branch](https://x/tree/b)",
        "",
        `GitHub did not let this workflow's token open the pull request: [open it by hand](${compareUrl}), or turn on “Allow GitHub Actions to create and approve pull requests” (Settings › Actions › General › Workflow permissions) for the next runs.`,
      ].join("\n"),
    );
  });

  it("is rewritten in place, the rest of the reply untouched", () => {
    const body = `> /scenario x\n\nplan\n\n${runStatusSection({ status: "queued", runId: "r" })}\n\nCancel with ...`;
    const after = withRunStatus(body, runStatusSection({ status: "running", runId: "r" }));
    expect(after).toContain("🏃 running");
    expect(after).not.toContain("queued");
    expect(after.startsWith("> /scenario x\n\nplan\n\n")).toBe(true);
    expect(after.endsWith("\n\nCancel with ...")).toBe(true);
  });

  it("is read back: running, with the workflow run of the job driving it", () => {
    const runUrl = "https://github.com/acme/mono/actions/runs/5001";
    const reply = (status: string) => `plan\n\n${runStatusSection({ status, runId: "r", runUrl })}\n\nCancel`;
    expect(runStatusOf(reply("running"))).toEqual({ running: true, runUrl });
    expect(runStatusOf(reply("queued"))).toEqual({ running: false });
    expect(runStatusOf(reply("failed"))).toEqual({ running: false, runUrl });
    expect(runStatusOf("no status here")).toBeUndefined();
  });
});
