// Every role against every action that changes something: start, resume, rollback, and a checklist tick.
import { describe, expect, it } from "vitest";
import { ROLES } from "../../src/command/index.ts";
import { COMMENT_ID, REPO, useApp } from "../support/app-harness.ts";
import { checklist, seedRun } from "../support/seeded-runs.ts";
import { checklistEdited, commentCreated } from "../support/webhook-payloads.ts";

const h = useApp("github_perm");
const ALLOWED = new Set(["write", "maintain", "admin"]);
const RUN = "20251231-wait01";

describe.each(ROLES)("role %s", (role) => {
  const allowed = ALLOWED.has(role);

  it(`${allowed ? "may" : "may not"} start a run`, async () => {
    h.environment();
    h.role(role);
    await h.receive("issue_comment", commentCreated("/scenario add-rls-policies table=documents"));
    const replies = h.replies();
    const dispatched = h.dispatches();
    expect(replies).toHaveLength(1);
    expect(dispatched).toHaveLength(allowed ? 1 : 0);
    expect(h.reactions()).toEqual(allowed ? ["eyes", "rocket"] : ["eyes"]);
    if (allowed) {
      expect(dispatched[0]?.inputs.command).toBe("run");
      expect(await h.deps.store.getRun("20260101-run001")).toMatchObject({ status: "queued" });
    } else {
      expect(replies[0]).toContain(
        `@Codertocat your role on this repository is \`${role}\`; to start a run for \`add-rls-policies\` you need at least \`write\`.`,
      );
      expect(await h.deps.store.listRuns({})).toEqual([]);
    }
  });

  it.each([
    ["resume", "waiting"],
    ["rollback", "failed"],
  ] as const)(`${allowed ? "may" : "may not"} %s a %s run`, async (action, status) => {
    await seedRun(h.deps.store, RUN, status);
    h.environment();
    h.role(role);
    await h.receive("issue_comment", commentCreated(`/scenario ${action} ${RUN}`));
    const replies = h.replies();
    const dispatched = h.dispatches();
    expect(replies).toHaveLength(1);
    expect(h.reactions()).toEqual(allowed ? ["eyes", "rocket"] : ["eyes"]);
    if (allowed) {
      expect(dispatched).toEqual([
        {
          ref: "master",
          inputs: {
            scenario: "add-rls-policies",
            params: { table: "documents", owner_column: "user_id", mode: "owner" },
            "run-id": RUN,
            command: action,
            "issue-number": "1",
          },
        },
      ]);
    } else {
      expect(dispatched).toEqual([]);
      expect(replies[0]).toContain(`you need at least \`write\``);
    }
  });

  it(`${allowed ? "may" : "may not"} tick the checklist (the last tick resumes; a refused tick is undone)`, async () => {
    await seedRun(h.deps.store, RUN, "waiting");
    const before = checklist(RUN, [true, false]);
    const after = checklist(RUN, [true, true]);
    // Someone else ticked nothing in between, but the note below was added since: a revert must keep it.
    const current = `${after}\n\nnote added later`;
    h.environment();
    h.role(role);
    const comment = h.repo.comments.get(COMMENT_ID);
    if (comment)
      Object.assign(comment, {
        body: current,
        user: { login: "github-actions[bot]", id: 41898282, type: "Bot" },
      });
    await h.receive("issue_comment", checklistEdited(before, after));
    const replies = h.replies();
    const dispatched = h.dispatches();
    const patched = h
      .requests()
      .filter((r) => r.method === "PATCH" && r.path === `${REPO}/issues/comments/${COMMENT_ID}`)
      .map((r) => (r.body as { body: string }).body);
    expect(replies).toHaveLength(1);
    expect(dispatched).toHaveLength(allowed ? 1 : 0);
    expect(patched).toHaveLength(allowed ? 0 : 1);
    if (allowed) {
      expect(dispatched[0]?.inputs).toMatchObject({ command: "resume", "run-id": RUN });
      expect(replies[0]).toContain("@Codertocat ticked the last item of the waiting step: resuming run");
      expect((await h.deps.store.listTasks(RUN)).find((t) => t.item === 1)).toMatchObject({
        done: true,
        doneBy: "Codertocat",
      });
    } else {
      expect(patched.at(-1)).toBe(`${checklist(RUN, [true, false])}\n\nnote added later`);
      expect(replies[0]).toContain("@Codertocat your tick was undone: your role on this repository is");
      expect((await h.deps.store.listTasks(RUN)).every((t) => !t.done)).toBe(true);
    }
  });
});
