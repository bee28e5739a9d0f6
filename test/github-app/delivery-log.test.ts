// The App's database connections commit without waiting for the WAL flush; deliveries are still once.
import { describe, expect, it } from "vitest";
import { asyncCommitUrl, sqlDeliveryLog } from "../../src/github-app/delivery-log.ts";
import { migrate } from "../../src/store/index.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { createServerDatabase, dropServerDatabase } from "../support/test-db.ts";

describe("asyncCommitUrl", () => {
  it("adds synchronous_commit=off to the connection options, keeping other options", () => {
    expect(asyncCommitUrl("postgres://u:p@h:5432/db")).toBe(
      "postgres://u:p@h:5432/db?options=-c+synchronous_commit%3Doff",
    );
    expect(asyncCommitUrl("postgres://h/db?options=-c%20search_path%3Dx&sslmode=require")).toBe(
      "postgres://h/db?options=-c+search_path%3Dx+-c+synchronous_commit%3Doff&sslmode=require",
    );
    expect(asyncCommitUrl("postgres://h/db?options=-c%20synchronous_commit%3Don")).toBe(
      "postgres://h/db?options=-c%20synchronous_commit%3Don",
    );
  });

  it("really applies on the server, and a delivery id is recorded once", async () => {
    const name = `scenario_test_github_dlog_${process.pid}`;
    const url = await createServerDatabase(name);
    const db = await openPostgres(asyncCommitUrl(url));
    try {
      const { rows } = await db.query<{ synchronous_commit: string }>("SHOW synchronous_commit");
      expect(rows[0]?.synchronous_commit).toBe("off");
      await migrate(db);
      const log = sqlDeliveryLog(db);
      expect(await log.record("d-1", "issue_comment")).toBe(true);
      expect(await log.record("d-1", "issue_comment")).toBe(false);
    } finally {
      await db.close();
      await dropServerDatabase(name);
    }
  });
});
