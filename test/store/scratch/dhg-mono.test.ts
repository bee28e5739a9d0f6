// scratch-db on raybunnage/dhg-mono's own migrations: a committed subset of 14 of its files
// (test/fixtures/dhg-mono-migrations, from its main at d24a0dfa), and the whole folder of a checkout
// when one is on this machine ($DHG_MONO_DIR, default /work/dhg-mono).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runScratchDb } from "../../../src/store/scratch/run-scratch.ts";
import { ADMIN_URL } from "../../support/test-db.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../../fixtures/dhg-mono-migrations");
const CHECKOUT = process.env.DHG_MONO_DIR ?? "/work/dhg-mono";
const HAS_CHECKOUT = fs.existsSync(path.join(CHECKOUT, "supabase/migrations"));
const SLOW = { timeout: 300_000 };

/** add-rls-policies' migration for processing_batches, owner column created_by, mode owner. */
const RLS_PROCESSING_BATCHES = `-- Row level security for processing_batches: a row belongs to the user whose auth id is in created_by.
-- (add-rls-policies, run 20251129-1200-x)
alter table public.processing_batches enable row level security;

create policy "processing_batches_insert_own" on public.processing_batches
  for insert with check (created_by = auth.uid());

create policy "processing_batches_update_own" on public.processing_batches
  for update using (created_by = auth.uid()) with check (created_by = auth.uid());

create policy "processing_batches_delete_own" on public.processing_batches
  for delete using (created_by = auth.uid());

create policy "processing_batches_select_own" on public.processing_batches
  for select using (created_by = auth.uid());
`;

/** processing_batches as `supabase db dump` writes it (trimmed to the table). */
const DUMPED_PROCESSING_BATCHES = `SET statement_timeout = 0;
SELECT pg_catalog.set_config('search_path', '', false);
CREATE TYPE "public"."batch_type" AS ENUM ('google_extraction', 'audio_extraction', 'transcription', 'diarization', 'summarization');
CREATE TABLE IF NOT EXISTS "public"."processing_batches" (
    "id" uuid DEFAULT "extensions"."uuid_generate_v4"() NOT NULL,
    "name" text NOT NULL,
    "batch_type" "public"."batch_type" NOT NULL,
    "item_ids" jsonb DEFAULT '[]'::jsonb,
    "created_by" uuid,
    "created_at" timestamp with time zone DEFAULT now()
);
ALTER TABLE ONLY "public"."processing_batches" ADD CONSTRAINT "processing_batches_pkey" PRIMARY KEY ("id");
ALTER TABLE ONLY "public"."processing_batches" ADD CONSTRAINT "processing_batches_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "auth"."users"("id");
`;

/** create-database-table + add-rls-policies for a new table that references auth.users. */
const NEW_OWNED_TABLE = `create table if not exists public.email_digests (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  subject text not null,
  created_at timestamptz not null default now()
);
alter table public.email_digests enable row level security;
create policy "email_digests_select_own" on public.email_digests for select using (user_id = auth.uid());
create policy "email_digests_insert_own" on public.email_digests for insert with check (user_id = auth.uid());
create policy "email_digests_update_own" on public.email_digests for update using (user_id = auth.uid());
create policy "email_digests_delete_own" on public.email_digests for delete using (user_id = auth.uid());
alter table dev_tasks add column if not exists digest_id uuid references public.email_digests (id);
`;

const NEW = "20251129120000_new.sql";
const copies: string[] = [];
afterAll(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
});

/** A throwaway `supabase/` folder: the migrations copied from `from`, plus the new migration and a schema file. */
function copy(from: string, newMigration: string, schema?: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-dhg-"));
  copies.push(root);
  fs.cpSync(from, path.join(root, "supabase/migrations"), { recursive: true });
  fs.writeFileSync(path.join(root, "supabase/migrations", NEW), newMigration);
  fs.mkdirSync(path.join(root, "supabase/schema"));
  fs.writeFileSync(path.join(root, "supabase/schema/schema.sql"), schema ?? "");
  return root;
}

async function scratch(
  root: string,
  assertRls: string[],
  databaseUrl: string | undefined,
  publicRead = false,
) {
  return runScratchDb({
    migrationsDir: path.join(root, "supabase/migrations"),
    assertRls,
    publicRead,
    databaseUrl,
    cwd: root,
  });
}

const DRAFT_WHY =
  'relation public.processing_batches is created only by [timestamp]_comprehensive_schema_update.sql:63, which is not applied (an unfilled draft: its name still holds a placeholder instead of a version) and does not parse either (line 90: syntax error at or near "BEGIN")';

describe.each([
  ["pglite", undefined],
  ["postgres", ADMIN_URL],
] as const)("dhg-mono's migrations, a committed subset, on %s", SLOW, (_kind, databaseUrl) => {
  it("replays them: down files and drafts left out, failures on tables made outside the migrations reported with file:line", async () => {
    const root = copy(FIXTURE, NEW_OWNED_TABLE);
    const result = await scratch(root, ["email_digests", "dev_tasks"], databaseUrl);
    expect(result.skipped.map((f) => f.kind)).toEqual(["down", "down", "down", "draft", "draft"]);
    expect(
      result.history
        .filter((o) => o.failures.length > 0)
        .map((o) => `${o.file.name}:${o.failures[0]?.line}: ${o.failures[0]?.message}`),
    ).toEqual([
      '20240211000001_add_deleted_to_sources.sql:2: relation "sources_google" does not exist',
      '20250206000000_create_clipboard_snippets.sql:40: relation "sys_table_definitions" does not exist',
      '20250301000001_update_experts_rls_policy.sql:7: relation "public.experts" does not exist',
      '20250529000002_create_dev_tasks_tables.sql:111: relation "sys_table_migrations" does not exist',
    ]);
    expect(result.verdict).toEqual({ status: "pass", files: [NEW], statements: 7 });
    // dev_tasks is readable by everyone by design ("Users can view all tasks" USING (true)).
    expect(result.checks.map((c) => [c.table, c.ok])).toEqual([
      ["email_digests", true],
      ["dev_tasks", false],
    ]);
    expect(result.checks[1]?.detail).toBe(
      "row level security is on (4 policies) but a fresh non-superuser role bypasses it: it can read 1 of 1 row(s) it does not own (check the SELECT policy's USING clause; permissive SELECT policies: Users can view all tasks USING true, or pass --public-read if everyone may read).",
    );
    expect(result.exitCode).toBe(1);
  });

  it("cannot judge RLS on processing_batches, which only a broken draft creates; with a baseline schema it applies, and the check names the history's permissive policies", async () => {
    const bare = await scratch(copy(FIXTURE, RLS_PROCESSING_BATCHES), ["processing_batches"], databaseUrl);
    expect(bare.verdict).toMatchObject({
      status: "cannot-judge",
      at: `supabase/migrations/${NEW}:3`,
      error: 'relation "public.processing_batches" does not exist',
      why: DRAFT_WHY,
    });
    expect(bare.exitCode).toBe(2);
    const supplied = await scratch(
      copy(FIXTURE, RLS_PROCESSING_BATCHES, DUMPED_PROCESSING_BATCHES),
      ["processing_batches"],
      databaseUrl,
    );
    expect(supplied.verdict).toEqual({ status: "pass", files: [NEW], statements: 5 });
    // 20240516000000_standardize_audit_fields.sql gave every public table permissive policies for
    // authenticated users; policies are ORed, so the owner policies alone do not protect the rows.
    expect(supplied.checks[0]?.ok).toBe(false);
    expect(supplied.checks[0]?.detail).toContain(
      "permissive SELECT policies: enable_select_for_authenticated_users USING (auth.role() = 'authenticated'::text), processing_batches_select_own USING (created_by = auth.uid())",
    );
    expect(supplied.exitCode).toBe(1);
  });

  it("fails a broken new migration with its file:line", async () => {
    const root = copy(
      FIXTURE,
      "-- adds the app column twice over\nalter table dev_tasks add column app2 text;\nalter table dev_taks add column app3 text;\n",
    );
    const result = await scratch(root, [], databaseUrl);
    expect(result.verdict).toMatchObject({
      status: "fail",
      at: `supabase/migrations/${NEW}:3`,
      error: 'relation "dev_taks" does not exist',
      why: "no migration creates or mentions relation dev_taks: check the name",
    });
    expect(result.exitCode).toBe(1);
  });
});

describe.skipIf(!HAS_CHECKOUT)(
  `dhg-mono's whole migrations folder at ${CHECKOUT} (skipped when there is no checkout there: set DHG_MONO_DIR)`,
  SLOW,
  () => {
    const folder = path.join(CHECKOUT, "supabase/migrations");

    it("on PGlite: RLS on processing_batches cannot be judged, and the summary says why", async () => {
      const result = await scratch(copy(folder, RLS_PROCESSING_BATCHES), ["processing_batches"], undefined);
      expect(result.skipped.filter((f) => f.kind === "down")).toHaveLength(22);
      expect(result.skipped.filter((f) => f.kind === "draft")).toHaveLength(14);
      expect(result.history).toHaveLength(85);
      expect(result.verdict).toMatchObject({ status: "cannot-judge", why: DRAFT_WHY });
    });

    it("on the server: a new owned table and a change to dev_tasks (read by all, written by owners) pass; a broken change fails with file:line", async () => {
      const passing = await scratch(
        copy(folder, NEW_OWNED_TABLE),
        ["email_digests", "dev_tasks"],
        ADMIN_URL,
        true,
      );
      expect(passing.verdict).toEqual({ status: "pass", files: [NEW], statements: 7 });
      expect(passing.checks.map((c) => [c.table, c.ok])).toEqual([
        ["email_digests", true],
        ["dev_tasks", true],
      ]);
      const broken = await scratch(
        copy(
          folder,
          "alter table dev_tasks add column app2 text;\nalter table dev_tasks add column app3 txet;\n",
        ),
        [],
        ADMIN_URL,
      );
      expect(broken.verdict).toMatchObject({
        status: "fail",
        at: `supabase/migrations/${NEW}:2`,
        error: 'type "txet" does not exist',
      });
    });
  },
);
