// Adding a page's `<Route>` and its import to a React app's routes file (`src/App.tsx` with
// `<Routes>`, as Vite apps with react-router declare them), the way its maintainer would by hand:
// the import after the last import, in the file's quotes and semicolons; the route before the
// catch-all `path="*"` (else before `</Routes>`), wrapped like the route above it (a
// `<ProtectedRoute requireAdmin>` when that one has it). Pure text in, text out; idempotent.

import escapeRegExp from "escape-string-regexp";

export interface RouteRequest {
  /** `/server-status` */
  path: string;
  /** `ServerStatusPage` */
  component: string;
  /** `./pages/ServerStatusPage` */
  from: string;
  /** Do not copy the neighbour's wrapper (a public page such as a login form). */
  noWrap?: boolean;
}

export type RouteEdit =
  | { status: "changed"; text: string; wrapper?: string }
  | { status: "unchanged" }
  | { status: "refused"; reason: string };

interface RouteElement {
  start: number;
  end: number;
  path?: string;
  /** The opening tag of a wrapper around one child component: `ProtectedRoute requireAdmin`. */
  wrapper?: string;
}

/** Each `<Route ...>` of lines[from..to): its line span, path and wrapper. */
function routeElements(lines: string[], from: number, to: number): RouteElement[] {
  const found: RouteElement[] = [];
  for (let i = from; i < to; i++) {
    if (!/^\s*<Route\b/.test(lines[i] ?? "")) continue;
    let depth = 0;
    let end = i;
    let text = "";
    for (let j = i; j < to; j++) {
      const line = lines[j] ?? "";
      text += `${line}\n`;
      for (const ch of line) depth += ch === "{" ? 1 : ch === "}" ? -1 : 0;
      end = j;
      if (depth === 0 && /\/?>\s*$/.test(line)) break;
    }
    const path = /\bpath=(?:"([^"]*)"|'([^']*)'|\{\s*["'`]([^"'`]*)["'`]\s*\})/.exec(text);
    const wrapped = /\belement=\{\s*<([A-Z]\w*)([^>]*)>\s*<[A-Z][\w.]*\s*\/>\s*<\/\1>\s*\}/.exec(text);
    found.push({
      start: i,
      end,
      path: path ? (path[1] ?? path[2] ?? path[3]) : undefined,
      wrapper: wrapped ? `${wrapped[1]}${(wrapped[2] ?? "").replace(/\s+/g, " ").trimEnd()}` : undefined,
    });
    i = end;
  }
  return found;
}

/** The file's import style: its quote character and whether statements end with `;`. */
function importStyle(lines: string[]): { quote: string; semi: string; last: number } {
  let last = -1;
  let single = 0;
  let double = 0;
  let semis = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const from =
      /(?:^\s*import\s.*|^\s*}\s*)from\s+(['"])[^'"]+\1(;?)\s*$|^\s*import\s+(['"])[^'"]+\3(;?)\s*$/.exec(
        line,
      );
    if (from) {
      last = i;
      if ((from[1] ?? from[3]) === "'") single++;
      else double++;
      if ((from[2] ?? from[4]) === ";") semis++;
    } else if (/^\s*(export|function|const|let|class)\b/.test(line)) break;
  }
  const imports = single + double;
  return {
    quote: single >= double ? "'" : '"',
    semi: imports === 0 || semis * 2 >= imports ? ";" : "",
    last,
  };
}

export function addRoute(source: string, request: RouteRequest): RouteEdit {
  const lines = source.split("\n");
  const open = lines.findIndex((l) => /<Routes\b[^>]*>/.test(l));
  const close = lines.findIndex((l, i) => i > open && /<\/Routes>/.test(l));
  if (open === -1 || close === -1)
    return {
      status: "refused",
      reason:
        "no <Routes> ... </Routes> block: add-route edits a file that declares its routes as JSX <Route> elements",
    };
  const routes = routeElements(lines, open + 1, close);
  const style = importStyle(lines);
  const importPattern = new RegExp(
    `^\\s*import\\s*\\{[^}]*\\b${escapeRegExp(request.component)}\\b[^}]*\\}\\s*from\\s*['"]${escapeRegExp(request.from)}(\\.tsx?)?['"]`,
    "m",
  );
  const imported = importPattern.test(source);
  const taken = routes.find((r) => r.path === request.path);
  if (taken) {
    const mine = lines
      .slice(taken.start, taken.end + 1)
      .join("\n")
      .includes(`<${request.component}`);
    if (mine && imported) return { status: "unchanged" };
    return {
      status: "refused",
      reason: `path "${request.path}" is already routed (line ${taken.start + 1})${mine ? ` but ${request.component} is not imported from ${request.from}` : " to another element"}`,
    };
  }
  if (
    new RegExp(`\\b(import|const|function|class)\\s+${escapeRegExp(request.component)}\\b`).test(source) &&
    !imported
  )
    return {
      status: "refused",
      reason: `${request.component} is already declared or imported from elsewhere`,
    };

  const catchAll = routes.find((r) => r.path === "*");
  const at = catchAll ? catchAll.start : close;
  const indent = catchAll
    ? (/^\s*/.exec(lines[at] ?? "")?.[0] ?? "")
    : routes[0]
      ? (/^\s*/.exec(lines[routes[0].start] ?? "")?.[0] ?? "")
      : `${/^\s*/.exec(lines[close] ?? "")?.[0] ?? ""}  `;
  const neighbour = [...routes].reverse().find((r) => r.end < at && r.path !== "*");
  const wrapper = request.noWrap ? undefined : neighbour?.wrapper;
  const q = style.quote;
  const route = wrapper
    ? [
        `${indent}<Route`,
        `${indent}  path="${request.path}"`,
        `${indent}  element={`,
        `${indent}    <${wrapper}>`,
        `${indent}      <${request.component} />`,
        `${indent}    </${wrapper.split(" ")[0]}>`,
        `${indent}  }`,
        `${indent}/>`,
      ]
    : [`${indent}<Route path="${request.path}" element={<${request.component} />} />`];
  lines.splice(at, 0, ...route);
  if (!imported)
    lines.splice(
      style.last + 1,
      0,
      `import { ${request.component} } from ${q}${request.from}${q}${style.semi}`,
    );
  return { status: "changed", text: lines.join("\n"), wrapper };
}

/** The reverse of addRoute, for a scenario's rollback: the route to the component and its own import line go. */
export function removeRoute(source: string, request: RouteRequest): RouteEdit {
  const lines = source.split("\n");
  const open = lines.findIndex((l) => /<Routes\b[^>]*>/.test(l));
  const close = lines.findIndex((l, i) => i > open && /<\/Routes>/.test(l));
  const route =
    open === -1 || close === -1
      ? undefined
      : routeElements(lines, open + 1, close).find(
          (r) =>
            r.path === request.path &&
            lines
              .slice(r.start, r.end + 1)
              .join("\n")
              .includes(`<${request.component} />`),
        );
  const importLine = new RegExp(
    `^import \\{ ${escapeRegExp(request.component)} \\} from ['"]${escapeRegExp(request.from)}['"];?$`,
  );
  const at = lines.findIndex((l) => importLine.test(l));
  if (!route && at === -1) return { status: "unchanged" };
  if (route) lines.splice(route.start, route.end - route.start + 1);
  if (at !== -1) lines.splice(at, 1);
  return { status: "changed", text: lines.join("\n") };
}
