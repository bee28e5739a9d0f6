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
      params: { table: "email_digest_subscriptions", description: "Which digests each user receives" },
      expect: {
        "supabase/migrations/20261124100000_create_email_digest_subscriptions.sql": [
          "CREATE TABLE IF NOT EXISTS public.email_digest_subscriptions (",
          "user_id UUID NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,",
          "EXECUTE FUNCTION update_updated_at_column();",
          "VALUES ('public', 'email_digest_subscriptions', 'Which digests each user receives',",
        ],
        "supabase/migrations/20261124100000_create_email_digest_subscriptions_down.sql": [
          "DROP TABLE IF EXISTS public.email_digest_subscriptions CASCADE;",
          "DELETE FROM sys_table_definitions WHERE table_schema = 'public' AND table_name = 'email_digest_subscriptions';",
        ],
      },
    },
    {
      id: "modify-table-schema",
      params: { table: "documents", column: "archived_at", column_type: "timestamptz", with_index: "true" },
      expect: {
        "supabase/migrations/20261124100000_schema_documents_add_archived_at.sql": [
          "ALTER TABLE public.documents ADD COLUMN archived_at timestamptz;",
          "CREATE INDEX IF NOT EXISTS idx_documents_archived_at ON public.documents(archived_at);",
        ],
        "supabase/migrations/20261124100000_schema_documents_add_archived_at_down.sql":
          "ALTER TABLE public.documents DROP COLUMN IF EXISTS archived_at;",
      },
    },
    {
      id: "add-rls-policies",
      params: { table: "documents" },
      expect: {
        "supabase/migrations/20261124100000_rls_documents.sql": [
          "ALTER TABLE public.documents ENABLE ROW LEVEL SECURITY;",
          'CREATE POLICY "Users can view own rows" ON public.documents\n  FOR SELECT USING (auth.uid() = user_id);',
        ],
        "supabase/migrations/20261124100000_rls_documents_down.sql": [
          'DROP POLICY IF EXISTS "Users can delete own rows" ON public.documents;',
          "ALTER TABLE public.documents DISABLE ROW LEVEL SECURITY;",
        ],
      },
    },
    {
      label: "add-rls-policies authenticated-read (signed-in users read, only the service role writes)",
      id: "add-rls-policies",
      params: { table: "documents", mode: "authenticated-read" },
      expect: {
        "supabase/migrations/20261124100000_rls_documents.sql": [
          "FOR SELECT USING (auth.role() = 'authenticated');",
          "FOR ALL USING (auth.role() = 'service_role') WITH CHECK (auth.role() = 'service_role');",
        ],
      },
    },
    {
      id: "create-new-app",
      params: { name: "admin", title: "Admin console", port: "5180" },
      expect: {
        "apps/admin/package.json": '"name": "admin"',
        "apps/admin/src/main.tsx": "<BrowserRouter>\n      <App />\n    </BrowserRouter>",
        "apps/admin/src/App.tsx": '<Route path="/" element={<HomePage />} />',
        "apps/admin/vite.config.ts": "port: 5180,",
        "apps/admin/index.html": "<title>Admin console</title>",
      },
    },
    {
      id: "add-app-page",
      params: {
        app: "portal",
        page: "Settings",
        route: "/settings",
        title: "Settings",
        layout: "DashboardLayout",
      },
      expect: {
        "apps/portal/src/pages/SettingsPage.tsx": [
          "import { DashboardLayout } from '../components/DashboardLayout';",
          "export const SettingsPage: React.FC = () => {",
        ],
        "apps/portal/src/App.tsx": [
          "import { ProtectedRoute } from './components/ProtectedRoute';\nimport { SettingsPage } from './pages/SettingsPage';",
          '      <Route\n        path="/settings"\n        element={\n          <ProtectedRoute>\n            <SettingsPage />\n          </ProtectedRoute>\n        }\n      />\n      <Route path="*"',
        ],
      },
    },
    {
      id: "create-shared-component",
      params: { name: "UserCard", folder: "user", element: "section" },
      expect: {
        "packages/shared/components/user/UserCard.tsx": [
          "export const UserCard: React.FC<UserCardProps> = (",
          "<section className={`rounded-lg border border-gray-200 bg-white p-4 ${className}`.trim()} {...rest}>\n      {children}",
        ],
        "packages/shared/components/user/index.ts": "export * from './UserCard';",
        "packages/shared/components/index.ts": "export * from './button';\nexport * from './user';",
      },
    },
    {
      id: "add-proxy-server",
      params: { name: "search-proxy", port: String(proxyPort) },
      expect: {
        "scripts/cli-pipeline/proxy/search-proxy.cjs": `const PORT = Number(process.env.PORT || ${proxyPort});`,
        "scripts/start-all-servers.js": `    args: ['scripts/cli-pipeline/proxy/search-proxy.cjs'],\n    cwd: process.cwd(),\n    env: { PORT: '${proxyPort}' },`,
        "CLAUDE.md": `| ${proxyPort} | search-proxy | \`scripts/cli-pipeline/proxy/search-proxy.cjs\` |`,
      },
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
          "CREATE TABLE IF NOT EXISTS public.projects (",
        "supabase/migrations/20261124100000_rls_projects.sql":
          'CREATE POLICY "Anyone can view rows" ON public.projects\n  FOR SELECT USING (true);',
      },
      ranDependencies: ["create-database-table"],
    },
    {
      label: "modify-table-schema on a new table (create-database-table runs first)",
      id: "modify-table-schema",
      params: { table: "invoices", column: "total_cents", column_type: "bigint" },
      expect: {
        "supabase/migrations/20261124100000_create_invoices.sql":
          "CREATE TABLE IF NOT EXISTS public.invoices (",
        "supabase/migrations/20261124100000_schema_invoices_add_total_cents.sql":
          "ALTER TABLE public.invoices ADD COLUMN total_cents bigint;",
      },
      ranDependencies: ["create-database-table"],
    },
    {
      label: "add-rls-policies on a table named by a reserved word (quoted by the ident filter)",
      id: "add-rls-policies",
      params: { table: "order" },
      expect: {
        "supabase/migrations/20261124100000_create_order.sql": 'CREATE TABLE IF NOT EXISTS public."order" (',
        "supabase/migrations/20261124100000_rls_order.sql":
          'ALTER TABLE public."order" ENABLE ROW LEVEL SECURITY;',
      },
      ranDependencies: ["create-database-table"],
    },
  ];
}
