// Just enough of a bash lexer to know, for each placeholder, which quoting it stands in. A wrong
// guess can only garble the value (a reference quoted twice), never run it: the value itself is
// never part of the script.
import { type Placeholder, placeholderAt } from "./placeholders.ts";
import { namesIn, scanArithmetic } from "./shell-arithmetic.ts";

export type ShellContext =
  | "unquoted"
  | "double"
  | "single"
  | "ansi"
  | "heredoc"
  | "quoted-heredoc"
  | "arithmetic"
  | "comment";

export interface ShellPlaceholder extends Placeholder {
  context: ShellContext;
  /** Bash evaluates the value as arithmetic here (beyond `$(( ))`): where, e.g. "a [[ -gt ]] operand". */
  arithmetic?: string;
}

type Frame =
  | { kind: "code"; close: ")" | "`" | null; depth: number }
  | { kind: "double" }
  | { kind: "single" }
  | { kind: "ansi" }
  | { kind: "arithmetic"; depth: number }
  | { kind: "heredoc"; delimiter: string; stripTabs: boolean };

interface PendingHeredoc {
  delimiter: string;
  stripTabs: boolean;
  quoted: boolean;
}

const WORD_BREAK = new Set([" ", "\t", "\n", ";", "&", "|", "(", ")", "<", ">"]);

export function scanShell(script: string): ShellPlaceholder[] {
  return markArithmetic(script, scanContexts(script).placeholders);
}

/** `scanShell` and `scanShellVariables` of one script in one pass of the lexer (validation needs both). */
export function scanShellAll(script: string): {
  placeholders: ShellPlaceholder[];
  variables: ShellVariable[];
} {
  const { placeholders, variables } = scanContexts(script);
  return { placeholders: markArithmetic(script, placeholders), variables };
}

/** A `${name}` (or `${name|filter}`) in a script: bash's own expansion, never a placeholder. */
export interface ShellVariable {
  name: string;
  /** Offsets of the whole `${...}`. */
  start: number;
  end: number;
  context: ShellContext;
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)((?:\|[a-z]+)*)\}/y;

/**
 * Every `${name}` written like a placeholder with a `$` before it, with the quoting it stands in (a
 * quoted heredoc's body and comments are not read). Validation uses it to catch `${name}` meant as `{name}`.
 */
export function scanShellVariables(script: string): ShellVariable[] {
  return scanContexts(script).variables;
}

/** Flags the placeholders bash would evaluate as arithmetic, directly or through a variable set from them. */
function markArithmetic(script: string, found: ShellPlaceholder[]): ShellPlaceholder[] {
  if (found.length === 0) return found;
  const { spans, assigned } = scanArithmetic(script);
  const inside = (offset: number, r: { start: number; end: number }) => offset >= r.start && offset < r.end;
  const used = new Map<string, string>();
  for (const span of spans) {
    for (const name of namesIn(script, span.start, span.end)) if (!used.has(name)) used.set(name, span.why);
  }
  return found.map((p) => {
    if (p.escaped || p.context === "arithmetic") return p;
    const direct = spans.find((s) => inside(p.start, s));
    if (direct) return { ...p, arithmetic: direct.why };
    for (const [name, ranges] of assigned) {
      const why = used.get(name);
      if (why && ranges.some((r) => inside(p.start, r)))
        return { ...p, arithmetic: `${why}, through $${name}` };
    }
    return p;
  });
}

function scanContexts(script: string): { placeholders: ShellPlaceholder[]; variables: ShellVariable[] } {
  const found: ShellPlaceholder[] = [];
  const variables: ShellVariable[] = [];
  const stack: Frame[] = [{ kind: "code", close: null, depth: 0 }];
  const pending: PendingHeredoc[] = [];
  let i = 0;

  const top = (): Frame => stack[stack.length - 1] as Frame;
  const record = (p: Placeholder, context: ShellContext) => {
    found.push({ ...p, context });
    i = p.end;
  };
  const lineEnd = (from: number) => {
    const n = script.indexOf("\n", from);
    return n === -1 ? script.length : n;
  };
  const isDelimiterLine = (start: number, delimiter: string, stripTabs: boolean) => {
    const line = script.slice(start, lineEnd(start));
    return (stripTabs ? line.replace(/^\t+/, "") : line) === delimiter;
  };
  // Called at the start of the line after the command that opened heredocs.
  const startNextHeredoc = () => {
    const next = pending.shift();
    if (!next) return;
    if (!next.quoted) {
      stack.push({ kind: "heredoc", delimiter: next.delimiter, stripTabs: next.stripTabs });
      return;
    }
    // A quoted heredoc expands nothing: skip its body, noting placeholders in it.
    while (i < script.length && !isDelimiterLine(i, next.delimiter, next.stripTabs)) {
      const end = lineEnd(i);
      for (let j = i; j < end; j++) {
        const p = placeholderAt(script, j);
        if (p) {
          found.push({ ...p, context: "quoted-heredoc" });
          j = p.end - 1;
        }
      }
      i = end + 1;
    }
    i = lineEnd(i) + 1;
    startNextHeredoc();
  };

  while (i < script.length) {
    const frame = top();
    const c = script[i] as string;

    if (frame.kind === "heredoc" && (i === 0 || script[i - 1] === "\n")) {
      if (isDelimiterLine(i, frame.delimiter, frame.stripTabs)) {
        stack.pop();
        i = lineEnd(i) + 1;
        startNextHeredoc();
        continue;
      }
    }

    if (c === "$" && script[i + 1] === "{") {
      VARIABLE.lastIndex = i;
      const m = VARIABLE.exec(script);
      if (m) variables.push({ name: m[1] ?? "", start: i, end: i + m[0].length, context: contextOf(frame) });
    }

    if (c === "{" || c === "\\") {
      const p = placeholderAt(script, i);
      if (p) {
        record(p, contextOf(frame));
        continue;
      }
    }

    switch (frame.kind) {
      case "single":
        if (c === "'") stack.pop();
        i++;
        continue;
      case "ansi":
        if (c === "\\") i += 2;
        else {
          if (c === "'") stack.pop();
          i++;
        }
        continue;
      case "double":
      case "heredoc":
        if (c === "\\") i += 2;
        else if (c === '"' && frame.kind === "double") {
          stack.pop();
          i++;
        } else i += openSubstitution(script, i, stack);
        continue;
      case "arithmetic":
        if (c === "(") frame.depth++;
        else if (c === ")" && frame.depth > 0) frame.depth--;
        else if (c === ")" && script[i + 1] === ")") {
          stack.pop();
          i += 2;
          continue;
        }
        i++;
        continue;
      case "code": {
        if (c === "\\") {
          i += 2;
          continue;
        }
        if (c === "'") {
          stack.push({ kind: "single" });
          i++;
          continue;
        }
        if (c === "$" && script[i + 1] === "'") {
          stack.push({ kind: "ansi" });
          i += 2;
          continue;
        }
        if (c === '"') {
          stack.push({ kind: "double" });
          i++;
          continue;
        }
        if (c === "#" && (i === 0 || WORD_BREAK.has(script[i - 1] as string))) {
          const end = lineEnd(i);
          for (let j = i; j < end; j++) {
            const p = placeholderAt(script, j);
            if (p) {
              found.push({ ...p, context: "comment" });
              j = p.end - 1;
            }
          }
          i = end;
          continue;
        }
        if (c === "(" && script[i + 1] === "(" && (i === 0 || WORD_BREAK.has(script[i - 1] as string))) {
          stack.push({ kind: "arithmetic", depth: 0 });
          i += 2;
          continue;
        }
        if (c === "(") frame.depth++;
        if (c === ")" && frame.close === ")") {
          if (frame.depth === 0) {
            stack.pop();
            i++;
            continue;
          }
          frame.depth--;
        } else if (c === ")" && frame.depth > 0) frame.depth--;
        if (c === "`" && frame.close === "`") {
          stack.pop();
          i++;
          continue;
        }
        if (c === "<" && script[i + 1] === "<") {
          // `<<<` is a here-string: its word is ordinary shell text, not a heredoc delimiter.
          if (script[i + 2] === "<") i += 3;
          else i = readHeredocOperator(script, i, pending);
          continue;
        }
        if (c === "\n" && pending.length > 0) {
          i++;
          startNextHeredoc();
          continue;
        }
        i += openSubstitution(script, i, stack);
      }
    }
  }
  return { placeholders: found, variables };
}

function contextOf(frame: Frame): ShellContext {
  switch (frame.kind) {
    case "code":
      return "unquoted";
    default:
      return frame.kind;
  }
}

/** `$((`, `$(` and backticks open a nested context; returns how many characters were consumed. */
function openSubstitution(script: string, i: number, stack: Frame[]): number {
  const c = script[i];
  if (c === "$" && script[i + 1] === "(" && script[i + 2] === "(") {
    stack.push({ kind: "arithmetic", depth: 0 });
    return 3;
  }
  if (c === "$" && script[i + 1] === "(") {
    stack.push({ kind: "code", close: ")", depth: 0 });
    return 2;
  }
  if (c === "`") {
    stack.push({ kind: "code", close: "`", depth: 0 });
    return 1;
  }
  // `${name}` is bash's own expansion, never a placeholder (as findPlaceholders reads it too).
  if (c === "$" && script[i + 1] === "{") return 2;
  return 1;
}

/** Reads `<<WORD`, `<<-WORD`, `<<'WORD'`, `<<"WORD"`, `<<\WORD`; returns the index after it. */
function readHeredocOperator(script: string, i: number, pending: PendingHeredoc[]): number {
  let j = i + 2;
  const stripTabs = script[j] === "-";
  if (stripTabs) j++;
  while (script[j] === " " || script[j] === "\t") j++;
  let delimiter = "";
  let quoted = false;
  while (j < script.length && !WORD_BREAK.has(script[j] as string)) {
    const c = script[j] as string;
    if (c === "'" || c === '"') {
      quoted = true;
      const close = script.indexOf(c, j + 1);
      const end = close === -1 ? script.length : close;
      delimiter += script.slice(j + 1, end);
      j = end + 1;
    } else if (c === "\\") {
      quoted = true;
      delimiter += script[j + 1] ?? "";
      j += 2;
    } else {
      delimiter += c;
      j++;
    }
  }
  if (delimiter) pending.push({ delimiter, stripTabs, quoted });
  return j;
}
