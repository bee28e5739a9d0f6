// The names that vary, found in the text that becomes runnable, turned into declared parameters, and
// each occurrence rewritten as a placeholder with the filter that gives its case back. What counts as
// such a name is the finder's: for `scenario import` the names a reader of a recipe would replace
// (`your-service`, `YourService`, `{name}`, `[YOUR_PORT]`, `98XX`); for `/scenario learn` the spellings
// of the one name a pull request introduced (learn/varying-name.ts).
import { findPlaceholders, words } from "../../scenario/index.ts";

export type Form = "kebab" | "snake" | "upper" | "pascal" | "camel" | "plain";

export interface GuessedParameter {
  name: string;
  kind: "string" | "number";
  /** The case the value is written in: `kebab` or `snake` (strings). */
  base: "kebab" | "snake";
  /** The recipe's spellings, for the author. */
  spellings: string[];
  min?: number;
  max?: number;
  /** The example value the document shows; derived from the name when not given. */
  example?: string;
}

export interface NameMap {
  parameters: GuessedParameter[];
  /** Rewrites recipe text: reader names become placeholders, other `{x}` become literal `\{x}`. */
  rewrite(text: string, code: boolean): string;
}

/** Where a name that varies stands in a text, and how it is written there. */
export interface Occurrence {
  start: number;
  end: number;
  /** Parameter name, or `timestamp` for the built-in. */
  name: string;
  form: Form;
  spelling: string;
  /** `_` or `-` right beside it (`{prefix}_table`): how the value is joined to its neighbours. */
  near?: "snake" | "kebab";
  port?: { min: number; max: number };
}

// After any non-alphanumeric (`{prefix}_your_table` has `_` before `your`, which `\b` would refuse).
const YOUR = /(?<![A-Za-z0-9])(?:[Yy]our(?:[-_][A-Za-z0-9]+)+|[Yy]our[A-Z][A-Za-z0-9]*|YOUR(?:_[A-Z0-9]+)+)/g;
const BRACE = /(?<!\$)\{([A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*)\}/g;
const BRACKET = /\[([A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*)\](?![(:[])/g;
const PORT = /\b(\d{1,4})(X{1,3})\b/g;
const DATE_WORDS = new Set(["date", "timestamp"]);

/** The case a name is written in. */
export function formOf(token: string): Form {
  if (token.includes("-")) return "kebab";
  if (token.includes("_")) return token === token.toUpperCase() ? "upper" : "snake";
  if (/^[A-Z]/.test(token)) return token === token.toUpperCase() && token.length > 1 ? "upper" : "pascal";
  return /[A-Z]/.test(token) ? "camel" : "plain";
}

/** Words of a name without `your` in front and a trailing `name` (`your-proxy-name` -> proxy). */
function coreWords(token: string): string[] {
  let parts = words(token);
  if (parts[0] === "your") parts = parts.slice(1);
  if (parts.length > 1 && parts.at(-1) === "name") parts = parts.slice(0, -1);
  return parts;
}

/** A lowercase `{word}` in code is a reader's name only when glued to other text (`{name}.ts`, `use{Page}`), not JSX `{error}`. */
function gluedInCode(text: string, start: number, end: number, inner: string): boolean {
  if (/[A-Z_-]/.test(inner)) return true;
  const before = text[start - 1] ?? " ";
  const after = text[end] ?? " ";
  return /[A-Za-z0-9/._'"-]/.test(before) || /[A-Za-z0-9/._'"-]/.test(after);
}

/**
 * Finds the names that vary in one text, outermost first, none overlapping. `known`: the names the
 * first pass found everywhere (a finder may count a weak signal only when it names one of them).
 */
export type NameFinder = (text: string, code: boolean, known?: ReadonlySet<string>) => Occurrence[];

/** `known`: names found by the strong signals; a bare `[PORT]` counts only when it names one of them. */
export const readerNames: NameFinder = (text, code, known) => {
  const found: Occurrence[] = [];
  const add = (start: number, end: number, token: string, spelling: string) => {
    const core = coreWords(token);
    if (core.length === 0 || !/^[a-z]/.test(core[0] ?? "")) return;
    const name = DATE_WORDS.has(core.join("_")) ? "timestamp" : core.join("_");
    const beside = `${text[start - 1] ?? ""}${text[end] ?? ""}`;
    const near = beside.includes("_") ? "snake" : beside.includes("-") ? "kebab" : undefined;
    found.push({ start, end, name, form: formOf(token), spelling, ...(near ? { near } : {}) });
  };
  for (const m of text.matchAll(BRACE)) {
    const inner = m[1] as string;
    if (code && !gluedInCode(text, m.index, m.index + m[0].length, inner)) continue;
    add(m.index, m.index + m[0].length, inner, m[0]);
  }
  for (const m of text.matchAll(BRACKET)) {
    const inner = m[1] as string;
    const upper = inner === inner.toUpperCase() && /[A-Z]{2}/.test(inner);
    const reader = /your/i.test(inner) || (upper && known?.has(coreWords(inner).join("_")) === true);
    if (reader || DATE_WORDS.has(inner.toLowerCase())) add(m.index, m.index + m[0].length, inner, m[0]);
  }
  for (const m of text.matchAll(YOUR)) add(m.index, m.index + m[0].length, m[0], m[0]);
  for (const m of text.matchAll(PORT)) {
    const digits = m[1] as string;
    const width = (m[2] as string).length;
    const min = Number(digits) * 10 ** width;
    found.push({
      start: m.index,
      end: m.index + m[0].length,
      name: "port",
      form: "plain",
      spelling: m[0],
      port: { min, max: min + 10 ** width - 1 },
    });
  }
  // Outermost first: `[your-proxy-name]` wins over the `your-proxy-name` inside it.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Occurrence[] = [];
  for (const o of found) if (!kept.some((k) => o.start < k.end && o.end > k.start)) kept.push(o);
  return kept;
};

function isNumberName(name: string): boolean {
  return name === "port" || name.endsWith("_port");
}

/** Reads every text that will be runnable or checked, then answers how to rewrite each one. */
export function guessNames(
  texts: readonly { text: string; code: boolean }[],
  finder: NameFinder = readerNames,
  /**
   * The texts are files as they are (`learn`), not recipes: every `{x}` in them is literal text, one
   * naming a parameter too (dhg-mono's 9bf57bf6 documents JSX: `<h1>Hello, {name}!</h1>`).
   */
  literal = false,
): NameMap {
  // A placeholder right after `$` would read as `${...}` (shell or JavaScript interpolation), and
  // after `\` as a literal brace: a name written there stays as it is (dhg-mono's a4b787d5: `$proxy_name`).
  const writable: NameFinder = (text, code, known) =>
    finder(text, code, known).filter((o) => !/[$\\]/.test(text[o.start - 1] ?? ""));
  const byName = new Map<string, GuessedParameter>();
  const evidence = new Map<string, Set<string>>();
  const strong = new Set(texts.flatMap(({ text, code }) => writable(text, code).map((o) => o.name)));
  for (const { text, code } of texts) {
    for (const o of writable(text, code, strong)) {
      if (o.name === "timestamp" || o.name === "run_id") continue;
      const p = byName.get(o.name) ?? {
        name: o.name,
        kind: isNumberName(o.name) ? "number" : "string",
        base: "kebab",
        spellings: [],
      };
      if (!p.spellings.includes(o.spelling)) p.spellings.push(o.spelling);
      const seen = evidence.get(o.name) ?? new Set<string>();
      seen.add(
        o.form === "snake" || o.form === "upper" ? "snake" : o.form === "kebab" ? "kebab" : (o.near ?? ""),
      );
      evidence.set(o.name, seen);
      if (o.port) {
        p.min = Math.min(p.min ?? o.port.min, o.port.min);
        p.max = Math.max(p.max ?? o.port.max, o.port.max);
      }
      byName.set(o.name, p);
    }
  }
  // Snake when the recipe writes it snake and never kebab (`your_table_name`, `{prefix}_x`).
  for (const p of byName.values()) {
    const seen = evidence.get(p.name);
    if (p.kind === "string" && seen?.has("snake") && !seen.has("kebab")) p.base = "snake";
  }
  const parameters = [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));

  const placeholder = (o: Occurrence): string => {
    const p = byName.get(o.name);
    if (!p || p.kind === "number") return `{${o.name}}`;
    const filter: Record<Form, string | undefined> = {
      plain: undefined,
      kebab: p.base === "kebab" ? undefined : "kebab",
      snake: p.base === "snake" ? undefined : "snake",
      upper: "snake",
      pascal: "pascal",
      camel: "camel",
    };
    const f = filter[o.form];
    return f ? `{${o.name}|${f}}` : `{${o.name}}`;
  };

  return {
    parameters,
    rewrite(text, code) {
      let out = "";
      let last = 0;
      const known = new Set(literal ? [] : [...byName.keys(), "timestamp", "run_id"]);
      for (const o of writable(text, code, strong)) {
        out += escapeOthers(text.slice(last, o.start), known) + placeholder(o);
        last = o.end;
      }
      return out + escapeOthers(text.slice(last), known);
    },
  };
}

/** `{x}` that names no parameter stays literal text: `\{x}` (JSX, JSON, recipe prose). */
function escapeOthers(text: string, known: ReadonlySet<string>): string {
  let out = "";
  let last = 0;
  for (const p of findPlaceholders(text)) {
    if (p.escaped || known.has(p.name)) continue;
    out += `${text.slice(last, p.start)}\\`;
    last = p.start;
  }
  return out + text.slice(last);
}

/** True when `text` holds a name a reader would replace: a path holding one names a new file. */
export function hasReaderName(text: string): boolean {
  return readerNames(text, false).length > 0;
}
