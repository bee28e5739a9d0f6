// Every role against every action that changes something: start, resume, rollback, and a checklist tick.
import nock from "nock";
import { describe, expect, it } from "vitest";
import { ROLES } from "../../src/command/index.ts";
import {
  API,
  COMMENT_ID,
  expectDispatch,
  expectPermission,
  expectReaction,
  expectReplies,
  nockEnvironment,
  REPO,
  useApp,
} from "./support/app-harness.ts";
import { checklistEdited, commentCreated } from "./support/payloads.ts";
import { checklist, seedRun } from "./support/runs.ts";

const h = useApp("github_perm");
const ALLOWED = new Set(["write", "maintain", "admin"]);
const RUN = "20251231-wait01";

describe.each(ROLES)("role %s", (role) => {
  const allowed = ALLOWED.has(role);

  it(`${allowed ? "may" : "may not"} start a run`, async () => {
    const scope = nock(API);
    expectReaction(scope, "eyes");
    nockEnvironment(scope);
    expectPermission(scope, role);
    const replies = expectReplies(scope);
    const dispatched = allowed ? expectDispatch(scope) : [];
    if (allowed) expectReaction(scope, "rocket");
    await h.receive("issue_comment", commentCreated("/scenario add-rls-policies table=documents"));
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
    const scope = nock(API);
    expectReaction(scope, "eyes");
    nockEnvironment(scope);
    expectPermission(scope, role);
    const replies = expectReplies(scope);
    const dispatched = allowed ? expectDispatch(scope) : [];
    if (allowed) expectReaction(scope, "rocket");
    await h.receive("issue_comment", commentCreated(`/scenario ${action} ${RUN}`));
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
      expect(replies[0]).toContain(`you need at least \`write\``);
    }
  });

  it(`${allowed ? "may" : "may not"} tick the checklist (the last tick resumes; a refused tick is undone)`, async () => {
    await seedRun(h.deps.store, RUN, "waiting");
    const before = checklist(RUN, [true, false]);
    const after = checklist(RUN, [true, true]);
    // Someone else ticked nothing in between, but the note below was added since: a revert must keep it.
    const current = `${after}\n\nnote added later`;
    const scope = nock(API);
    nockEnvironment(scope);
    expectPermission(scope, role);
    scope
      .get(`${REPO}/issues/comments/${COMMENT_ID}`)
      .reply(200, { id: COMMENT_ID, body: current, updated_at: "2026-01-01T12:00:00Z" });
    const replies = expectReplies(scope);
    const dispatched = allowed ? expectDispatch(scope) : [];
    const patched: string[] = [];
    if (!allowed) {
      scope
        .patch(`${REPO}/issues/comments/${COMMENT_ID}`, (b: { body: string }) => {
          patched.push(b.body);
          return true;
        })
        .reply(200, { id: COMMENT_ID });
    }
    await h.receive("issue_comment", checklistEdited(before, after));
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
