// `{name}` / `{name|snake|ident}` placeholders: finding them, checking them against what a document
// declares, and rendering them as text (file content, paths, cwd). Shell blocks go through shell.ts.
import { PathOutsideWorkspaceError, PlaceholderError } from "./errors.ts";
import { applyFilters, isFilterName } from "./filters.ts";
import { LAYOUT_PLACEHOLDERS } from "./layout.ts";
import { memoByText } from "./text-memo.ts";
import { BUILTINS, FILTERS, type ParameterValue } from "./types.ts";

/** Parameter values plus the built-ins (`timestamp`, `run_id`), already validated. */
export type PlaceholderValues = Readonly<Record<string, ParameterValue>>;

export interface Placeholder {
  /** Offsets in the scanned text, `\` included for an escaped one. */
  start: number;
  end: number;
  name: string;
  filters: string[];
  /** `\{name}`: a literal `{name}`, not substituted. */
  escaped: boolean;
}

// `${...}` is shell/JS interpolation and never a placeholder; `\{` makes a literal.
const PLACEHOLDER = /(\\)?(\$)?\{([a-z][a-z0-9_]*)((?:\|[a-z]+)*)\}/y;

/**
 * The placeholder starting exactly at `index`, if any. `${x}` is never one, from its `$` or from its
 * `{` (a shell lexer inside single quotes steps onto the `{`): returns undefined.
 */
export function placeholderAt(text: string, index: number): Placeholder | undefined {
  if (text[index] === "{" && text[index - 1] === "$") return undefined;
  PLACEHOLDER.lastIndex = index;
  const m = PLACEHOLDER.exec(text);
  if (!m || m[2]) return undefined;
  return {
    start: index,
    end: index + m[0].length,
    name: m[3] ?? "",
    filters: m[4] ? m[4].slice(1).split("|") : [],
    escaped: Boolean(m[1]),
  };
}

export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (let i = text.indexOf("{"); i !== -1; i = text.indexOf("{", i + 1)) {
    const start = i > 0 && (text[i - 1] === "\\" || text[i - 1] === "$") ? i - 1 : i;
    const p = placeholderAt(text, start);
    if (p) {
      found.push(p);
      i = p.end - 1;
    }
  }
  return found;
}

export interface PlaceholderIssue {
  offset: number;
  message: string;
  hint: string;
}

/** Unknown names and unknown filters in `text`; `known` holds parameter names (built-ins are added). */
export function checkPlaceholders(text: string, known: ReadonlySet<string>): PlaceholderIssue[] {
  const issues: PlaceholderIssue[] = [];
  for (const p of findPlaceholders(text)) {
    if (p.escaped) continue;
    const raw = text.slice(p.start, p.end);
    if (!known.has(p.name) && !(BUILTINS as readonly string[]).includes(p.name)) {
      issues.push({
        offset: p.start,
        message: `unknown placeholder ${raw}`,
        hint: unknownHint(p.name, known),
      });
    }
    let column = p.start + 1 + p.name.length;
    for (const filter of p.filters) {
      if (!isFilterName(filter)) {
        issues.push({
          offset: column + 1,
          message: `unknown filter "${filter}" in ${raw}`,
          hint: `expected one of ${FILTERS.join(", ")}`,
        });
      }
      column += filter.length + 1;
    }
  }
  return issues;
}

function unknownHint(name: string, known: ReadonlySet<string>): string {
  if (name.startsWith("layout_"))
    return `the layout placeholders are ${LAYOUT_PLACEHOLDERS.map((n) => `{${n}}`).join(", ")}`;
  const names = [...known, "timestamp", "run_id"].join(", ");
  return `declare a parameter \`${name}\` or use one of: ${names}; write \\{${name}} for a literal brace`;
}

/** The value of one placeholder with its filters applied. */
export function placeholderValue(
  p: Pick<Placeholder, "name" | "filters">,
  values: PlaceholderValues,
): string {
  const value = values[p.name];
  if (value === undefined) {
    throw new PlaceholderError(
      p.name,
      `no value for placeholder {${p.name}}; pass it as a parameter (${p.name}=...)`,
    );
  }
  return applyFilters(String(value), p.filters);
}

/** A text's placeholders, found once per text (never changed by their readers). */
const placeholdersOf: (text: string) => readonly Placeholder[] = memoByText(findPlaceholders);

/** Substitutes placeholders as text: for file content, paths and cwd. `\{x}` becomes `{x}`. */
export function renderText(template: string, values: PlaceholderValues): string {
  let out = "";
  let last = 0;
  for (const p of placeholdersOf(template)) {
    out += template.slice(last, p.start);
    out += p.escaped ? template.slice(p.start + 1, p.end) : placeholderValue(p, values);
    last = p.end;
  }
  return out + template.slice(last);
}

/** Renders a workspace-relative path and refuses one that is absolute or climbs out with `..`. */
export function renderPath(template: string, values: PlaceholderValues): string {
  const rendered = renderText(template, values);
  if (!isInsideWorkspace(rendered)) throw new PathOutsideWorkspaceError(rendered);
  return rendered;
}

export function isInsideWorkspace(path: string): boolean {
  if (path.includes("\0") || /^([/\\]|[A-Za-z]:)/.test(path)) return false;
  let depth = 0;
  for (const part of path.split(/[/\\]+/)) {
    if (part === "..") depth--;
    else if (part !== "." && part !== "") depth++;
    if (depth < 0) return false;
  }
  return true;
}
