import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { apiSource, type ContentsOctokit } from "../../../src/application/repository/api-source.ts";
import { checkoutSource, readRepoConfig, resolveLayout } from "../../../src/application/repository/index.ts";
import { DEFAULT_LAYOUT } from "../../../src/scenario/layout.ts";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "layout-"));
  made.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const pkg = (name: string) => JSON.stringify({ name });

/** dhg-mono's shape: pnpm workspace, @dhg packages, `export *` services index, supabase/. */
const DHG_LIKE = {
  "package.json": JSON.stringify({ name: "dhg-monorepo", private: true }),
  "pnpm-workspace.yaml": "packages:\n  - 'apps/*'\n  - 'packages/*'\n  - 'html'\n",
  "apps/dhg-admin-code/package.json": pkg("dhg-admin-code"),
  "apps/dhg-hub/package.json": pkg("@dhg/hub"),
  "packages/shared/package.json": pkg("@dhg/shared"),
  "packages/cli/package.json": pkg("@dhg/cli"),
  "packages/tools/package.json": pkg("@other/tools"),
  "html/package.json": pkg("html"),
  "packages/shared/services/index.ts":
    "export * from './formatter-service';\nexport * from './claude-service'",
  "packages/shared/services/formatter-service/index.ts": "export {};\n",
  "supabase/migrations/20250101000000_x.sql": "select 1;\n",
};

describe("resolveLayout", () => {
  it("reads dhg-mono's conventions from its files", async () => {
    expect(await resolveLayout(checkoutSource(repo(DHG_LIKE)))).toEqual({
      ...DEFAULT_LAYOUT,
      package_manager: "pnpm",
      scope: "@dhg",
      export_style: "star",
      users_table: "auth.users",
    });
  });

  it("gives the defaults for a repository with none of it", async () => {
    expect(await resolveLayout(checkoutSource(repo({ "README.md": "hi\n" })))).toEqual(DEFAULT_LAYOUT);
  });

  it("reads npm workspaces, yarn.lock, packageManager, named exports and another services folder", async () => {
    const npm = repo({
      "package.json": JSON.stringify({ name: "root", workspaces: { packages: ["libs/*", "!libs/old"] } }),
      "libs/a/package.json": pkg("@acme/a"),
      "libs/b/package.json": pkg("@acme/b"),
      "packages/core/src/services/index.ts": "export { a } from './a';\n",
    });
    expect(await resolveLayout(checkoutSource(npm))).toMatchObject({
      package_manager: "npm",
      scope: "@acme",
      services: "packages/core/src/services",
      services_index: "packages/core/src/services/index.ts",
      export_style: "named",
      users_table: "public.users",
    });
    writeFileSync(path.join(npm, "yarn.lock"), "");
    expect((await resolveLayout(checkoutSource(npm))).package_manager).toBe("yarn");
    writeFileSync(path.join(npm, "package.json"), JSON.stringify({ packageManager: "pnpm@9.1.0" }));
    expect((await resolveLayout(checkoutSource(npm))).package_manager).toBe("pnpm");
  });

  it("keeps what the settings say and detects the rest from them (the index of the configured services)", async () => {
    const root = repo({ ...DHG_LIKE, "libs/svc/index.ts": "export { x } from './x';\n" });
    const layout = await resolveLayout(checkoutSource(root), {
      services: "libs/svc",
      scope: "",
      users_table: "public.people",
    });
    expect(layout).toMatchObject({
      services: "libs/svc",
      services_index: "libs/svc/index.ts",
      export_style: "named",
      scope: "",
      users_table: "public.people",
      package_manager: "pnpm",
    });
  });

  it("finds the file that declares the apps' <Routes>, the most common one, under the configured apps", async () => {
    const routes =
      'export const App = () => (\n  <Routes>\n    <Route path="/" element={<Home />} />\n  </Routes>\n);\n';
    const root = repo({
      ...DHG_LIKE,
      "apps/a/src/App.tsx": "export const App = () => <Layout />;\n",
      "apps/a/src/router.tsx": routes,
      "apps/b/src/router.tsx": routes,
      "apps/c/src/App.tsx": routes,
      "web/x/src/main.tsx": routes,
    });
    expect((await resolveLayout(checkoutSource(root))).routes).toBe("src/router.tsx");
    expect((await resolveLayout(checkoutSource(root), { apps: "web" })).routes).toBe("src/main.tsx");
    expect((await resolveLayout(checkoutSource(root), { routes: "src/AppRoutes.tsx" })).routes).toBe(
      "src/AppRoutes.tsx",
    );
    // No app declares any: the default.
    expect((await resolveLayout(checkoutSource(repo(DHG_LIKE)))).routes).toBe("src/App.tsx");
  });

  it("finds migrations a workspace app owns (supabase-modules' apps/next/supabase/migrations), and auth.users with them", async () => {
    // webscopeio/supabase-modules: pnpm `apps/**`, the Supabase project inside the Next app.
    const modules = repo({
      "package.json": JSON.stringify({ name: "@supabase-modules/workspace", packageManager: "pnpm@8.15.1" }),
      "pnpm-workspace.yaml": 'packages:\n  - "docs"\n  - "apps/**"\n',
      "docs/package.json": pkg("docs"),
      "apps/next/package.json": pkg("next"),
      "apps/next/supabase/config.toml": 'project_id = "next"\n',
      "apps/next/supabase/migrations/20240507084838_profiles.sql": 'create table "public"."profiles" ();\n',
    });
    expect(await resolveLayout(checkoutSource(modules))).toMatchObject({
      package_manager: "pnpm",
      migrations: "apps/next/supabase/migrations",
      users_table: "auth.users",
    });
    // psteinroe/supasample: supabase/ is itself a workspace package; the root folder wins.
    const sample = repo({
      "package.json": JSON.stringify({ name: "supasample", workspaces: ["apps/*", "packages/*"] }),
      "pnpm-workspace.yaml": 'packages:\n  - "apps/*"\n  - "supabase"\n  - "packages/*"\n',
      "supabase/package.json": pkg("supabase"),
      "supabase/migrations/20221113144425_initial.sql":
        "create table if not exists guestbook_entry\n(id uuid);\n",
    });
    expect(await resolveLayout(checkoutSource(sample))).toMatchObject({
      migrations: "supabase/migrations",
      users_table: "auth.users",
    });
    expect(await resolveLayout(checkoutSource(modules), { migrations: "db/migrations" })).toMatchObject({
      migrations: "db/migrations",
      users_table: "public.users",
    });
  });

  it("reads the same through the API as from the checkout", async () => {
    const files: Record<string, string> = DHG_LIKE;
    const octokit: ContentsOctokit = {
      async request(route, params) {
        if (route.includes("/git/trees/"))
          return { data: { tree: Object.keys(files).map((p) => ({ type: "blob", path: p })) } };
        const text = files[params.path as string];
        if (text === undefined) throw Object.assign(new Error("Not Found"), { status: 404 });
        return { data: { type: "file", content: Buffer.from(text).toString("base64") } };
      },
    };
    const viaApi = await resolveLayout(apiSource(octokit, { owner: "o", repo: "r" }, "abc"));
    expect(viaApi).toEqual(await resolveLayout(checkoutSource(repo(DHG_LIKE))));
  });

  it("is what readRepoConfig plans with, under the file's settings", async () => {
    const root = repo({ ...DHG_LIKE, ".github/scenarios.yml": "layout:\n  pipelines: tools/pipelines\n" });
    const config = await readRepoConfig(checkoutSource(root));
    expect(config.layout).toMatchObject({
      pipelines: "tools/pipelines",
      scope: "@dhg",
      export_style: "star",
    });
    const settingsOnly = await readRepoConfig(checkoutSource(root), undefined, { detectLayout: false });
    expect(settingsOnly.layout).toEqual({ ...DEFAULT_LAYOUT, pipelines: "tools/pipelines" });
  });

  it.skipIf(!existsSync("/work/dhg-mono/pnpm-workspace.yaml"))("reads the real dhg-mono", async () => {
    expect(await resolveLayout(checkoutSource("/work/dhg-mono"))).toEqual({
      ...DEFAULT_LAYOUT,
      package_manager: "pnpm",
      scope: "@dhg",
      export_style: "star",
      users_table: "auth.users",
    });
  });
});
