// The shipped catalog on repositories shaped like other Supabase monorepos than dhg-mono (small
// excerpts of psteinroe/supasample, crazyrabbitLTC/supa-saas and webscopeio/supabase-modules, as the
// trial in bench/TRIAL.md ran them): what dhg-mono's conventions do not cover either works the
// repository's way or is refused before any change, saying what was expected.

import { readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Catalog, loadCatalog } from "../../src/scenario/index.ts";
import { gitIn, makeRepo, useEngineDb } from "../support/engine-harness.ts";
import { REPO_ROOT } from "./monorepo.ts";
import { checkRollbackEverywhere } from "./rollback-check.ts";
import { runToEnd } from "./run-to-end.ts";

/** webscopeio/supabase-modules' first migration (its sign-up trigger needs the metadata's username). */
const SUPABASE_MODULES_PROFILES = readFileSync(
  new URL("../fixtures/supabase-modules/20240507084838_profiles.sql", import.meta.url),
  "utf8",
);

const store = useEngineDb("scenario_other_repos");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog("scenarios", { root: REPO_ROOT });
});

function repo(files: Record<string, string>): string {
  const made = makeRepo({ ".gitignore": "node_modules\n.env\n.env.local\n", ...files });
  cleanups.push(made.cleanup);
  return made.dir;
}

const show = (dir: string, branch: string, file: string) => gitIn(dir, "show", `${branch}:${file}`);
/** The scenarios whose steps a run ran: its own, after the required dependencies that were not skipped. */
async function ranScenarios(run: Awaited<ReturnType<typeof runToEnd>>): Promise<string[]> {
  return [
    ...new Set(
      (await run.ports.store.listSteps(run.runId))
        .filter((step) => step.status !== "skipped")
        .map((step) => step.scenarioId),
    ),
  ];
}

/** crazyrabbitLTC/supa-saas: services re-exported by name from packages/database, handle_updated_at(). */
const SUPA_SAAS = {
  "package.json": JSON.stringify({ name: "supa-saas", private: true, packageManager: "pnpm@8.15.4" }),
  "pnpm-workspace.yaml": "packages:\n  - 'apps/*'\n  - 'packages/*'\n",
  "turbo.json": "{}\n",
  "packages/database/package.json": JSON.stringify({ name: "database", main: "./dist/index.js" }),
  "packages/database/src/index.ts": "export * from './types';\nexport * from './services'; \n",
  "packages/database/src/types.ts": "export type TeamRole = 'owner' | 'member';\n",
  "apps/api/package.json": JSON.stringify({ name: "api", dependencies: { database: "workspace:*" } }),
  "apps/api/src/utils/logger.ts": "export const logger = console;\n",
  "apps/api/src/server.ts": "import { logger } from './utils/logger';\n\nlogger.info('up');\n",
  "packages/database/src/services/index.ts":
    "/**\n * @file Service Exports\n */\n\n// Export the team service\nexport { teamService } from './teamService';\n",
  "packages/database/src/services/teamService.ts":
    "export class TeamService {}\nexport const teamService = new TeamService();\n",
  "supabase/migrations/20240511000000_teams.sql": `CREATE TABLE public.teams (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name TEXT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- Function to generate updated_at timestamps
CREATE OR REPLACE FUNCTION public.handle_updated_at()
RETURNS TRIGGER AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER handle_teams_updated_at BEFORE UPDATE ON public.teams
FOR EACH ROW EXECUTE FUNCTION public.handle_updated_at();

-- Trigger to create personal team on user creation
CREATE OR REPLACE FUNCTION public.handle_new_user_team()
RETURNS TRIGGER AS $$
BEGIN
  INSERT INTO public.teams (name) VALUES (NEW.raw_user_meta_data->>'full_name');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER;

CREATE TRIGGER on_team_user_created AFTER INSERT ON auth.users
FOR EACH ROW EXECUTE FUNCTION public.handle_new_user_team();
`,
};

/** psteinroe/supasample: set_updated_at() also sets `updated`; a table name that ends its line. */
const SUPASAMPLE = {
  "package.json": JSON.stringify({ name: "supasample", private: true, workspaces: ["apps/*", "packages/*"] }),
  "pnpm-workspace.yaml": 'packages:\n  - "apps/*"\n  - "supabase"\n  - "packages/*"\n',
  "supabase/package.json": JSON.stringify({ name: "supabase" }),
  "supabase/migrations/20221113144425_initial.sql": `create table if not exists guestbook_entry
(
    id         uuid primary key default gen_random_uuid(),
    user_id    uuid references auth.users not null,
    message    text not null,
    updated    boolean not null default false,
    updated_at timestamptz not null default now()
);

create or replace function set_updated_at()
  returns trigger as $$
begin
  new.updated_at = now();
  new.updated    = true;
  return new;
end;
$$ language 'plpgsql';

create trigger set_updated_at
  before update
  on guestbook_entry
  for each row
execute procedure set_updated_at();
`,
};

/** webscopeio/supabase-modules: the Supabase project inside the Next app, `apps/**`, a sign-up trigger. */
const SUPABASE_MODULES = {
  "package.json": JSON.stringify({
    name: "@supabase-modules/workspace",
    private: true,
    packageManager: "pnpm@8.15.1",
  }),
  "pnpm-workspace.yaml": 'packages:\n  - "docs"\n  - "apps/**"\n',
  "docs/package.json": JSON.stringify({ name: "docs" }),
  "apps/next/package.json": JSON.stringify({ name: "next-app", private: true }),
  "apps/next/next.config.mjs": "export default {};\n",
  "apps/next/tsconfig.json": "{}\n",
  "apps/next/app/page.tsx": "export default function Page() {\n  return null;\n}\n",
  "apps/next/supabase/migrations/20240507084838_profiles.sql": SUPABASE_MODULES_PROFILES,
};

describe("the catalog on supa-saas's shape", () => {
  it("adds a service to a named-export index, and a table on handle_updated_at() with RLS probed through its sign-up trigger", async () => {
    const dir = repo(SUPA_SAAS);
    const service = await runToEnd(store.db, catalog, dir, "create-shared-service", {
      name: "billing-service",
    });
    expect(service.run.status).toBe("succeeded");
    expect(show(dir, service.plan.branch, "packages/database/src/services/index.ts")).toContain(
      "export { teamService } from './teamService';\nexport { billingService, BillingService } from './billing-service';",
    );

    const rls = await runToEnd(store.db, catalog, dir, "add-rls-policies", {
      table: "team_notes",
      mode: "owner",
    });
    expect(rls.run.error).toBeUndefined();
    expect(rls.run.status).toBe("succeeded");
    expect(await ranScenarios(rls)).toEqual(["create-database-table", "add-rls-policies"]);
    const table = show(dir, rls.plan.branch, "supabase/migrations/20261124100000_create_team_notes.sql");
    expect(table).toContain("EXECUTE FUNCTION handle_updated_at();");
    expect(table).not.toContain("update_updated_at_column");
  }, 240_000);

  it("gives a browser variable the NEXT_PUBLIC_ twin its Next.js app reads, and refuses a prefixed or taken name", async () => {
    const dir = repo({
      ...SUPA_SAAS,
      "apps/web/next.config.js": "module.exports = {};\n",
      ".env.example":
        "# Supabase\nSUPABASE_URL=http://localhost:54321\n\n# Web\nNEXT_PUBLIC_API_URL=http://localhost:4000\n",
    });
    const env = await runToEnd(store.db, catalog, dir, "setup-environment", {
      variable: "API_TIMEOUT_MS",
      example: "5000",
      section: "Web",
      reader: "both",
    });
    expect(env.run.error).toBeUndefined();
    expect(show(dir, env.plan.branch, ".env.example")).toBe(
      "# Supabase\nSUPABASE_URL=http://localhost:54321\n\n# Web\nNEXT_PUBLIC_API_URL=http://localhost:4000\nAPI_TIMEOUT_MS=5000\nNEXT_PUBLIC_API_TIMEOUT_MS=5000",
    );

    const prefixed = await runToEnd(store.db, catalog, dir, "setup-environment", {
      variable: "NEXT_PUBLIC_API_TIMEOUT_MS",
      reader: "browser",
    });
    expect(prefixed.run.status).toBe("rolled_back");
    expect(prefixed.run.error).toContain(
      "name NEXT_PUBLIC_API_TIMEOUT_MS without its VITE_ or NEXT_PUBLIC_ prefix",
    );
    const taken = await runToEnd(store.db, catalog, dir, "setup-environment", { variable: "API_URL" });
    expect(taken.run.status).toBe("rolled_back");
    expect(taken.run.error).toMatch(/pre-condition 2 .* does not hold/);
    expect(gitIn(dir, "status", "--porcelain")).toBe("");
  }, 240_000);

  it("moves an app module into the services and imports it from the package the app depends on", async () => {
    const dir = repo(SUPA_SAAS);
    const moved = await runToEnd(store.db, catalog, dir, "refactor-to-shared-service", {
      source: "apps/api/src/utils/logger.ts",
      name: "logger-service",
    });
    expect(moved.run.error).toBeUndefined();
    expect(moved.run.status).toBe("succeeded");
    expect(show(dir, moved.plan.branch, "apps/api/src/server.ts")).toContain(
      "import { logger } from 'database';",
    );
    expect(show(dir, moved.plan.branch, "packages/database/src/services/index.ts")).toContain(
      "export { logger } from './logger-service';",
    );
  }, 120_000);

  it("moves a module of a Next.js app's lib/, its @/ and relative importers anywhere in the app with it, and rolls back exactly", async () => {
    const dir = repo({
      ...SUPA_SAAS,
      "apps/web/package.json": JSON.stringify({ name: "web", dependencies: { database: "workspace:*" } }),
      "apps/web/next.config.js": "module.exports = {};\n",
      "apps/web/tsconfig.json":
        '{\n  "compilerOptions": {\n    "paths": {\n      "@/*": [\n        "./*"\n      ]\n    }\n  }\n}\n',
      "apps/web/lib/rate-limit.ts":
        "export function rateLimit(key: string): boolean {\n  return key.length > 0;\n}\n",
      "apps/web/lib/csrf.ts":
        "import { rateLimit } from '@/lib/rate-limit';\n\nexport const csrf = () => rateLimit('csrf');\n",
      "apps/web/app/api/route.ts":
        "import { rateLimit } from '../../lib/rate-limit';\n\nexport const GET = () => rateLimit('api');\n",
      // Code beside src/ as well as in it (supa-saas's web app has both).
      "apps/web/middleware.ts":
        "import { rateLimit } from './lib/rate-limit';\n\nexport const middleware = () => rateLimit('mw');\n",
      "apps/web/src/hooks/use-limit.ts":
        "import { rateLimit } from '@/lib/rate-limit';\n\nexport const useLimit = () => rateLimit('hook');\n",
    });
    const moved = await runToEnd(store.db, catalog, dir, "refactor-to-shared-service", {
      source: "apps/web/lib/rate-limit.ts",
      name: "rate-limit-service",
    });
    expect(moved.run.error).toBeUndefined();
    expect(moved.run.status).toBe("succeeded");
    const branch = moved.plan.branch;
    expect(show(dir, branch, "apps/web/lib/csrf.ts")).toContain("import { rateLimit } from 'database';");
    for (const importer of [
      "apps/web/app/api/route.ts",
      "apps/web/middleware.ts",
      "apps/web/src/hooks/use-limit.ts",
    ])
      expect(show(dir, branch, importer), importer).toContain("import { rateLimit } from 'database';");
    expect(
      show(dir, branch, "packages/database/src/services/rate-limit-service/rate-limit-service.ts"),
    ).toContain("export function rateLimit");
    const steps = await moved.ports.store.listSteps(moved.runId);
    const base = gitIn(dir, "rev-parse", "main");
    for (const check of checkRollbackEverywhere(dir, moved.plan, steps, base))
      expect(check.differences, check.from).toEqual([]);

    // A module that reaches the app through its alias would break once moved: refused before any change.
    const aliased = await runToEnd(store.db, catalog, dir, "refactor-to-shared-service", {
      source: "apps/web/lib/csrf.ts",
      name: "csrf-service",
    });
    expect(aliased.run.status).toBe("rolled_back");
    expect(aliased.run.error).toMatch(/pre-condition 3 .* does not hold/);
  }, 180_000);
});

describe("the catalog on supasample's shape", () => {
  it("defines the updated_at function where the history's sets another column too, and finds a table named at a line's end", async () => {
    const dir = repo(SUPASAMPLE);
    const table = await runToEnd(store.db, catalog, dir, "create-database-table", {
      table: "guestbook_reactions",
    });
    expect(table.run.status).toBe("succeeded");
    const sql = show(
      dir,
      table.plan.branch,
      "supabase/migrations/20261124100000_create_guestbook_reactions.sql",
    );
    expect(sql).toMatch(
      /CREATE OR REPLACE FUNCTION public\.update_updated_at_column\(\)[\s\S]*CREATE TRIGGER update_guestbook_reactions_updated_at/,
    );

    const column = await runToEnd(store.db, catalog, dir, "modify-table-schema", {
      table: "guestbook_entry",
      column: "archived_at",
      column_type: "timestamptz",
    });
    expect(column.run.status).toBe("succeeded");
    expect(await ranScenarios(column)).toEqual(["modify-table-schema"]);
  }, 240_000);

  it("refuses a proxy server and a CLI pipeline before any change where there is no pipelines folder, saying how to proceed", async () => {
    const dir = repo(SUPASAMPLE);
    const proxy = await runToEnd(store.db, catalog, dir, "add-proxy-server", { name: "api-proxy" });
    expect(proxy.run.status).toBe("rolled_back");
    expect(proxy.run.error).toMatch(
      /pre-condition 1 .* does not hold .*checked before any change.*no scripts\/cli-pipeline\/ here.*set layout\.pipelines in \.github\/scenarios\.yml/,
    );
    const pipeline = await runToEnd(store.db, catalog, dir, "create-cli-pipeline", { domain: "guestbook" });
    expect(pipeline.run.status).toBe("rolled_back");
    expect(pipeline.run.error).toContain("no scripts/cli-pipeline/ here");
    expect(gitIn(dir, "status", "--porcelain")).toBe("");
  }, 120_000);
});

describe("the catalog on supabase-modules' shape", () => {
  it("refuses to move a module into shared services it does not have, before any change, saying how to proceed", async () => {
    const dir = repo({
      ...SUPABASE_MODULES,
      "apps/next/lib/utils.ts":
        "export function cn(...names: string[]): string {\n  return names.join(' ');\n}\n",
    });
    const moved = await runToEnd(store.db, catalog, dir, "refactor-to-shared-service", {
      source: "apps/next/lib/utils.ts",
      name: "utils-service",
    });
    expect(moved.run.status).toBe("rolled_back");
    expect(moved.run.error).toMatch(
      /pre-condition 2 .* does not hold .*no packages\/shared\/services\/index\.ts: no shared services package was found .*set layout\.services/,
    );
    expect(gitIn(dir, "status", "--porcelain")).toBe("");
    expect(gitIn(dir, "ls-tree", "-r", "--name-only", moved.plan.branch)).not.toContain("packages/shared");
  }, 120_000);

  it("writes migrations where the Next app keeps them, probes RLS past its sign-up trigger, and adds a Vite app under apps/**", async () => {
    const dir = repo(SUPABASE_MODULES);
    const rls = await runToEnd(store.db, catalog, dir, "add-rls-policies", {
      table: "user_settings",
      mode: "owner",
    });
    expect(rls.run.error).toBeUndefined();
    expect(rls.run.status).toBe("succeeded");
    const files = gitIn(dir, "ls-tree", "-r", "--name-only", rls.plan.branch).split("\n");
    expect(files).toContain("apps/next/supabase/migrations/20261124100000_create_user_settings.sql");
    expect(files).toContain("apps/next/supabase/migrations/20261124100000_rls_user_settings.sql");
    expect(files.filter((f) => f.startsWith("supabase/"))).toEqual([]);

    const column = await runToEnd(store.db, catalog, dir, "modify-table-schema", {
      table: "profiles",
      column: "archived_at",
    });
    expect(column.run.status).toBe("succeeded");
    expect(await ranScenarios(column)).toEqual(["modify-table-schema"]);

    const app = await runToEnd(store.db, catalog, dir, "create-new-app", { name: "admin", port: "5180" });
    expect(app.run.error).toBeUndefined();
    expect(app.run.status).toBe("succeeded");
  }, 300_000);

  it("adds a Next.js page where its App Router reads it, and refuses a path a route group answers", async () => {
    const dir = repo({
      ...SUPABASE_MODULES,
      "apps/next/app/(auth)/login/page.tsx": "export default function Login() {\n  return null;\n}\n",
      "apps/next/components/settings-shell.tsx": "export function SettingsShell() {\n  return null;\n}\n",
    });
    const page = await runToEnd(store.db, catalog, dir, "add-app-page", {
      app: "next",
      page: "Team",
      route: "/settings/team",
      title: "Team",
      layout: "SettingsShell",
    });
    expect(page.run.error).toBeUndefined();
    expect(page.run.status).toBe("succeeded");
    expect(show(dir, page.plan.branch, "apps/next/app/settings/team/page.tsx")).toBe(
      [
        "import { SettingsShell } from '../../../components/settings-shell';",
        "",
        "export const metadata = { title: 'Team' };",
        "",
        "// /settings/team: the Team page of next (add-app-page).",
        "export default function TeamPage() {",
        "  return (",
        "    <SettingsShell>",
        '      <div className="max-w-7xl mx-auto">',
        '        <h1 className="text-2xl font-bold text-gray-900 mb-4">Team</h1>',
        '        <p className="text-gray-600">This page is new: its content comes next.</p>',
        "      </div>",
        "    </SettingsShell>",
        "  );",
        "}",
      ].join("\n"),
    );

    const taken = await runToEnd(store.db, catalog, dir, "add-app-page", {
      app: "next",
      page: "Login",
      route: "/login",
    });
    expect(taken.run.status).toBe("rolled_back");
    expect(taken.run.error).toContain(
      "next-page: /login is already a page of apps/next: apps/next/app/(auth)/login/page.tsx.",
    );
  }, 120_000);

  it("adds a Pages Router page as pages/<route>.jsx in a JavaScript app, its component the default export", async () => {
    const dir = repo({
      "package.json": JSON.stringify({ name: "pages-app", private: true }),
      "apps/web/package.json": JSON.stringify({ name: "web", private: true }),
      "apps/web/next.config.js": "module.exports = {};\n",
      "apps/web/src/pages/index.jsx": "export default function Home() {\n  return null;\n}\n",
    });
    const page = await runToEnd(store.db, catalog, dir, "add-app-page", {
      app: "web",
      page: "Billing",
      route: "/billing",
    });
    expect(page.run.error).toBeUndefined();
    const text = show(dir, page.plan.branch, "apps/web/src/pages/billing.jsx");
    expect(text).toMatch(
      /^\/\/ \/billing: the New page page of web \(add-app-page\)\.\nexport default function BillingPage\(\) \{/,
    );
    expect(text).not.toContain("metadata");
  }, 120_000);
});
