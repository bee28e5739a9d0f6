// A repository's layout and conventions (where services, pipelines, migrations, apps and components
// live, which file of an app declares its routes, the package scope and manager): what documents read as `{layout_<key>}` placeholders and steps
// as `SCENARIO_LAYOUT_<KEY>`. The keys live here so the parser knows them; the values come from
// `.github/scenarios.yml` (`layout:`) over what is detected in the repository (application/repository/layout.ts).

export const LAYOUT_KEYS = [
  "package_manager",
  "scope",
  "services",
  "services_index",
  "export_style",
  "pipelines",
  "migrations",
  "apps",
  "routes",
  "components",
  "users_table",
] as const;
export type LayoutKey = (typeof LAYOUT_KEYS)[number];

export const PACKAGE_MANAGERS = ["pnpm", "yarn", "npm"] as const;
export const EXPORT_STYLES = ["star", "named"] as const;

export interface Layout {
  package_manager: (typeof PACKAGE_MANAGERS)[number];
  /** `@dhg`, or "" when the workspace's packages have no scope. */
  scope: string;
  services: string;
  services_index: string;
  export_style: (typeof EXPORT_STYLES)[number];
  pipelines: string;
  migrations: string;
  apps: string;
  /** The file, inside an app's folder, that declares its `<Routes>`: `src/App.tsx` in dhg-mono's Vite apps. */
  routes: string;
  components: string;
  /** `schema.table` that user ids reference: `auth.users` in a Supabase repository. */
  users_table: string;
}

/** The layout of a repository where nothing is detected (also what a plan uses when given none). */
export const DEFAULT_LAYOUT: Readonly<Layout> = {
  package_manager: "npm",
  scope: "",
  services: "packages/shared/services",
  services_index: "packages/shared/services/index.ts",
  export_style: "named",
  pipelines: "scripts/cli-pipeline",
  migrations: "supabase/migrations",
  apps: "apps",
  routes: "src/App.tsx",
  components: "packages/shared/components",
  users_table: "public.users",
};

/** The placeholder names: `layout_services`, ... */
export const LAYOUT_PLACEHOLDERS = LAYOUT_KEYS.map((k) => `layout_${k}` as const);

const valuesOfLayout = new WeakMap<Readonly<Layout>, Readonly<Record<string, string>>>();

/** A layout as placeholder values (`{ layout_services: "packages/shared/services", ... }`): once per layout. */
export function layoutValues(layout: Readonly<Layout>): Readonly<Record<string, string>> {
  let values = valuesOfLayout.get(layout);
  if (!values) {
    values = Object.fromEntries(LAYOUT_KEYS.map((k) => [`layout_${k}`, layout[k]]));
    valuesOfLayout.set(layout, values);
  }
  return values;
}
