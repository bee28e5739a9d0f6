// The App with its database gone (connections refused, backends terminated): a `/scenario` command
// starts nothing, the commenter is told it failed on our side, and nothing is recorded, so the same
// delivery, redelivered once the database is back, is handled in full.
import { describe, expect, it } from "vitest";
import { useApp } from "../support/app-harness.ts";
import { adminQuery } from "../support/test-db.ts";
import { commentCreated } from "../support/webhook-payloads.ts";

const FILE = "hostile_appdb";
const h = useApp(FILE, { store: "postgres" });
const NAME = `scenario_test_${FILE}_${process.pid}`;

describe("the App's database going away", () => {
  it("a command while it is gone starts nothing and says so; redelivered once it is back, it runs", async () => {
    const payload = commentCreated("/scenario add-rls-policies table=documents");
    await adminQuery(`ALTER DATABASE ${NAME} ALLOW_CONNECTIONS false`);
    try {
      await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${NAME}'`);
      // The reads start together with recording the delivery; they may or may not be made.
      h.environment();
      h.role("write");
      const error = await h.receive("issue_comment", payload, "delivery-db-down").then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error, "the error reaches probot's log").toBeInstanceOf(Error);
      const told = h.replies();
      expect(told).toHaveLength(1);
      expect(h.reactions()).toEqual(["confused"]);
      expect(h.dispatches()).toEqual([]);
      expect(told[0]).toMatch(
        /^@Codertocat scenario-bot failed while handling this comment \(delivery delivery-db-down\); the error is in the App's log\. Nothing was started\./,
      );
    } finally {
      await adminQuery(`ALTER DATABASE ${NAME} ALLOW_CONNECTIONS true`);
    }

    const before = h.requests().length;
    await h.receive("issue_comment", payload, "delivery-db-down");
    const dispatched = h.dispatches();
    const after = h.requests().slice(before);
    expect(
      after.filter((r) => r.path.endsWith("/reactions")).map((r) => (r.body as { content: string }).content),
    ).toEqual(["eyes", "rocket"]);
    expect(after.filter((r) => r.method === "POST" && r.path.endsWith("/issues/1/comments"))).toHaveLength(1);
    expect(dispatched).toHaveLength(1);
    expect((await h.deps.store.listRuns({})).map((r) => r.status)).toEqual(["queued"]);
  });
});
