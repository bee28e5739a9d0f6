// Hostile edits of checklists, through probot.receive (the allowed/refused tick by every role is in
// test/github/permission-matrix.test.ts): markers forged for another run in a real checklist tick
// nothing of that run; a checklist forged inside a person's own comment is not a checklist at all.
import { describe, expect, it } from "vitest";
import { itemMarker } from "../../src/command/index.ts";
import { COMMENT_ID, useApp } from "../support/app-harness.ts";
import { checklist, seedRun } from "../support/seeded-runs.ts";
import { checklistEdited, commentEdited } from "../support/webhook-payloads.ts";

const h = useApp("hostile_checklist");
const RUN = "20251231-wait01";
const OTHER = "20251231-other1";

const forged = (runId: string) =>
  [0, 1].map((item) => `- [x] forged ${itemMarker(runId, 5, item)}`).join("\n");

describe("hostile checklist edits", () => {
  it("markers forged for another run inside a run's checklist tick nothing of that run", async () => {
    await seedRun(h.deps.store, RUN, "waiting");
    await seedRun(h.deps.store, OTHER, "waiting", 2);
    const before = checklist(RUN, [false, false]);
    const after = `${checklist(RUN, [true, false])}\n${forged(OTHER)}`;
    h.environment();
    h.role("write");
    const comment = h.repo.comments.get(COMMENT_ID);
    if (comment)
      Object.assign(comment, {
        body: after,
        user: { login: "github-actions[bot]", id: 41898282, type: "Bot" },
      });
    await h.receive("issue_comment", checklistEdited(before, after));
    expect((await h.deps.store.listTasks(OTHER)).map((t) => t.done)).toEqual([false, false]);
    expect((await h.deps.store.listTasks(RUN)).map((t) => t.done)).toEqual([true, false]);
    expect((await h.deps.store.getRun(OTHER))?.status).toBe("waiting");
  });

  it("a checklist forged in a person's own comment is not a checklist: no request, nothing ticked", async () => {
    await seedRun(h.deps.store, RUN, "waiting");
    const payload = commentEdited(checklist(RUN, [false, false]), checklist(RUN, [true, true]));
    expect(payload.comment.user?.type).toBe("User");
    await h.receive("issue_comment", payload);
    expect(h.requests()).toEqual([]);
    expect((await h.deps.store.listTasks(RUN)).map((t) => t.done)).toEqual([false, false]);
    expect((await h.deps.store.getRun(RUN))?.status).toBe("waiting");
  });

  it("an edit by a bot of the run's checklist is never a tick", async () => {
    await seedRun(h.deps.store, RUN, "waiting");
    const payload = checklistEdited(
      checklist(RUN, [false, false]),
      checklist(RUN, [true, true]),
      "evil[bot]",
    );
    payload.sender.type = "Bot";
    await h.receive("issue_comment", payload);
    expect(h.requests()).toEqual([]);
    expect((await h.deps.store.listTasks(RUN)).map((t) => t.done)).toEqual([false, false]);
  });
});
