// The App with its database gone (connections refused, backends terminated): a `/scenario` command
// starts nothing, the commenter is told it failed on our side, and nothing is recorded, so the same
// delivery, redelivered once the database is back, is handled in full.
import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  API,
  expectDispatch,
  expectPermission,
  expectReaction,
  expectReplies,
  nockEnvironment,
  useApp,
} from "../github/support/app-harness.ts";
import { commentCreated } from "../github/support/payloads.ts";
import { adminQuery } from "../store/test-db.ts";

const FILE = "hostile_appdb";
const h = useApp(FILE);
const NAME = `scenario_test_${FILE}_${process.pid}`;

describe("the App's database going away", () => {
  it("a command while it is gone starts nothing and says so; redelivered once it is back, it runs", async () => {
    const payload = commentCreated("/scenario add-rls-policies table=documents");
    await adminQuery(`ALTER DATABASE ${NAME} ALLOW_CONNECTIONS false`);
    try {
      await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${NAME}'`);
      const down = nock(API);
      // The reads start together with recording the delivery; they may or may not be made.
      nockEnvironment(down);
      down
        .get(/\/collaborators\/Codertocat\/permission$/)
        .optionally()
        .reply(200, {
          permission: "write",
          role_name: "write",
          user: { login: "Codertocat" },
        });
      const told = expectReplies(down);
      expectReaction(down, "confused");
      const error = await h.receive("issue_comment", payload, "delivery-db-down").then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error, "the error reaches probot's log").toBeInstanceOf(Error);
      expect(told[0]).toMatch(
        /^@Codertocat scenario-bot failed while handling this comment \(delivery delivery-db-down\); the error is in the App's log\. Nothing was started\./,
      );
      nock.cleanAll(); // the reads that were not made yet
    } finally {
      await adminQuery(`ALTER DATABASE ${NAME} ALLOW_CONNECTIONS true`);
    }

    const up = nock(API);
    expectReaction(up, "eyes");
    nockEnvironment(up);
    expectPermission(up, "write");
    expectReplies(up);
    const dispatched = expectDispatch(up);
    expectReaction(up, "rocket");
    await h.receive("issue_comment", payload, "delivery-db-down");
    expect(dispatched).toHaveLength(1);
    expect((await h.deps.store.listRuns({})).map((r) => r.status)).toEqual(["queued"]);
  });
});
