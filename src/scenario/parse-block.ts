// Fenced code blocks: ```lang key=value flag ...
import type { Code } from "mdast";
import type { ParseContext } from "./parse-context.ts";
import type { Block } from "./types.ts";

const SHELL_LANGS = new Set(["bash", "sh", "shell"]);
const KNOWN_META =
  "file=<path>, cwd=<dir>, timeout=<N>s|<N>m, check, append, no-final-newline, established-by=<scenario id>";

/** `90s`, `2m`, `500ms` in milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+)(ms|s|m)$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === "ms" ? n : m[2] === "s" ? n * 1000 : n * 60_000;
}

function metaTokens(meta: string): string[] {
  return [...meta.matchAll(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g)].map((m) => m[0]);
}

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, "$2");
}

/** Where a block stands: only a pre-condition's check may say which dependency establishes it. */
export interface BlockPlace {
  preCondition?: boolean;
}

export function parseBlock(node: Code, ctx: ParseContext, place: BlockPlace = {}): Block {
  const { src, problems } = ctx;
  const position = src.of(node);
  const lang = (node.lang ?? "").toLowerCase();
  const block: Block = { lang, kind: "other", append: false, check: false, content: node.value, position };
  const unknown: string[] = [];
  for (const token of metaTokens(node.meta ?? "")) {
    const eq = token.indexOf("=");
    const key = eq === -1 ? token : token.slice(0, eq);
    const value = eq === -1 ? undefined : unquote(token.slice(eq + 1));
    if (key === "check" && value === undefined) block.check = true;
    else if (key === "append" && value === undefined) block.append = true;
    else if (key === "no-final-newline" && value === undefined) block.noFinalNewline = true;
    else if (key === "file" && value) block.path = value;
    else if (key === "cwd" && value) block.cwd = value;
    else if (key === "established-by" && value) {
      if (place.preCondition) block.establishedBy = value;
      else
        problems.add(
          position,
          "`established-by` belongs on a pre-condition's check block only",
          "remove it here; in ## Pre-Conditions write ```bash check established-by=<required dependency>",
        );
    } else if (key === "timeout" && value) {
      const ms = parseDuration(value);
      if (ms === undefined)
        problems.add(position, `bad timeout "${value}" on a code block`, "write timeout=90s or timeout=2m");
      else block.timeoutMs = ms;
    } else unknown.push(token);
  }
  block.kind = block.path !== undefined ? "file" : SHELL_LANGS.has(lang) ? "shell" : "other";
  // Documentation blocks may carry any meta (titles, highlighting); runnable ones may not.
  if (block.kind !== "other" || block.check) {
    for (const token of unknown) {
      problems.add(position, `unknown code block option "${token}"`, `known options: ${KNOWN_META}`);
    }
    if (block.check && block.kind !== "shell") {
      problems.add(
        position,
        `a check block must be a shell block (bash, sh, shell), got "${lang || "no language"}"`,
        "write ```bash check",
      );
    }
  }
  if (block.establishedBy !== undefined && !block.check) {
    problems.add(
      position,
      "`established-by` needs a check block: it says which dependency makes that check hold",
      "write ```bash check established-by=<required dependency>",
    );
  }
  if (block.append && block.kind !== "file") {
    problems.add(position, "`append` needs file=<path>", "write ```lang file=path/to/file append");
  }
  if (block.noFinalNewline && block.kind !== "file") {
    problems.add(
      position,
      "`no-final-newline` needs file=<path>",
      "write ```lang file=path/to/file no-final-newline",
    );
  }
  if (block.kind !== "other") ctx.blocks.push(block);
  return block;
}
