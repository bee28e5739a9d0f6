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
      params: { name: "email-digest-service", summary: "Builds and sends the email digest." },
      expect: {
        "packages/shared/services/email-digest-service/email-digest-service.ts": [
          "public static getInstance(): EmailDigestService {",
          "export const emailDigestService = EmailDigestService.getInstance();",
        ],
        "packages/shared/services/email-digest-service/index.ts":
          "export { emailDigestService, EmailDigestService } from './email-digest-service';",
        "packages/shared/services/index.ts": 'export * from "./email-digest-service";',
      },
    },
    {
      id: "add-service-tests",
      params: { name: "format-service" },
      expect: {
        "packages/shared/services/__tests__/format-service.test.ts": [
          "import { describe, it, expect } from '@jest/globals';",
          "import { FormatService, formatService } from '../format-service';",
          "expect(formatService).toBe(FormatService.getInstance());",
        ],
      },
      ranDependencies: [],
    },
    {
      // Its index re-exports `metrics-service-refactored/`, as dhg-mono's development branch has them:
      // an existing service in another shape than create-shared-service writes still satisfies it.
      label: "add-service-tests (a folder index re-exporting the class)",
      id: "add-service-tests",
      params: { name: "metrics-service" },
      expect: {
        "packages/shared/services/__tests__/metrics-service.test.ts": [
          "import { MetricsService, metricsService } from '../metrics-service';",
          "expect(metricsService).toBe(MetricsService.getInstance());",
        ],
      },
      ranDependencies: [],
    },
    {
      label: "add-service-tests (a single-file service)",
      id: "add-service-tests",
      params: { name: "classify-service" },
      expect: {
        "packages/shared/services/__tests__/classify-service.test.ts":
          "import { ClassifyService, classifyService } from '../classify-service';",
      },
      ranDependencies: [],
    },
    {
      label: "add-service-tests (new service)",
      id: "add-service-tests",
      params: { name: "audit-service" },
      expect: {
        "packages/shared/services/__tests__/audit-service.test.ts": "describe('AuditService'",
        "packages/shared/services/index.ts": 'export * from "./audit-service";',
      },
      ranDependencies: ["create-shared-service"],
    },
    {
      id: "refactor-to-shared-service",
      params: { source: "apps/portal/src/lib/date-format.ts", name: "date-format-service" },
      expect: {
        "packages/shared/services/date-format-service/date-format-service.ts":
          "export function formatUpdatedAt",
        "packages/shared/services/date-format-service/index.ts": "export * from './date-format-service';",
        "packages/shared/services/index.ts": 'export * from "./date-format-service";',
        "apps/portal/src/pages/DocumentsPage.tsx": "from '@shared/services/date-format-service';",
      },
    },
    {
      id: "create-cli-pipeline",
      params: { domain: "email_digest", title: "Email Digest" },
      expect: {
        "scripts/cli-pipeline/email_digest/email-digest-cli.sh": [
          'local pipeline_name="email_digest"',
          'track_command "health-check" "$SCRIPT_DIR/health-check.sh $*"',
        ],
        "scripts/cli-pipeline/email_digest/health-check.sh": 'bash -n "$SCRIPT"',
      },
    },
    {
      id: "add-cli-command",
      params: { domain: "content", command: "sync-documents", summary: "Sync documents to storage" },
      expect: {
        "scripts/cli-pipeline/content/sync-documents.ts": [".name('sync-documents')", "from 'commander'"],
        "scripts/cli-pipeline/content/content-cli.sh": [
          '  "sync-documents")\n    shift\n    track_command "sync-documents" "node $SCRIPT_DIR/sync-documents.ts $*"\n    ;;',
          '  echo "  sync-documents            Sync documents to storage"',
        ],
      },
    },
    {
      id: "migrate-script-to-pipeline",
      params: {
        script: "scripts/root/count-words.ts",
        domain: "content",
        command: "count-words",
        compare_output: "yes",
        sample_args: "README.md",
      },
      expect: {
        "scripts/cli-pipeline/content/count-words.ts": "Counts the words",
        "scripts/cli-pipeline/content/content-cli.sh":
          'track_command "count-words" "node $SCRIPT_DIR/count-words.ts $*"',
      },
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
      params: { name: "preview", workspace_script: "preview" },
      expect: {
        "package.json":
          '"build": "pnpm -r --if-present run build",\n    "preview": "pnpm -r --if-present run preview",\n',
      },
    },
    {
      id: "setup-environment",
      params: { variable: "EMAIL_DIGEST_SCHEDULE", example: "daily", section: "Email digest" },
      expect: { ".env.example": "LOG_LEVEL=info\n\n# Email digest\nEMAIL_DIGEST_SCHEDULE=daily" },
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
