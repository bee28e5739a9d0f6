import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../support/cli-in-process.ts";
import { ADMIN_URL } from "../support/test-db.ts";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-cli-scratch-"));
  fs.mkdirSync(path.join(dir, "migrations"));
  fs.writeFileSync(
    path.join(dir, "migrations", "001_items.sql"),
    `create table items (id serial primary key, owner text not null default current_user, name text not null);
     alter table items enable row level security;
     create policy items_owner on items using (owner = current_user);
     create table open_items (id serial primary key);`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("scenario scratch-db", () => {
  it("passes on a table whose policy hides other owners' rows (server from DATABASE_URL)", async () => {
    const run = await cli(["scratch-db", "--migrations", "migrations", "--assert-rls", "items"], {
      cwd: dir,
      env: { DATABASE_URL: ADMIN_URL },
    });
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(
      /^scratch database: temporary database scenario_scratch_\d+_[0-9a-f]{8} on 127\.0\.0\.1:5432\n/,
    );
    expect(run.out).toContain("applied 1 migration(s): 001_items.sql\n");
    expect(run.out).toContain(
      "rls items: ok: row level security is on (1 policy); a fresh non-superuser role sees 0 of 1 row(s) it does not own and can update or delete none\n",
    );
  });

  it("prefers SCENARIO_SCRATCH_DATABASE_URL, the server steps are given", async () => {
    const run = await cli(["scratch-db", "--migrations", "migrations", "--assert-rls", "items"], {
      cwd: dir,
      env: { SCENARIO_SCRATCH_DATABASE_URL: ADMIN_URL, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" },
    });
    expect(run.err).toBe("");
    expect(run.out).toMatch(
      /^scratch database: temporary database scenario_scratch_\d+_[0-9a-f]{8} on 127\.0\.0\.1:5432\n/,
    );
  });

  it("fails with exit 1 on a table without row level security (in-memory PGlite)", async () => {
    const run = await cli(
      [
        "scratch-db",
        "--migrations",
        path.join(dir, "migrations"),
        "--assert-rls",
        "items",
        "--assert-rls",
        "open_items",
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(1);
    expect(run.out).toContain("scratch database: in-memory PGlite\n");
    expect(run.out).toContain("rls open_items: FAILED: row level security is not enabled on open_items");
    expect(run.err).toBe("error: 1 RLS assertion(s) failed: open_items\n");
  });

  it("says what is wrong with the migrations folder", async () => {
    const run = await cli(["scratch-db", "--migrations", "nope"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^error: cannot read the migrations folder .*nope: ENOENT.*; pass --migrations <folder of \.sql files>\.\n$/,
    );
  });
});
