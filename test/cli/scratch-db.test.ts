import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "../support/cli-in-process.ts";
import { ADMIN_URL } from "../support/test-db.ts";

let dir: string;
let history: string;
function write(root: string, files: Record<string, string>): void {
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), sql);
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-cli-scratch-"));
  write(dir, {
    "migrations/001_items.sql": `create table items (id serial primary key, owner text not null default current_user, name text not null);
     alter table items enable row level security;
     create policy items_owner on items using (owner = current_user);
     create table open_items (id serial primary key);`,
  });
  // A Supabase history like dhg-mono's: an alter of a table made outside the migrations, a down file, a draft.
  history = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-cli-scratch-history-"));
  write(history, {
    "supabase/migrations/20240211000001_add_deleted_to_sources.sql":
      "-- Add deleted flag\nALTER TABLE sources_google ADD COLUMN deleted boolean DEFAULT false;\n",
    "supabase/migrations/20250529000002_create_dev_tasks_tables.sql": `CREATE TABLE IF NOT EXISTS dev_tasks (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  title TEXT NOT NULL,
  created_by UUID REFERENCES auth.users(id)
);
ALTER TABLE dev_tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view their own tasks" ON dev_tasks FOR SELECT USING (auth.uid() = created_by);
`,
    "supabase/migrations/20250529000002_create_dev_tasks_tables_down.sql":
      "DROP TABLE IF EXISTS dev_tasks CASCADE;\n",
    "supabase/migrations/[timestamp]_add_batch_processing_indexes.sql":
      "-- Up Migration\nCREATE INDEX idx_batches ON processing_batches (status);\n-- Down Migration\nDROP INDEX idx_batches;\n",
    "supabase/schema/schema.sql": "",
  });
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(history, { recursive: true, force: true });
});

const SLOW = 120_000;

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
    expect(run.out.split("\n").slice(1)).toEqual([
      "baseline: Supabase (roles anon, authenticated, service_role; auth.users, auth.uid(); schemas auth, storage, extensions with uuid-ossp and pgcrypto); schema file: none (no schema/schema.sql)",
      "history: no migration before the new one",
      "new migration 001_items.sql: applies (4 statements)",
      "rls items: ok: row level security is on (1 policy); a fresh non-superuser role sees 0 of 1 row(s) it does not own and can update or delete none",
      "",
    ]);
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

  it(
    "fails with exit 1 on a table without row level security (in-memory PGlite)",
    async () => {
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
    },
    SLOW,
  );

  it(
    "with --no-supabase, gives a plain PostgreSQL: a history that makes its own auth schema applies",
    async () => {
      const plain = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-cli-scratch-plain-"));
      try {
        write(plain, {
          "migrations/001_auth.sql": "create schema auth;\ncreate role anon_like nologin;\n",
          "migrations/002_new.sql": "create table auth.sessions (id int);\n",
        });
        const supabase = await cli(["scratch-db", "--migrations", "migrations"], { cwd: plain });
        expect(supabase.err).toBe(
          'error: the new migration does not apply: migrations/002_new.sql:1: relation "sessions" already exists\n',
        );
        expect(supabase.code).toBe(1);
        const bare = await cli(["scratch-db", "--migrations", "migrations", "--no-supabase"], { cwd: plain });
        expect(bare.err).toBe("");
        expect(bare.out.split("\n").slice(1, 4)).toEqual([
          "baseline: none (--no-supabase); schema file: none (no schema/schema.sql)",
          "history: 1 of 1 migration applied whole",
          "new migration 002_new.sql: applies (1 statement)",
        ]);
      } finally {
        fs.rmSync(plain, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it("says what is wrong with the migrations folder", async () => {
    const run = await cli(["scratch-db", "--migrations", "nope"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(
      /^error: cannot read the migrations folder .*nope: ENOENT.*; pass --migrations <folder of \.sql files>\.\n$/,
    );
  });

  it("on a Supabase history: summarises what applied, was left out and failed (file:line), then judges the new migration", async () => {
    write(history, {
      "supabase/migrations/20251129120000_rls_dev_tasks.sql":
        'CREATE POLICY "Users can delete their own tasks" ON dev_tasks FOR DELETE USING (auth.uid() = created_by);\n',
    });
    const run = await cli(
      [
        "scratch-db",
        "--migrations",
        "supabase/migrations",
        "--assert-rls",
        "dev_tasks",
        "--database-url",
        ADMIN_URL,
      ],
      { cwd: history },
    );
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out.split("\n").slice(2)).toEqual([
      "history: 1 of 2 migrations applied whole, 1 failed in part (its statements that apply are kept); left out: 1 down migration, 1 unfilled draft",
      "  down migrations, not applied: 20250529000002_create_dev_tasks_tables_down.sql",
      "  unfilled drafts, not applied: [timestamp]_add_batch_processing_indexes.sql",
      '  failed: 20240211000001_add_deleted_to_sources.sql:2: relation "sources_google" does not exist (0 of 1 statements applied)',
      "  missing objects the history needs but does not build:",
      "    relation sources_google (statements of 1 file fail on it): no migration creates relation sources_google, yet 1 file uses it (20240211000001_add_deleted_to_sources.sql): it was made outside the migrations",
      "new migration 20251129120000_rls_dev_tasks.sql: applies (1 statement)",
      "rls dev_tasks: ok: row level security is on (2 policies); a fresh non-superuser role sees 0 of 1 row(s) it does not own and can update or delete none",
      "",
    ]);
    expect(run.out.split("\n")[1]).toBe(
      "baseline: Supabase (roles anon, authenticated, service_role; auth.users, auth.uid(); schemas auth, storage, extensions with uuid-ossp and pgcrypto); schema file: none (supabase/schema/schema.sql is empty)",
    );
  });

  it("exits 1 with file:line when the new migration does not apply, 2 with the reason and the fix when it cannot be judged", async () => {
    write(history, {
      "supabase/migrations/20251129120000_rls_dev_tasks.sql":
        "-- broken\nALTER TABLE dev_tasks ADD COLUMN app txet;\n",
    });
    const broken = await cli(
      ["scratch-db", "--migrations", "supabase/migrations", "--database-url", ADMIN_URL],
      {
        cwd: history,
      },
    );
    expect(broken.code).toBe(1);
    expect(broken.err).toBe(
      'error: the new migration does not apply: supabase/migrations/20251129120000_rls_dev_tasks.sql:2: type "txet" does not exist\n',
    );
    expect(broken.out).toContain(
      'new migration 20251129120000_rls_dev_tasks.sql: FAILS at supabase/migrations/20251129120000_rls_dev_tasks.sql:2: type "txet" does not exist (no migration creates or mentions type txet: check the name)\n',
    );
    write(history, {
      "supabase/migrations/20251129120000_rls_dev_tasks.sql":
        "alter table public.processing_batches enable row level security;\n",
    });
    const unjudged = await cli(
      ["scratch-db", "--migrations", "supabase/migrations", "--assert-rls", "processing_batches", "--json"],
      { cwd: history, env: { SCENARIO_SCRATCH_DATABASE_URL: ADMIN_URL } },
    );
    expect(unjudged.code).toBe(2);
    expect(unjudged.err).toBe(
      "error: cannot judge the new migration: no migration creates relation public.processing_batches, yet 1 file uses it ([timestamp]_add_batch_processing_indexes.sql): it was made outside the migrations; supply the objects the migrations do not build: save a schema dump of the database they were applied to as supabase/schema/schema.sql (`supabase db dump -f supabase/schema/schema.sql`) or pass --baseline <file>, then run again.\n",
    );
    const json = JSON.parse(unjudged.out);
    expect(json).toMatchObject({
      ok: false,
      exitCode: 2,
      verdict: { status: "cannot-judge", at: "supabase/migrations/20251129120000_rls_dev_tasks.sql:1" },
      leftOut: [
        { file: "20250529000002_create_dev_tasks_tables_down.sql", kind: "down" },
        { file: "[timestamp]_add_batch_processing_indexes.sql", kind: "draft" },
      ],
    });
    expect(json.history[0]).toEqual({
      file: "20240211000001_add_deleted_to_sources.sql",
      statements: 1,
      applied: 0,
      alreadyPresent: 0,
      failures: [{ line: 2, code: "42P01", message: 'relation "sources_google" does not exist' }],
    });
  });
});
