// A repository's layout, read from the repository: what `.github/scenarios.yml` (`layout:`) sets,
// and for every key it leaves out, what the files show (the package manager's files, the workspace
// packages' scope, the shared services folder and its index's export style, a `supabase/` folder, the
// file of the apps that declares their `<Routes>`). Pure reads through a RepoSource, so a checkout
// and the API give the same answer.
import { DEFAULT_LAYOUT, type Layout } from "../../scenario/layout.ts";
import type { RepoSource } from "./source.ts";

/** Workspace package manifests read to find the scope; a larger workspace is judged on these. */
export const MAX_PACKAGES = 200;

/** `settings` over what `source` shows, over DEFAULT_LAYOUT. Only keys not set are detected. */
export async function resolveLayout(source: RepoSource, settings: Partial<Layout> = {}): Promise<Layout> {
  const rootManifest = parseJson(await source.readFile("package.json"));
  const services = settings.services ?? (await detectServices(source));
  const servicesIndex = settings.services_index ?? `${services}/index.ts`;
  // Looked for only when the config does not say.
  const known = settings.migrations ?? (await detectMigrations(source, rootManifest));
  const migrations = known ?? DEFAULT_LAYOUT.migrations;
  return {
    ...DEFAULT_LAYOUT,
    ...settings,
    package_manager: settings.package_manager ?? (await detectPackageManager(source, rootManifest)),
    scope: settings.scope ?? (await detectScope(source, rootManifest)),
    services,
    services_index: servicesIndex,
    export_style: settings.export_style ?? exportStyle(await source.readFile(servicesIndex)),
    migrations,
    users_table:
      settings.users_table ??
      ((await exists(source, "supabase")) || /(^|\/)supabase\/migrations$/.test(known ?? "")
        ? "auth.users"
        : DEFAULT_LAYOUT.users_table),
    routes: settings.routes ?? (await detectRoutes(source, settings.apps ?? DEFAULT_LAYOUT.apps)),
  };
}

/**
 * Where the Supabase migrations live: `supabase/migrations` at the root, else the first workspace
 * package that has one (`apps/next/supabase/migrations` in webscopeio/supabase-modules, where the
 * Next app owns the Supabase project); undefined when none has.
 */
export async function detectMigrations(
  source: RepoSource,
  rootManifest?: Record<string, unknown>,
): Promise<string | undefined> {
  if (await exists(source, DEFAULT_LAYOUT.migrations)) return DEFAULT_LAYOUT.migrations;
  const folders = (await workspaceFolders(source, rootManifest)).slice(0, MAX_PACKAGES);
  for (const folder of folders) {
    const candidate = `${folder}/supabase/migrations`;
    if (await exists(source, candidate)) return candidate;
  }
  return undefined;
}

/** Files of an app's `src/` that may declare its `<Routes>`, in the order they are tried. */
export const ROUTE_FILES = ["src/App.tsx", "src/App.jsx", "src/router.tsx", "src/routes.tsx", "src/main.tsx"];
/** Apps read to find where routes are declared. */
export const MAX_APPS = 20;

/**
 * The file that declares the apps' JSX `<Routes>` (what add-route edits), the most common one among
 * the first apps; `src/App.tsx` when none declares any.
 */
export async function detectRoutes(source: RepoSource, apps: string): Promise<string> {
  const counts = new Map<string, number>();
  for (const app of (await source.listFolders(apps)).slice(0, MAX_APPS)) {
    for (const file of ROUTE_FILES) {
      if (/<Routes[\s>]/.test((await source.readFile(`${apps}/${app}/${file}`)) ?? "")) {
        counts.set(file, (counts.get(file) ?? 0) + 1);
        break;
      }
    }
  }
  let best = DEFAULT_LAYOUT.routes;
  let most = 0;
  for (const [file, count] of counts) {
    if (count > most) [best, most] = [file, count];
  }
  return best;
}

export async function detectPackageManager(
  source: RepoSource,
  rootManifest?: Record<string, unknown>,
): Promise<Layout["package_manager"]> {
  // corepack's `packageManager: "pnpm@9.1.0"` is the repository's own word.
  const declared = String(rootManifest?.packageManager ?? "").split("@")[0];
  if (declared === "pnpm" || declared === "yarn" || declared === "npm") return declared;
  if ((await has(source, "pnpm-workspace.yaml")) || (await has(source, "pnpm-lock.yaml"))) return "pnpm";
  if (await has(source, "yarn.lock")) return "yarn";
  return "npm";
}

/** The most common `@scope` among the workspace packages' names ("" when none has one). */
export async function detectScope(
  source: RepoSource,
  rootManifest?: Record<string, unknown>,
): Promise<string> {
  const folders = (await workspaceFolders(source, rootManifest)).slice(0, MAX_PACKAGES);
  const counts = new Map<string, number>();
  for (const folder of folders) {
    const name = parseJson(await source.readFile(`${folder}/package.json`))?.name;
    const scope = typeof name === "string" ? /^(@[^/]+)\//.exec(name)?.[1] : undefined;
    if (scope) counts.set(scope, (counts.get(scope) ?? 0) + 1);
  }
  let best = "";
  let most = 0;
  for (const [scope, count] of counts) {
    if (count > most) [best, most] = [scope, count];
  }
  return best;
}

/** The workspace's package folders: pnpm-workspace.yaml's `packages`, else package.json `workspaces`, else `packages/*` and `apps/*`. */
export async function workspaceFolders(
  source: RepoSource,
  rootManifest?: Record<string, unknown>,
): Promise<string[]> {
  const globs = (await declaredWorkspaces(source, rootManifest)) ?? ["packages/*", "apps/*"];
  const folders: string[] = [];
  for (const raw of globs) {
    const glob = raw.replace(/^\.\//, "").replace(/\/+$/, "");
    if (glob.startsWith("!") || glob === "") continue;
    const star = /^(.*?)\/\*\*?$/.exec(glob);
    if (star?.[1] !== undefined && !star[1].includes("*")) {
      for (const name of await source.listFolders(star[1])) folders.push(`${star[1]}/${name}`);
    } else if (!glob.includes("*")) {
      folders.push(glob);
    }
  }
  return [...new Set(folders)];
}

async function declaredWorkspaces(
  source: RepoSource,
  rootManifest?: Record<string, unknown>,
): Promise<string[] | undefined> {
  const pnpm = await source.readFile("pnpm-workspace.yaml");
  if (pnpm !== undefined) {
    // The YAML parser is loaded only for a pnpm workspace.
    const { parse: parseYaml } = await import("yaml");
    try {
      const packages = (parseYaml(pnpm) as { packages?: unknown } | null)?.packages;
      if (Array.isArray(packages)) return packages.filter((p): p is string => typeof p === "string");
    } catch {
      // An unreadable workspace file: fall through to package.json.
    }
  }
  const ws = rootManifest?.workspaces as unknown;
  const list = Array.isArray(ws) ? ws : (ws as { packages?: unknown } | undefined)?.packages;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === "string") : undefined;
}

/** `packages/shared/services`, else the first `packages/<p>/services` or `packages/<p>/src/services`. */
export async function detectServices(source: RepoSource): Promise<string> {
  if (await exists(source, DEFAULT_LAYOUT.services)) return DEFAULT_LAYOUT.services;
  for (const name of await source.listFolders("packages")) {
    for (const candidate of [`packages/${name}/services`, `packages/${name}/src/services`]) {
      if (await exists(source, candidate)) return candidate;
    }
  }
  return DEFAULT_LAYOUT.services;
}

/** `star` when the index re-exports with `export * from`, else `named`. */
export function exportStyle(indexText: string | undefined): Layout["export_style"] {
  return indexText !== undefined && /^\s*export\s+\*\s+from\s/m.test(indexText) ? "star" : "named";
}

async function exists(source: RepoSource, dir: string): Promise<boolean> {
  const at = dir.lastIndexOf("/");
  return (await source.listFolders(at === -1 ? "" : dir.slice(0, at))).includes(dir.slice(at + 1));
}

async function has(source: RepoSource, file: string): Promise<boolean> {
  return (await source.readFile(file)) !== undefined;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
