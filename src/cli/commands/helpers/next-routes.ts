// Where a Next.js app keeps its pages and which of its files answers a URL path, as Next.js reads its
// folders: the App Router (`app/<path>/page.tsx`, `route.ts` for a handler) and the Pages Router
// (`pages/<path>.tsx`, `pages/<path>/index.tsx`), at the app's root or under `src/` (ignored by
// Next.js when the root has either). Route groups `(name)` and parallel slots `@name` are not part of
// the path; `_private` folders and files, and intercepting routes `(.)name`, answer none of their own.
import { type Dirent, readdirSync, statSync } from "node:fs";
import path from "node:path";

export type RouterKind = "app" | "pages";

export interface NextRouter {
  /** Where a new page goes. */
  kind: RouterKind;
  /** The folder of that router, relative to the app. */
  dir: string;
  /** Every router folder whose files answer paths (both, in an app that has both). */
  dirs: { kind: RouterKind; dir: string }[];
}

/** The app's routers, from which of its folders exist (`has("src/app")`). A new page goes in `app/`. */
export function nextRouter(has: (dir: string) => boolean): NextRouter {
  const base = !has("app") && !has("pages") && (has("src/app") || has("src/pages")) ? "src/" : "";
  const dirs = (["app", "pages"] as const)
    .filter((kind) => has(`${base}${kind}`))
    .map((kind) => ({ kind, dir: `${base}${kind}` }));
  const first = dirs[0] ?? { kind: "app" as const, dir: `${base}app` };
  return { ...first, dirs };
}

const APP_FILE = /^(?:page\.(?:tsx|ts|jsx|js|mdx|md)|route\.(?:ts|js))$/;
const PAGES_FILE = /^(.+)\.(?:tsx|ts|jsx|js|mdx)$/;

/** The path an App Router file answers (`(shop)/cart/page.tsx` -> `/cart`), if it answers one. */
export function appRoute(relative: string): string | undefined {
  const parts = relative.split("/");
  const file = parts.pop() ?? "";
  if (!APP_FILE.test(file)) return undefined;
  const segments: string[] = [];
  for (const part of parts) {
    if (part.startsWith("_") || /^\(\.{1,3}\)/.test(part)) return undefined;
    if (part.startsWith("@") || (part.startsWith("(") && part.endsWith(")"))) continue;
    segments.push(part);
  }
  return `/${segments.join("/")}`;
}

/** The path a Pages Router file answers (`blog/index.tsx` -> `/blog`), if it answers one. */
export function pagesRoute(relative: string): string | undefined {
  const stem = PAGES_FILE.exec(relative)?.[1];
  if (stem === undefined) return undefined;
  const parts = stem.split("/");
  if (parts.some((part) => part.startsWith("_"))) return undefined;
  if (parts.at(-1) === "index") parts.pop();
  return `/${parts.join("/")}`;
}

/**
 * The file, relative to the app, that makes `route` a page of a router of this kind: TypeScript
 * (`.tsx`) in an app with a tsconfig.json, else JavaScript (`.jsx`: a `.tsx` would make Next.js ask
 * for TypeScript).
 */
export function pageFile(
  router: { kind: RouterKind; dir: string },
  route: string,
  typescript = true,
): string {
  const ext = typescript ? "tsx" : "jsx";
  return router.kind === "app" ? `${router.dir}${route}/page.${ext}` : `${router.dir}${route}.${ext}`;
}

/** A plain path of static segments: what a new page can answer (no `[param]`, no group). */
export const STATIC_ROUTE = /^(?:\/[A-Za-z0-9][A-Za-z0-9._~-]*)+$/;

/** Entries read under the router folders at most: page folders are small; a stray tree is not read whole. */
const MAX_ENTRIES = 50_000;

export function isFolder(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/**
 * The file, relative to the app in `root`, that answers `route` in one of its router folders, if any
 * (folders named with a dot and node_modules are not read). An Error when there are too many entries.
 */
export function answering(root: string, dirs: NextRouter["dirs"], route: string): string | undefined | Error {
  let read = 0;
  for (const { kind, dir } of dirs) {
    const routeOf = kind === "app" ? appRoute : pagesRoute;
    const pending = [""];
    for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
      let entries: Dirent[];
      try {
        entries = readdirSync(path.join(root, dir, folder), { withFileTypes: true });
      } catch {
        continue;
      }
      read += entries.length;
      if (read > MAX_ENTRIES) return new Error(`more than ${MAX_ENTRIES} entries under ${dir}; not read`);
      for (const entry of entries) {
        if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
        const relative = folder ? `${folder}/${entry.name}` : entry.name;
        if (entry.isDirectory()) pending.push(relative);
        else if (routeOf(relative) === route) return `${dir}/${relative}`;
      }
    }
  }
  return undefined;
}
