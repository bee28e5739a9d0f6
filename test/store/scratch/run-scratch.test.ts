import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScratchDb } from "../../../src/store/scratch/run-scratch.ts";
import { ADMIN_URL } from "../../support/test-db.ts";

// Supabase-shaped migrations: an auth shim, owned tables with policies, one too broad, one without RLS.
const MIGRATIONS: Record<string, string> = {
  "001_auth.sql": `
    create schema if not exists auth;
    create or replace function auth.uid() returns uuid language sql stable
      as $$ select nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
    do $$ begin if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if; end $$;`,
  "002_users.sql": `
    create table public.users (id uuid primary key default gen_random_uuid(), user_id uuid not null unique, email text not null unique);
    alter table public.users enable row level security;
    create policy users_own on public.users for select to authenticated using (user_id = auth.uid());
    grant select on public.users to authenticated;`,
  "003_documents.sql": `
    create type doc_state as enum ('draft', 'published');
    create table public.documents (id bigint generated always as identity primary key,
      user_id uuid not null references public.users (user_id), title text not null, state doc_state not null, pages int not null);
    alter table public.documents enable row level security;
    create policy documents_own on public.documents using (user_id = auth.uid());`,
  "004_notes.sql": `
    create table public.notes (id serial primary key, body text not null);
    alter table public.notes enable row level security;
    create policy notes_everyone on public.notes using (true);
    create table public.plain (id serial primary key);`,
  "005_posts.sql": `
    create table public.posts (id serial primary key, user_id uuid not null, body text not null);
    alter table public.posts enable row level security;
    create policy posts_select_all on public.posts for select using (true);
    create policy posts_update_own on public.posts for update using (user_id = auth.uid());
    create policy posts_delete_own on public.posts for delete using (user_id = auth.uid());`,
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-scratch-"));
  for (const [name, sql] of Object.entries(MIGRATIONS)) fs.writeFileSync(path.join(dir, name), sql);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.each([
  ["pglite", undefined],
  ["postgres", ADMIN_URL],
] as const)("scratch-db on %s", (_kind, databaseUrl) => {
  it("applies the migrations and proves owned tables hide other users' rows; flags a broad policy and a table without RLS", async () => {
    const lines: string[] = [];
    const result = await runScratchDb({
      migrationsDir: dir,
      assertRls: ["users", "public.documents", "notes", "plain", "missing_table"],
      databaseUrl,
      log: (l) => lines.push(l),
    });
    expect(result.applied).toEqual(Object.keys(MIGRATIONS));
    expect(result.ok).toBe(false);
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
      "row level security is on (1 policy) but a fresh non-superuser role bypasses it: it can read 1 of 1 row(s) it does not own (check the SELECT policy's USING clause, or pass --public-read if everyone may read); it can update 1 row(s) it does not own (check the UPDATE policy); it can delete 1 row(s) it does not own (check the DELETE policy).",
    );
    expect(result.checks[3]?.detail).toBe(
      "row level security is not enabled on plain: add `alter table plain enable row level security;` to a migration.",
    );
    expect(lines[1]).toBe(`applied 5 migration(s): ${Object.keys(MIGRATIONS).join(", ")}`);
  });

  it("with --public-read, lets everyone read but still refuses writes to others' rows", async () => {
    const strict = await runScratchDb({ migrationsDir: dir, assertRls: ["posts"], databaseUrl });
    expect(strict.checks[0]?.detail).toBe(
      "row level security is on (3 policies) but a fresh non-superuser role bypasses it: it can read 1 of 1 row(s) it does not own (check the SELECT policy's USING clause, or pass --public-read if everyone may read).",
    );
    const result = await runScratchDb({
      migrationsDir: dir,
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
    const result = await runScratchDb({ migrationsDir: dir, assertRls: ["users"], databaseUrl });
    expect(result.ok).toBe(true);
    if (databaseUrl) {
      const pg = (await import("pg")).default;
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      const dbs = await client.query(
        "SELECT datname FROM pg_database WHERE datname LIKE 'scenario_scratch_%'",
      );
      const roles = await client.query(
        "SELECT rolname FROM pg_roles WHERE rolname LIKE 'scenario_rls_probe_%'",
      );
      await client.end();
      expect(dbs.rows).toEqual([]);
      expect(roles.rows).toEqual([]);
    }
  });

  it("names the migration and line that does not apply", async () => {
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-scratch-bad-"));
    fs.writeFileSync(path.join(bad, "001.sql"), "create table a (id int);\ncreate tabel b (id int);\n");
    try {
      await expect(runScratchDb({ migrationsDir: bad, assertRls: [], databaseUrl })).rejects.toThrow(
        `${path.join(bad, "001.sql")}:2: does not apply to a fresh database: syntax error at or near "tabel". Fix the migration and run again.`,
      );
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });
});
