// One run per shipped scenario: the parameters it gets and what the run branch must then hold.
export interface ScenarioCase {
  /** Test name; the scenario id unless one scenario has several cases. */
  label?: string;
  id: string;
  params: Record<string, string>;
  /** Paths that must exist on the run branch, with the strings each must contain. */
  expect: Record<string, string | string[]>;
  /** Required dependencies expected to run (the others are skipped because they already hold). */
  ranDependencies?: string[];
}

export function scenarioCases(proxyPort: number): ScenarioCase[] {
  return [
    {
      id: "create-shared-service",
      params: { name: "billing-service", pattern: "singleton", summary: "Invoices and payments." },
      expect: {
        "packages/shared/services/billing-service/billing-service.ts":
          "export const billingService = new BillingService();",
        "packages/shared/services/index.ts":
          'export { BillingService, billingService } from "./billing-service/billing-service.ts";',
      },
    },
    {
      id: "add-service-tests",
      params: { name: "audit-service" },
      expect: {
        "packages/shared/services/audit-service/__tests__/audit-service.test.ts": 'describe("AuditService"',
        "packages/shared/services/index.ts":
          'export { AuditService } from "./audit-service/audit-service.ts";',
      },
      ranDependencies: ["create-shared-service"],
    },
    {
      id: "refactor-to-shared-service",
      params: { source: "apps/portal/src/lib/date-format.ts", name: "date-format" },
      expect: {
        "packages/shared/services/date-format/date-format.ts": "export function formatUpdatedAt",
        "apps/portal/src/lib/date-format.ts":
          'export * from "../../../../packages/shared/services/date-format/date-format.ts";',
        "packages/shared/services/index.ts": 'export * from "./date-format/date-format.ts";',
      },
    },
    {
      id: "create-cli-pipeline",
      params: { domain: "media", purpose: "Images and video." },
      expect: {
        "scripts/cli-pipeline/media/media-cli.sh": 'DOMAIN="media"',
        "scripts/cli-pipeline/media/commands.tsv": "health-check\tCheck that the pipeline can run",
        "scripts/cli-pipeline/media/commands/health-check.ts": "healthCheck()",
      },
    },
    {
      id: "add-cli-command",
      params: { domain: "content", command: "sync-documents", summary: "Sync documents to storage." },
      expect: {
        "scripts/cli-pipeline/content/commands/sync-documents.ts":
          "// content sync-documents: Sync documents to storage.",
        "scripts/cli-pipeline/content/commands.tsv": "sync-documents\tSync documents to storage.",
      },
    },
    {
      id: "migrate-script-to-pipeline",
      params: { script: "count-words", domain: "docs", command: "count-words" },
      expect: {
        "scripts/cli-pipeline/docs/commands/count-words.ts": "Counts the words",
        "scripts/cli-pipeline/docs/commands.tsv": "count-words\tMoved from scripts/standalone/count-words.ts",
        "scripts/standalone/count-words.ts": "docs-cli.sh",
      },
      ranDependencies: ["create-cli-pipeline"],
    },
    {
      id: "create-database-table",
      params: { table: "projects" },
      expect: {
        "supabase/migrations/20261124100000_create_projects.sql":
          "create table if not exists public.projects (",
      },
    },
    {
      id: "modify-table-schema",
      params: { table: "documents", column: "archived_at", column_type: "timestamptz", with_index: "true" },
      expect: {
        "supabase/migrations/20261124100000_schema_documents_add_archived_at.sql": [
          "alter table public.documents add column archived_at timestamptz;",
          "create index if not exists documents_archived_at_idx on public.documents (archived_at);",
        ],
      },
    },
    {
      id: "add-rls-policies",
      params: { table: "users" },
      expect: {
        "supabase/migrations/20261124100000_rls_users.sql":
          'create policy "users_select_own" on public.users',
      },
    },
    {
      id: "create-new-app",
      params: { name: "admin", title: "Admin console", port: "5180" },
      expect: {
        "apps/admin/package.json": '"name": "@acme/admin"',
        "apps/admin/src/main.tsx": "<RouterProvider router={router} />",
        "apps/admin/vite.config.ts": "server: { port: 5180, strictPort: true }",
        "apps/admin/index.html": "<title>Admin console</title>",
      },
    },
    {
      id: "add-app-page",
      params: { page: "Settings", route: "/settings", title: "Settings" },
      expect: {
        "apps/portal/src/pages/SettingsPage.tsx": "export function SettingsPage()",
        "apps/portal/src/router.tsx":
          'import { SettingsPage } from "./pages/SettingsPage.tsx";\n// scenario:page-imports',
      },
    },
    {
      id: "create-shared-component",
      params: { name: "UserCard", element: "section" },
      expect: {
        "packages/shared/components/UserCard/UserCard.tsx":
          "<section className={classes} {...rest}>\n      {children}",
        "packages/shared/components/index.ts": 'export { UserCard } from "./UserCard/UserCard.tsx";',
      },
    },
    {
      id: "add-proxy-server",
      params: { name: "search-proxy", port: String(proxyPort) },
      expect: { "proxies/search-proxy/server.mjs": `Number(process.env.PORT ?? ${proxyPort})` },
    },
    {
      id: "add-pnpm-script",
      params: { name: "build:all", workspace_script: "build" },
      expect: { "package.json": '"build:all": "npm run build --workspaces --if-present"' },
    },
    {
      id: "setup-environment",
      params: { environment: "staging", supabase_url: "https://staging.example.supabase.co" },
      expect: {
        "config/environments/staging.env":
          "NODE_ENV=staging\nSUPABASE_URL=https://staging.example.supabase.co\nSUPABASE_ANON_KEY=\n",
      },
    },
    {
      label: "add-rls-policies on a new table (create-database-table runs first)",
      id: "add-rls-policies",
      params: { table: "projects", mode: "read-public" },
      expect: {
        "supabase/migrations/20261124100000_create_projects.sql":
          "create table if not exists public.projects (",
        "supabase/migrations/20261124100000_rls_projects.sql":
          'create policy "projects_select_all" on public.projects',
      },
      ranDependencies: ["create-database-table"],
    },
    {
      label: "modify-table-schema on a new table (create-database-table runs first)",
      id: "modify-table-schema",
      params: { table: "invoices", column: "total_cents", column_type: "bigint" },
      expect: {
        "supabase/migrations/20261124100000_create_invoices.sql":
          "create table if not exists public.invoices (",
        "supabase/migrations/20261124100000_schema_invoices_add_total_cents.sql":
          "alter table public.invoices add column total_cents bigint;",
      },
      ranDependencies: ["create-database-table"],
    },
    {
      label: "add-rls-policies on a table named by a reserved word (quoted by the ident filter)",
      id: "add-rls-policies",
      params: { table: "order" },
      expect: {
        "supabase/migrations/20261124100000_create_order.sql": 'create table if not exists public."order" (',
        "supabase/migrations/20261124100000_rls_order.sql":
          'alter table public."order" enable row level security;',
      },
      ranDependencies: ["create-database-table"],
    },
  ];
}
