// The Resume / Roll back buttons on a run's check runs.
import { describe, expect, it } from "vitest";
import { useApp } from "../support/app-harness.ts";
import { seedRun } from "../support/seeded-runs.ts";
import { commentCreated, example } from "../support/webhook-payloads.ts";

const h = useApp("github_checkrun");
const RUN = "20251231-wait01";

function pressed(identifier: string, login = "Codertocat") {
  const p = example("check_run.requested_action");
  // The example is from another repository; the button belongs to a run of this one.
  p.repository = commentCreated("").repository as typeof p.repository;
  p.check_run.external_id = `${RUN}:5`;
  p.requested_action = { identifier };
  p.sender.login = login;
  return p;
}

describe("check_run.requested_action", () => {
  it("Resume by someone with write access dispatches resume and says so on the run's issue", async () => {
    await seedRun(h.deps.store, RUN, "waiting");
    h.environment();
    h.role("write");
    await h.receive("check_run", pressed("resume"));
    const dispatched = h.dispatches();
    const replies = h.replies();
    expect(dispatched).toHaveLength(1);
    expect(replies).toHaveLength(1);
    expect(dispatched[0]?.inputs).toMatchObject({ command: "resume", "run-id": RUN, "issue-number": "1" });
    expect(replies[0]).toBe(
      "@Codertocat pressed Resume: resuming run `20251231-wait01` of `add-rls-policies`.",
    );
  });

  it("Roll back by someone with read access is refused with a reply", async () => {
    await seedRun(h.deps.store, RUN, "failed");
    h.environment();
    h.role("read", "octocat");
    await h.receive("check_run", pressed("rollback", "octocat"));
    const replies = h.replies();
    expect(h.dispatches()).toEqual([]);
    expect(replies[0]).toContain(
      "@octocat pressed Roll back, but your role on this repository is `read`; to roll back a run",
    );
  });

  it("buttons of unknown runs and unknown identifiers are ignored", async () => {
    await h.receive("check_run", pressed("lgtm|26764"));
    await h.receive("check_run", pressed("resume"));
    expect(h.requests()).toEqual([]);
    expect(h.logs.some((l) => String(l.msg).includes("a run this store doesn't know"))).toBe(true);
  });
});
