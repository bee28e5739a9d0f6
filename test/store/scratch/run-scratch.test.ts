import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScratchDb } from "../../../src/store/scratch/run-scratch.ts";
import { ADMIN_URL } from "../../support/test-db.ts";

// Supabase-shaped migrations with RLS: owned tables with policies, one too broad, one without RLS.
const RLS_MIGRATIONS: Record<string, string> = {
  "001_users.sql": `
    create table public.users (id uuid primary key default gen_random_uuid(), user_id uuid not null unique, email text not null unique);
    alter table public.users enable row level security;
    create policy users_own on public.users for select to authenticated using (user_id = auth.uid());
    grant select on public.users to authenticated;`,
  "002_documents.sql": `
    create type doc_state as enum ('draft', 'published');
    create table public.documents (id bigint generated always as identity primary key,
      user_id uuid not null references public.users (user_id), title text not null, state doc_state not null, pages int not null);
    alter table public.documents enable row level security;
    create policy documents_own on public.documents using (user_id = auth.uid());`,
  "003_notes.sql": `
    create table public.notes (id serial primary key, body text not null);
    alter table public.notes enable row level security;
    create policy notes_everyone on public.notes using (true);
    create table public.plain (id serial primary key);`,
  "004_posts.sql": `
    create table public.posts (id serial primary key, user_id uuid not null, body text not null);
    alter table public.posts enable row level security;
    create policy posts_select_all on public.posts for select using (true);
    create policy posts_update_own on public.posts for update using (user_id = auth.uid());
    create policy posts_delete_own on public.posts for delete using (user_id = auth.uid());`,
};

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-scratch-"));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), sql);
  }
  return dir;
}

let rlsDir: string;
beforeAll(() => {
  rlsDir = folder(RLS_MIGRATIONS);
});
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

// A PGlite opens in ~0.5 s on a quiet machine, and in several seconds on a busy one.
const SLOW = { timeout: 120_000 };

describe.each([
  ["pglite", undefined],
  ["postgres", ADMIN_URL],
] as const)("scratch-db on %s", SLOW, (_kind, databaseUrl) => {
  it("proves owned tables hide other users' rows; flags a broad policy (naming it), a table without RLS and a name nothing knows", async () => {
    const result = await runScratchDb({
      migrationsDir: rlsDir,
      assertRls: ["users", "public.documents", "notes", "plain", "missing_table"],
      databaseUrl,
    });
    expect(result.history.map((o) => [o.file.name, o.applied, o.failures.length])).toEqual([
      ["001_users.sql", 4, 0],
      ["002_documents.sql", 4, 0],
      ["003_notes.sql", 4, 0],
    ]);
    expect(result.verdict).toEqual({ status: "pass", files: ["004_posts.sql"], statements: 5 });
    expect(result.exitCode).toBe(1);
    expect(result.checks.map((c) => [c.table, c.ok])).toEqual([
      ["users", true],
      ["documents", true],
      ["notes", false],
      ["plain", false],
      ["missing_table", false],
    ]);
    expect(result.checks[0]?.detail).toBe(
      "row level security is on (1 policy); a fresh non-superuser role sees 0 of 1 row(s) it does not own and can update or delete none",
    );
    expect(result.checks[2]?.detail).toBe(
      "row level security is on (1 policy) but a fresh non-superuser role bypasses it: it can read 1 of 1 row(s) it does not own (check the SELECT policy's USING clause; permissive SELECT policies: notes_everyone USING true, or pass --public-read if everyone may read); it can update 1 row(s) it does not own (check the UPDATE policy; permissive UPDATE policies: notes_everyone USING true); it can delete 1 row(s) it does not own (check the DELETE policy; permissive DELETE policies: notes_everyone USING true).",
    );
    expect(result.checks[3]?.detail).toBe(
      "row level security is not enabled on plain: add `alter table plain enable row level security;` to a migration.",
    );
    expect(result.checks[4]?.detail).toBe(
      "missing_table does not exist after the migrations: no migration creates or mentions relation missing_table: check the name.",
    );
    expect(result.checks[4]?.cannotJudge).toBeUndefined();
  });

  it("with --public-read, lets everyone read but still refuses writes to others' rows", async () => {
    const strict = await runScratchDb({ migrationsDir: rlsDir, assertRls: ["posts"], databaseUrl });
    expect(strict.checks[0]?.detail).toBe(
      "row level security is on (3 policies) but a fresh non-superuser role bypasses it: it can read 1 of 1 row(s) it does not own (check the SELECT policy's USING clause; permissive SELECT policies: posts_select_all USING true, or pass --public-read if everyone may read).",
    );
    const result = await runScratchDb({
      migrationsDir: rlsDir,
      assertRls: ["posts", "notes"],
      publicRead: true,
      databaseUrl,
    });
    expect(result.checks.map((c) => [c.table, c.ok])).toEqual([
      ["posts", true],
      ["notes", false],
    ]);
    expect(result.checks[0]?.detail).toBe(
      "row level security is on (3 policies); a fresh non-superuser role reads 1 (public read allowed) of 1 row(s) it does not own and can update or delete none",
    );
  });

  it("leaves nothing behind: no probe role, no probe rows, no scratch database", async () => {
    const result = await runScratchDb({ migrationsDir: rlsDir, assertRls: ["users"], databaseUrl });
    expect(result.ok).toBe(true);
    if (databaseUrl) {
      const pg = (await import("pg")).default;
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      const dbs = await client.query(
        `SELECT datname FROM pg_database WHERE datname LIKE 'scenario_scratch_${process.pid}_%'`,
      );
      const roles = await client.query(
        "SELECT rolname FROM pg_roles WHERE rolname LIKE 'scenario_rls_probe_%'",
      );
      await client.end();
      expect(dbs.rows).toEqual([]);
      expect(roles.rows).toEqual([]);
    }
  });

  it("gives a Supabase history what Supabase has before its first migration", async () => {
    const dir = folder({
      "20250101000000_supabase_things.sql": `
        create table public.profiles (
          id uuid primary key references auth.users (id) on delete cascade,
          public_id uuid default uuid_generate_v4(),
          token text default encode(gen_random_bytes(16), 'hex'),
          email text
        );
        create function public.handle_new_user() returns trigger language plpgsql security definer set search_path = '' as $$
        begin
          insert into public.profiles (id, email) values (new.id, new.email);
          return new;
        end;
        $$;
        create trigger on_auth_user_created after insert on auth.users for each row execute procedure public.handle_new_user();
        alter table public.profiles enable row level security;
        create policy "own profile" on public.profiles for all to authenticated
          using ((select auth.uid()) = id and auth.role() = 'authenticated' and auth.jwt() ->> 'sub' is not null and auth.email() is null);
        grant select on public.profiles to anon, authenticated, service_role;
        insert into storage.buckets (id, name, public) values ('avatars', 'avatars', false);
        create policy "own avatar" on storage.objects for select to authenticated
          using (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text and storage.extension(name) = 'png');
        alter publication supabase_realtime add table public.profiles;
        insert into auth.users (id, email) values ('00000000-0000-0000-0000-000000000001', 'a@example.com');`,
    });
    const result = await runScratchDb({ migrationsDir: dir, assertRls: ["profiles"], databaseUrl });
    expect(result.unprovided).toEqual([]);
    expect(result.verdict).toMatchObject({ status: "pass", statements: 10 });
    expect(result.checks[0]).toMatchObject({ table: "profiles", ok: true });
  });
  it("probes RLS where a sign-up trigger needs what a real sign-up sends (supabase-modules' handle_new_user)", async () => {
    // webscopeio/supabase-modules, apps/next/supabase/migrations/20240507084838_profiles.sql: the
    // trigger copies the username from the sign-up's metadata into a NOT NULL column.
    const dir = folder({
      "20240507084838_profiles.sql": fs.readFileSync(
        new URL("../../fixtures/supabase-modules/20240507084838_profiles.sql", import.meta.url),
        "utf8",
      ),
      "20261129000000_create_user_settings.sql": `
        CREATE TABLE public.user_settings (
          id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
          user_id uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
          name text NOT NULL
        );
        ALTER TABLE public.user_settings ENABLE ROW LEVEL SECURITY;
        CREATE POLICY "own rows" ON public.user_settings FOR ALL TO authenticated
          USING (auth.uid() = user_id) WITH CHECK (auth.uid() = user_id);`,
    });
    const result = await runScratchDb({ migrationsDir: dir, assertRls: ["user_settings"], databaseUrl });
    expect(result.verdict).toMatchObject({ status: "pass" });
    expect(result.checks[0]?.detail).toContain("sees 0 of 1 row(s) it does not own");
    expect(result.checks[0]).toMatchObject({ table: "user_settings", ok: true });
  });
});

/** A history shaped like raybunnage/dhg-mono's: see the comments per file. */
function dhgShaped(extra: Record<string, string>): string {
  return folder({
    // Its first migration alters a table the hosted database has and no migration creates.
    "migrations/20240211000001_add_deleted_to_sources.sql":
      "-- Add deleted flag\nALTER TABLE sources_google ADD COLUMN deleted boolean DEFAULT false;\nCREATE INDEX idx_sources_google_deleted ON sources_google (deleted);\n",
    // A file that fails on that table, then creates one that later files and the new migration need.
    "migrations/20250216031157_create_presentations.sql": `BEGIN;
ALTER TABLE sources_google ADD COLUMN path text;
CREATE TABLE presentations (
  id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
  title text NOT NULL,
  created_by uuid REFERENCES auth.users (id)
);
COMMIT;
`,
    "migrations/20250301000001_update_presentations_rls.sql": `ALTER TABLE presentations ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Allow access for all users" ON presentations FOR ALL TO anon, authenticated USING (true) WITH CHECK (true);
-- Create a corresponding down migration
COMMENT ON MIGRATION IS 'dhg-mono ends some files with this line, which is not SQL';
`,
    "migrations/20250301000001_update_presentations_rls_down.sql":
      'DROP POLICY IF EXISTS "Allow access for all users" ON presentations;\nDROP TABLE presentations;\n',
    "migrations/20250529000002_create_dev_tasks_tables.sql": `CREATE TABLE IF NOT EXISTS dev_tasks (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  title TEXT NOT NULL,
  status TEXT DEFAULT 'pending',
  created_at TIMESTAMPTZ DEFAULT NOW(),
  created_by UUID REFERENCES auth.users(id)
);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_dev_tasks_status ON dev_tasks (status);
CREATE OR REPLACE FUNCTION update_dev_tasks_updated_at() RETURNS TRIGGER AS $$
BEGIN
  NEW.created_at = COALESCE(NEW.created_at, NOW());
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
ALTER TABLE dev_tasks ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view their own tasks" ON dev_tasks FOR SELECT USING (auth.uid() = created_by);
CREATE POLICY "Users can update their own tasks" ON dev_tasks FOR UPDATE USING (auth.uid() = created_by);
CREATE POLICY "Users can delete their own tasks" ON dev_tasks FOR DELETE USING (auth.uid() = created_by);
`,
    "migrations/20250529000002_create_dev_tasks_tables_down.sql":
      "-- Down migration for dev_tasks tables\nDROP TABLE IF EXISTS dev_tasks CASCADE;\n",
    // An unfilled draft: the only file that creates processing_batches, with its down part inside.
    "migrations/[timestamp]_create_processing_batches.sql": `-- Up Migration
CREATE TABLE IF NOT EXISTS processing_batches (id uuid PRIMARY KEY DEFAULT uuid_generate_v4(), name text NOT NULL);
-- Down Migration
DROP TABLE IF EXISTS processing_batches;
`,
    "schema/schema.sql": "",
    ...extra,
  });
}

const NEW = "migrations/20251129120000_new.sql";

describe.each([
  ["pglite", undefined],
  ["postgres", ADMIN_URL],
] as const)("scratch-db on a dhg-mono-shaped history, %s", SLOW, (_kind, databaseUrl) => {
  it("leaves out down files and drafts, keeps what failed files could build, and passes a new migration on a table the history builds", async () => {
    const dir = dhgShaped({
      [NEW]: `ALTER TABLE dev_tasks ADD COLUMN app text;\nCREATE POLICY "Users can insert their own tasks" ON dev_tasks FOR INSERT WITH CHECK (auth.uid() = created_by);\n`,
    });
    const result = await runScratchDb({
      migrationsDir: path.join(dir, "migrations"),
      assertRls: ["dev_tasks"],
      databaseUrl,
      cwd: dir,
    });
    expect(result.skipped.map((f) => [f.name, f.kind])).toEqual([
      ["20250301000001_update_presentations_rls_down.sql", "down"],
      ["20250529000002_create_dev_tasks_tables_down.sql", "down"],
      ["[timestamp]_create_processing_batches.sql", "draft"],
    ]);
    expect(
      result.history.map((o) => [
        o.file.name,
        o.statements,
        o.applied,
        o.failures.map((f) => `${f.line}: ${f.message}`),
      ]),
    ).toEqual([
      [
        "20240211000001_add_deleted_to_sources.sql",
        2,
        0,
        ['2: relation "sources_google" does not exist', '3: relation "sources_google" does not exist'],
      ],
      ["20250216031157_create_presentations.sql", 2, 1, ['2: relation "sources_google" does not exist']],
      ["20250301000001_update_presentations_rls.sql", 3, 2, ['4: syntax error at or near "MIGRATION"']],
      ["20250529000002_create_dev_tasks_tables.sql", 7, 7, []],
    ]);
    expect(result.baseline.note).toBe("none (schema/schema.sql is empty)");
    expect(result.verdict).toEqual({ status: "pass", files: ["20251129120000_new.sql"], statements: 2 });
    expect(result.checks[0]).toMatchObject({ table: "dev_tasks", ok: true });
    expect(result.exitCode).toBe(0);
  });

  it("fails a broken new migration with its file:line, and rolls all of it back", async () => {
    const dir = dhgShaped({
      [NEW]:
        "ALTER TABLE dev_tasks ADD COLUMN app text;\n\nALTER TABLE dev_tasks ADD COLUMN owner uuid REFERENCES auth.userz (id);\n",
    });
    const result = await runScratchDb({
      migrationsDir: path.join(dir, "migrations"),
      assertRls: ["dev_tasks"],
      databaseUrl,
      cwd: dir,
    });
    expect(result.verdict).toEqual({
      status: "fail",
      files: ["20251129120000_new.sql"],
      statements: 0,
      at: `${NEW}:3`,
      error: 'relation "auth.userz" does not exist',
      why: "no migration creates or mentions relation auth.userz: check the name",
    });
    expect(result.checks).toEqual([]);
    expect(result.exitCode).toBe(1);
    const syntax = dhgShaped({ [NEW]: "-- one\nALTER TABLE dev_tasks\n  ADD COLUMN app txet;\n" });
    const typo = await runScratchDb({
      migrationsDir: path.join(syntax, "migrations"),
      assertRls: [],
      databaseUrl,
      cwd: syntax,
    });
    expect(typo.verdict).toMatchObject({
      status: "fail",
      at: `${NEW}:3`,
      error: 'type "txet" does not exist',
    });
  });

  it("cannot judge a migration on a table only a draft creates, and says why and how to fix it", async () => {
    const dir = dhgShaped({ [NEW]: "alter table public.processing_batches enable row level security;\n" });
    const result = await runScratchDb({
      migrationsDir: path.join(dir, "migrations"),
      assertRls: ["processing_batches"],
      databaseUrl,
      cwd: dir,
    });
    expect(result.verdict).toEqual({
      status: "cannot-judge",
      files: ["20251129120000_new.sql"],
      statements: 0,
      at: `${NEW}:1`,
      error: 'relation "public.processing_batches" does not exist',
      why: "relation public.processing_batches is created only by [timestamp]_create_processing_batches.sql:2, which is not applied (an unfilled draft: its name still holds a placeholder instead of a version)",
      fix: "supply the objects the migrations do not build: save a schema dump of the database they were applied to as schema/schema.sql (`supabase db dump -f schema/schema.sql`) or pass --baseline <file>, or give that draft a version if it is meant to be applied, then run again.",
    });
    expect(result.exitCode).toBe(2);
  });

  it("cannot judge a migration on a table made outside the migrations until a baseline schema supplies it", async () => {
    const change = { [NEW]: "ALTER TABLE sources_google ADD COLUMN mime_type text;\n" };
    const bare = dhgShaped(change);
    const without = await runScratchDb({
      migrationsDir: path.join(bare, "migrations"),
      assertRls: [],
      databaseUrl,
      cwd: bare,
    });
    expect(without.verdict).toMatchObject({
      status: "cannot-judge",
      why: "no migration creates relation sources_google, yet 2 files use it (20240211000001_add_deleted_to_sources.sql, 20250216031157_create_presentations.sql): it was made outside the migrations",
    });
    // A dump of the hosted database, as `supabase db dump` writes it, found beside the migrations.
    const dumped = dhgShaped({
      ...change,
      "schema/schema.sql": `SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TABLE IF NOT EXISTS "public"."sources_google" ("id" uuid DEFAULT "extensions"."uuid_generate_v4"() NOT NULL, "name" text, "deleted" boolean DEFAULT false);
CREATE TABLE IF NOT EXISTS "public"."presentations" ("id" uuid NOT NULL, "title" text NOT NULL, "created_by" uuid);
`,
    });
    const withBaseline = await runScratchDb({
      migrationsDir: path.join(dumped, "migrations"),
      assertRls: [],
      databaseUrl,
      cwd: dumped,
    });
    expect(withBaseline.baseline.note).toBe("schema/schema.sql (found beside the migrations)");
    expect(withBaseline.verdict).toMatchObject({ status: "pass", statements: 1 });
    // The dump already had the column the first migration adds, and the table the second creates.
    expect(
      withBaseline.history
        .slice(0, 2)
        .map((o) => [o.file.name, o.applied, o.alreadyPresent, o.failures.length]),
    ).toEqual([
      ["20240211000001_add_deleted_to_sources.sql", 1, 1, 0],
      ["20250216031157_create_presentations.sql", 1, 1, 0],
    ]);
    const ignored = await runScratchDb({
      migrationsDir: path.join(dumped, "migrations"),
      assertRls: [],
      databaseUrl,
      baseline: false,
      cwd: dumped,
    });
    expect(ignored.baseline.note).toBe("none (--no-baseline)");
    expect(ignored.verdict.status).toBe("cannot-judge");
  });

  it("judges the migration named by --check, applied after the rest of the history", async () => {
    const dir = dhgShaped({ [NEW]: "select 1;\n" });
    const result = await runScratchDb({
      migrationsDir: path.join(dir, "migrations"),
      assertRls: ["presentations"],
      check: ["20250216031157_create_presentations.sql"],
      databaseUrl,
      cwd: dir,
    });
    expect(result.history.map((o) => o.file.name)).not.toContain("20250216031157_create_presentations.sql");
    expect(result.verdict).toMatchObject({
      status: "cannot-judge",
      at: "migrations/20250216031157_create_presentations.sql:2",
    });
  });
});

describe("statements that change what a whole server shares", SLOW, () => {
  const role = `scratch_shared_${process.pid}`;
  const database = `scratch_shared_db_${process.pid}`;
  const history = {
    "001_shared.sql": `create database ${database};
alter system set work_mem = '7MB';
create role ${role} nologin;
alter role ${role} set statement_timeout = '1s';
create table kept (id int);
`,
  };

  async function serverState(): Promise<unknown> {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT (SELECT count(*)::int FROM pg_database WHERE datname = $1) AS databases,
           (SELECT count(*)::int FROM pg_roles WHERE rolname = $2) AS roles,
           (SELECT count(*)::int FROM pg_file_settings WHERE name = 'work_mem' AND sourcefile LIKE '%auto.conf') AS settings`,
        [database, role],
      );
      return rows[0];
    } finally {
      await client.end();
    }
  }

  it("are not run on a server (reported), and a new migration with one cannot be judged there", async () => {
    const dir = folder({ ...history, "002_new.sql": `select 1;\ncreate role ${role}_new nologin;\n` });
    const result = await runScratchDb({
      migrationsDir: dir,
      assertRls: [],
      databaseUrl: ADMIN_URL,
      cwd: dir,
    });
    expect(result.history[0]?.notRun.map((s) => s.line)).toEqual([1, 2, 3, 4]);
    expect(result.history[0]).toMatchObject({ statements: 1, applied: 1, failures: [] });
    expect(result.verdict).toMatchObject({
      status: "cannot-judge",
      at: "002_new.sql:2",
      error: `create role ${role}_new nologin is not run on a server`,
    });
    expect(await serverState()).toEqual({ databases: 0, roles: 0, settings: 0 });
  });

  it("run on PGlite, where they stay inside the scratch database", async () => {
    const dir = folder({
      ...history,
      "002_new.sql": `create role ${role}_new nologin;\ngrant ${role} to ${role}_new;\n`,
    });
    const result = await runScratchDb({ migrationsDir: dir, assertRls: [], cwd: dir });
    expect(result.history[0]).toMatchObject({ statements: 5, applied: 5, failures: [], notRun: [] });
    expect(result.verdict).toMatchObject({ status: "pass", statements: 2 });
  });
});
