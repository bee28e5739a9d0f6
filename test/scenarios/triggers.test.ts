// The shipped scenarios' `Triggers` against pull requests as GitHub describes their files (status and
// unified patch): what a reviewer is offered, with which parameters, and what stays quiet.
import { beforeAll, describe, expect, it } from "vitest";
import { type ChangedFile, matchTriggers } from "../../src/github-app/checks/trigger-match.ts";
import { type Catalog, loadCatalog } from "../../src/scenario/index.ts";
import { REPO_ROOT } from "./monorepo.ts";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog("scenarios", { root: REPO_ROOT });
});

function added(filename: string, lines: string[]): ChangedFile {
  return {
    filename,
    status: "added",
    patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`,
  };
}

function suggest(files: ChangedFile[]) {
  return matchTriggers(catalog.scenarios, files).map((m) => ({
    id: m.scenarioId,
    params: m.params,
    ...(m.missing.length ? { missing: m.missing.map((p) => p.name) } : {}),
  }));
}

describe("scenario triggers on pull requests", () => {
  it("a migration that creates a table without RLS suggests add-rls-policies for that table", () => {
    const pr = [
      added("supabase/migrations/20250301000000_create_orders.sql", [
        "create table if not exists public.orders (",
        "  id uuid primary key default gen_random_uuid(),",
        "  user_id uuid not null",
        ");",
      ]),
    ];
    expect(suggest(pr)).toEqual([{ id: "add-rls-policies", params: { table: "orders" } }]);
  });

  it("stays quiet when the same migration already enables row level security", () => {
    const pr = [
      added("supabase/migrations/20250301000000_create_orders.sql", [
        "create table orders (id uuid primary key);",
        "alter table orders enable row level security;",
      ]),
    ];
    expect(suggest(pr)).toEqual([]);
  });

  it("a hand-written add column suggests the safe modify-table-schema, but not for its own migrations", () => {
    const manual = added("supabase/migrations/20250302000000_documents_archived.sql", [
      "alter table public.documents add column archived_at timestamptz not null default now();",
    ]);
    expect(suggest([manual])).toEqual([
      { id: "modify-table-schema", params: { table: "documents", column: "archived_at" } },
    ]);
    const generated = added("supabase/migrations/20250302000000_schema_documents_add_archived_at.sql", [
      "-- Adds documents.archived_at (timestamptz) (modify-table-schema, run 20250302-abc)",
      "alter table public.documents add column archived_at timestamptz;",
    ]);
    expect(suggest([generated])).toEqual([]);
  });

  it("app code and standalone scripts suggest moving them where they are shared, with what the files say", () => {
    const pr = [
      added("apps/portal/src/lib/currency.ts", ["export function formatCents(cents: number): string {"]),
      added("apps/portal/src/components/UserBadge.tsx", ["export function UserBadge() {"]),
      added("scripts/standalone/prune-drafts.ts", ["console.log('pruning');"]),
    ];
    expect(suggest(pr)).toEqual([
      { id: "create-shared-component", params: { name: "UserBadge" }, missing: ["folder"] },
      {
        id: "migrate-script-to-pipeline",
        params: { script: "scripts/standalone/prune-drafts.ts", command: "prune-drafts" },
        missing: ["domain"],
      },
      {
        id: "refactor-to-shared-service",
        params: { source: "apps/portal/src/lib/currency.ts", name: "currency" },
      },
    ]);
  });

  it("a shared service without node:test suggests add-service-tests for its folder; a deleted file suggests nothing", () => {
    const service = added("packages/shared/services/mail-service/mail-service.ts", [
      "export class MailService {",
    ]);
    expect(suggest([service])).toEqual([{ id: "add-service-tests", params: { name: "mail-service" } }]);
    expect(suggest([{ ...service, status: "removed" }])).toEqual([]);
  });

  it("a top-level dispatcher script suggests a pipeline of its name; a new variable suggests environment files", () => {
    const dispatcher = added("scripts/deploy.sh", [
      "#!/usr/bin/env bash",
      'case "$1" in',
      "  staging) ;;",
      "esac",
    ]);
    const env = { ...added(".env.example", ["VITE_SENTRY_DSN="]), status: "modified" };
    expect(suggest([dispatcher, env])).toEqual([
      { id: "create-cli-pipeline", params: { domain: "deploy" } },
      { id: "setup-environment", params: { variable: "SENTRY_DSN" } },
    ]);
    // A Next.js app's browser twin (supa-saas) names the same variable.
    const next = {
      ...added(".env.example", ["NEXT_PUBLIC_API_URL=http://localhost:4000"]),
      status: "modified",
    };
    expect(suggest([next])).toEqual([{ id: "setup-environment", params: { variable: "API_URL" } }]);
  });

  // dhg-mono's own history (raybunnage/dhg-mono, replayed commit by commit): names the scenarios
  // would refuse are not offered; the person is asked for them instead of pasting a refused command.
  it("a value the scenario would refuse is left for the person to write, never suggested", () => {
    const pr = [
      added("packages/shared/services/google_drive/google-drive-service.ts", [
        "export class GoogleDriveService {",
      ]),
      added("scripts/cli-pipeline/analyze_services.ts", ["console.log('analysing');"]),
    ];
    const matches = matchTriggers(catalog.scenarios, pr);
    expect(matches.map((m) => [m.scenarioId, m.command])).toEqual([
      ["add-service-tests", "/scenario add-service-tests name=<name>"],
      [
        "migrate-script-to-pipeline",
        "/scenario migrate-script-to-pipeline script=scripts/cli-pipeline/analyze_services.ts domain=<domain> command=<command>",
      ],
    ]);
    expect(matches[0]?.missing).toEqual([
      { name: "name", description: "The service's folder name in kebab-case.", example: "formatter-service" },
    ]);
  });
});
