// Trigger `files` globs run over the paths a pull request changes, which anyone opening one chooses.
// A backtracking matcher (node's path.matchesGlob, and picomatch/micromatch, which compile to JS RegExp)
// takes exponential time on globs like `*a*a*a*a*a*b` against a long name: `*a*a*a*a*a*b` did not
// finish in 2 minutes on a 200-character name. Here a glob is compiled to RE2 (re2js), which matches in
// time linear in the path, with minimatch's meaning for what triggers use:
//   `*` any characters but `/`; `?` one of them; `[abc]`, `[a-z]`, `[!a]` a class; `**` as a whole segment
//   any number of directories; `{a,b}` alternatives (nested, at most MAX_ALTERNATIVES); `\x` a literal x;
//   a segment starting with a wildcard never matches a name starting with `.` (write the `.` to match one).
import { linearRegex } from "./linear-regex.ts";

/** Brace alternatives a glob may expand to. */
export const MAX_ALTERNATIVES = 256;

export class GlobError extends Error {
  override readonly name = "GlobError";
}

/** The glob's alternatives once `{a,b}` groups are expanded; throws GlobError past MAX_ALTERNATIVES. */
export function expandBraces(glob: string): string[] {
  const open = findBraceGroup(glob);
  if (!open) return [glob];
  const { start, end, options } = open;
  const out: string[] = [];
  for (const option of options) {
    for (const expanded of expandBraces(`${glob.slice(0, start)}${option}${glob.slice(end + 1)}`)) {
      out.push(expanded);
      if (out.length > MAX_ALTERNATIVES) {
        throw new GlobError(`the glob expands to more than ${MAX_ALTERNATIVES} alternatives`);
      }
    }
  }
  return out;
}

/** The first `{...}` group holding a top-level comma, with its options (nested groups kept whole). */
function findBraceGroup(glob: string): { start: number; end: number; options: string[] } | undefined {
  for (let start = 0; start < glob.length; start++) {
    if (glob[start] === "\\") {
      start++;
      continue;
    }
    if (glob[start] !== "{") continue;
    let depth = 0;
    const cuts: number[] = [];
    for (let i = start; i < glob.length; i++) {
      const c = glob[i];
      if (c === "\\") i++;
      else if (c === "{") depth++;
      else if (c === "}" && --depth === 0) {
        if (cuts.length === 0) break; // `{a}` is literal
        const bounds = [start, ...cuts, i];
        const options = bounds.slice(0, -1).map((b, k) => glob.slice(b + 1, bounds[k + 1]));
        return { start, end: i, options };
      } else if (c === "," && depth === 1) cuts.push(i);
    }
  }
  return undefined;
}

type Token =
  | { kind: "star" }
  | { kind: "any" }
  | { kind: "class"; body: string; negated: boolean }
  | { kind: "literal"; char: string };

function tokenize(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === "\\" && i + 1 < segment.length) tokens.push({ kind: "literal", char: segment[++i] as string });
    else if (c === "*") {
      if (tokens.at(-1)?.kind !== "star") tokens.push({ kind: "star" });
    } else if (c === "?") tokens.push({ kind: "any" });
    else if (c === "[") {
      const cls = readClass(segment, i);
      if (cls) {
        tokens.push(cls.token);
        i = cls.end;
      } else tokens.push({ kind: "literal", char: c });
    } else tokens.push({ kind: "literal", char: c });
  }
  return tokens;
}

/** `[...]` at `i`: its RE2 class body, or undefined when it never closes (then `[` is a literal). */
function readClass(segment: string, i: number): { token: Token; end: number } | undefined {
  let j = i + 1;
  const negated = segment[j] === "!" || segment[j] === "^";
  if (negated) j++;
  let body = "";
  for (let first = true; j < segment.length; j++, first = false) {
    const c = segment[j] as string;
    if (c === "]" && !first) return { token: { kind: "class", body, negated }, end: j };
    if (c === "\\" && j + 1 < segment.length) body += escapeClassChar(segment[++j] as string);
    else body += c === "-" ? "-" : escapeClassChar(c);
  }
  return undefined;
}

function escapeClassChar(c: string): string {
  return /[\]\\^[-]/.test(c) ? `\\${c}` : c;
}

function escapeLiteral(c: string): string {
  return /[.*+?^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
}

function plain(tokens: readonly Token[]): string {
  return tokens.map(plainToken).join("");
}

function plainToken(t: Token): string {
  switch (t.kind) {
    case "star":
      return "[^/]*";
    case "any":
      return "[^/]";
    case "class":
      return t.negated ? `[^${t.body}/]` : `[${t.body}]`;
    case "literal":
      return escapeLiteral(t.char);
  }
}

/**
 * A segment whose first character may be a `.` only where the glob writes one first (`writtenDot`):
 * after a leading `*` that matched nothing, the segment has not started with a written dot.
 */
function guarded(tokens: readonly Token[], writtenDot = true): string | undefined {
  const [first, ...rest] = tokens;
  if (!first) return "";
  switch (first.kind) {
    case "literal":
      return first.char === "." && !writtenDot ? undefined : plain(tokens);
    case "any":
      return `[^./]${plain(rest)}`;
    case "class":
      // A negated class never takes the dot; a class that lists `.` writes it, like a literal.
      return `${first.negated ? `[^${first.body}./]` : `[${first.body}]`}${plain(rest)}`;
    case "star": {
      // A first character that is not a dot, or nothing (stars are collapsed: the rest starts otherwise).
      const empty = guarded(rest, false);
      return `(?:[^./][^/]*${plain(rest)}${empty === undefined ? "" : `|${empty}`})`;
    }
  }
}

/** RE2 source for one brace-free glob, anchored by the caller. */
function globSource(glob: string): string {
  const segments = glob.split("/");
  let out = "";
  let needSlash = false;
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (segment === "**") {
      out += needSlash ? "/" : "";
      out += last ? "[^./][^/]*(?:/[^./][^/]*)*" : "(?:[^./][^/]*/)*";
      needSlash = false;
      continue;
    }
    const source = guarded(tokenize(segment));
    if (source === undefined) throw new GlobError(`cannot read the segment "${segment}"`);
    out += (needSlash ? "/" : "") + source;
    needSlash = true;
  }
  return out;
}

const compiled = new Map<string, (path: string) => boolean>();

/** Compiles a trigger glob; throws GlobError saying why it cannot be used. */
export function linearGlob(glob: string): (path: string) => boolean {
  let match = compiled.get(glob);
  if (!match) {
    const source = expandBraces(glob).map(globSource).join("|");
    let regex: ReturnType<typeof linearRegex>;
    try {
      regex = linearRegex(`(?:${source})`);
    } catch (error) {
      throw new GlobError(`cannot read the glob: ${(error as Error).message}`);
    }
    match = (path) => regex.matchesWhole(path);
    if (compiled.size >= 1000) compiled.delete(compiled.keys().next().value as string);
    compiled.set(glob, match);
  }
  return match;
}

/** Why `glob` cannot be used as a trigger, or undefined when it can. */
export function globProblem(glob: string): string | undefined {
  try {
    linearGlob(glob);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
