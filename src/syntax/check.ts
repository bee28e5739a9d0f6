// The syntax errors of TypeScript, JavaScript and JSON files, by their extension: what `scenario
// check-syntax` prints, and what `/scenario learn` asks of the files a pull request added. Syntax only
// (Babel's parser, pure JavaScript), so it needs nothing installed in the target repository, unlike its
// own `tsc`.
import path from "node:path";
import type { ParserOptions, ParserPlugin } from "@babel/parser";

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
}

const TS: ParserPlugin[] = ["typescript", "decorators-legacy"];
const JS: ParserPlugin[] = ["jsx", "decorators-legacy"];
const KINDS: Record<string, { plugins: ParserPlugin[]; sourceType: ParserOptions["sourceType"] } | "json"> = {
  ".ts": { plugins: TS, sourceType: "module" },
  ".mts": { plugins: TS, sourceType: "module" },
  ".cts": { plugins: TS, sourceType: "module" },
  ".tsx": { plugins: [...TS, "jsx"], sourceType: "module" },
  ".js": { plugins: JS, sourceType: "unambiguous" },
  ".jsx": { plugins: JS, sourceType: "unambiguous" },
  ".mjs": { plugins: JS, sourceType: "module" },
  ".cjs": { plugins: JS, sourceType: "script" },
  ".json": "json",
};

/** Babel's parser, loaded on first use so `scenario --help` does not pay for it. */
let parser: typeof import("@babel/parser") | undefined;
/** The loaded parser (after `await loadParser()`); find-export reads modules with it too. */
export function parserModule(): typeof import("@babel/parser") {
  if (!parser) throw new Error("check-syntax: the parser is not loaded (await loadParser() first)");
  return parser;
}

/** Loads Babel's parser once (a dynamic import, so bundles carry it as a chunk of their own). */
export async function loadParser(): Promise<void> {
  if (parser) return;
  const mod = await import("@babel/parser");
  // A bundle (esbuild) hands a CommonJS module over as `default`; Node also names its exports.
  parser = typeof mod.parse === "function" ? mod : (mod as unknown as { default: typeof mod }).default;
}

export const CHECKED_EXTENSIONS = Object.keys(KINDS);

/** Whether `syntaxErrors` parses a file of this name. */
export function syntaxChecked(file: string): boolean {
  return Object.hasOwn(KINDS, path.extname(file).toLowerCase());
}

/** The syntax errors of `text` read as `file` (by its extension); undefined for a kind not checked. */
export function syntaxErrors(file: string, text: string): SyntaxProblem[] | undefined {
  const kind = KINDS[path.extname(file).toLowerCase()];
  if (kind === undefined) return undefined;
  if (kind === "json") return jsonErrors(isJsonc(file) ? blankJsoncExtras(text) : text);
  try {
    const result = parserModule().parse(text, {
      ...kind,
      errorRecovery: true,
      allowReturnOutsideFunction: kind.sourceType === "script",
    });
    return (result.errors ?? []).map(babelError);
  } catch (error) {
    return [babelError(error as BabelError)];
  }
}

interface BabelError {
  message: string;
  loc?: { line: number; column: number };
}

function babelError(error: BabelError): SyntaxProblem {
  return {
    line: error.loc?.line ?? 1,
    column: (error.loc?.column ?? 0) + 1,
    message: error.message.replace(/ \(\d+:\d+\)$/, ""),
  };
}

/** tsconfig and VS Code settings are JSON with comments and trailing commas. */
function isJsonc(file: string): boolean {
  const name = path.basename(file).toLowerCase();
  return (
    /^(ts|js)config.*\.json$/.test(name) || path.basename(path.dirname(path.resolve(file))) === ".vscode"
  );
}

function jsonErrors(text: string): SyntaxProblem[] {
  try {
    JSON.parse(text);
    return [];
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.length;
    const before = text.slice(0, offset).split("\n");
    return [
      {
        line: before.length,
        column: (before[before.length - 1]?.length ?? 0) + 1,
        message: message.replace(/ in JSON at position \d+.*$/, "").replace(/^JSON\.parse: /, ""),
      },
    ];
  }
}

/** Comments and trailing commas become spaces (outside strings), so positions stay those of the file. */
export function blankJsoncExtras(text: string): string {
  const out = text.split("");
  let i = 0;
  let lastComma = -1;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      lastComma = -1;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      i++;
    } else if (c === "/" && text[i + 1] === "/") {
      for (; i < text.length && text[i] !== "\n"; i++) out[i] = " ";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      for (; i < stop; i++) if (text[i] !== "\n") out[i] = " ";
    } else {
      if ((c === "}" || c === "]") && lastComma !== -1) out[lastComma] = " ";
      if (c === ",") lastComma = i;
      else if (!/\s/.test(c as string)) lastComma = -1;
      i++;
    }
  }
  return out.join("");
}
