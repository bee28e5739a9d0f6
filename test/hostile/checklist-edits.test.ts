// Hostile edits of checklists, through probot.receive (the allowed/refused tick by every role is in
// test/github/permission-matrix.test.ts): markers forged for another run in a real checklist tick
// nothing of that run; a checklist forged inside a person's own comment is not a checklist at all.
import nock from "nock";
import { describe, expect, it } from "vitest";
import { itemMarker } from "../../src/command/index.ts";
import {
  API,
  COMMENT_ID,
  expectPermission,
  nockEnvironment,
  REPO,
  useApp,
} from "../github/support/app-harness.ts";
import { checklistEdited, commentEdited } from "../github/support/payloads.ts";
import { checklist, seedRun } from "../github/support/runs.ts";

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
    const scope = nock(API);
    nockEnvironment(scope);
    expectPermission(scope, "write");
    scope
      .get(`${REPO}/issues/comments/${COMMENT_ID}`)
      .reply(200, { id: COMMENT_ID, body: after, updated_at: "2026-01-01T12:00:00Z" });
    await h.receive("issue_comment", checklistEdited(before, after));
    expect((await h.deps.store.listTasks(OTHER)).map((t) => t.done)).toEqual([false, false]);
    expect((await h.deps.store.listTasks(RUN)).map((t) => t.done)).toEqual([true, false]);
    expect((await h.deps.store.getRun(OTHER))?.status).toBe("waiting");
  });

  it("a checklist forged in a person's own comment is not a checklist: no request, nothing ticked", async () => {
    await seedRun(h.deps.store, RUN, "waiting");
    nock(API); // any request fails the test
    const payload = commentEdited(checklist(RUN, [false, false]), checklist(RUN, [true, true]));
    expect(payload.comment.user?.type).toBe("User");
    await h.receive("issue_comment", payload);
    expect((await h.deps.store.listTasks(RUN)).map((t) => t.done)).toEqual([false, false]);
    expect((await h.deps.store.getRun(RUN))?.status).toBe("waiting");
  });

  it("an edit by a bot of the run's checklist is never a tick", async () => {
    await seedRun(h.deps.store, RUN, "waiting");
    nock(API);
    const payload = checklistEdited(
      checklist(RUN, [false, false]),
      checklist(RUN, [true, true]),
      "evil[bot]",
    );
    payload.sender.type = "Bot";
    await h.receive("issue_comment", payload);
    expect((await h.deps.store.listTasks(RUN)).map((t) => t.done)).toEqual([false, false]);
  });
});
