// Placeholder checks over a parsed document: unknown names and filters wherever a placeholder may
// stand, and shell placeholders standing where they cannot expand safely.
import type { ParseContext } from "./parse-context.ts";
import type { ParameterDraft } from "./parse-parameters.ts";
import { checkPlaceholders } from "./placeholders.ts";
import { envVarName, SHELL_CONTEXT_HINTS, shellContextProblem } from "./shell.ts";
import { type ShellVariable, scanShellAll } from "./shell-lexer.ts";
import { type Block, BUILTINS, type SourcePosition } from "./types.ts";

export function checkDocumentPlaceholders(parameters: ParameterDraft[], ctx: ParseContext): void {
  const { src, problems } = ctx;
  const known = new Set(parameters.map((p) => p.name));
  const numbers = new Set([...parameters.filter((p) => p.type === "number").map((p) => p.name), "timestamp"]);

  for (const { text, offset } of ctx.texts) {
    for (const issue of checkPlaceholders(text, known))
      problems.add(src.at(offset + issue.offset), issue.message, issue.hint);
  }
  for (const block of ctx.blocks) {
    const at = contentPositions(block);
    for (const issue of checkPlaceholders(block.content, known))
      problems.add(at(issue.offset), issue.message, issue.hint);
    for (const key of ["path", "cwd"] as const) {
      const value = block[key];
      if (value === undefined) continue;
      const fence = src.line(block.position.line);
      const column = fence.indexOf(`${key === "path" ? "file" : "cwd"}=`) + (key === "path" ? 5 : 4) + 1;
      for (const issue of checkPlaceholders(value, known)) {
        problems.add(
          { ...block.position, column: column + issue.offset + (fence.includes(`="${value}`) ? 1 : 0) },
          issue.message,
          issue.hint,
        );
      }
    }
    if (block.kind !== "shell") continue;
    const { placeholders, variables } = scanShellAll(block.content);
    for (const p of placeholders) {
      if (p.escaped) continue;
      const problem = shellContextProblem(p, numbers.has(p.name) && p.filters.length === 0);
      if (problem)
        problems.add(at(p.start), problem, SHELL_CONTEXT_HINTS[p.arithmetic ? "arithmetic" : p.context]);
    }
    for (const v of variables) {
      const meant = meantAsPlaceholder(v, block.content, known);
      if (meant) problems.add(at(v.start), meant.message, meant.hint);
    }
  }
}

/**
 * `${name}` where `name` is a parameter (or a built-in) the script never sets: written as a placeholder
 * with a `$`, it is bash's own variable instead. In single quotes the command gets the text `${name}`;
 * elsewhere bash fails on an unset variable. Either way the value never arrives, and nothing says so
 * before the run.
 */
function meantAsPlaceholder(
  v: ShellVariable,
  script: string,
  known: ReadonlySet<string>,
): { message: string; hint: string } | undefined {
  if (!known.has(v.name) && !(BUILTINS as readonly string[]).includes(v.name)) return undefined;
  if (setsVariable(script, v.name)) return undefined;
  const written = script.slice(v.start, v.end);
  const placeholder = written.slice(1);
  const quoted = v.context === "single" || v.context === "ansi";
  const filtered = placeholder.includes("|");
  const what = quoted
    ? `inside single quotes bash passes it on as the text ${written}`
    : filtered
      ? "bash fails on it (bad substitution)"
      : `bash expands its own variable ${v.name}, which this script never sets (the step fails: ${v.name}: unbound variable)`;
  const where = quoted ? ", closing the single quotes around it" : "";
  const orVariable = filtered ? "" : `, or "$${envVarName(v.name)}" outside single quotes`;
  return {
    message: `${written} is not the value of {${v.name}}: \${...} is never a placeholder, and ${what}`,
    hint: `write ${placeholder} (the engine quotes the value for where it stands${where})${orVariable}`,
  };
}

/** Does the script set `name` itself (`name=`, `for name in`, `read name`, `local name`, JS `const name`)? */
function setsVariable(script: string, name: string): boolean {
  const n = name.replace(/[^A-Za-z0-9_]/g, "");
  return new RegExp(
    `(^|[\\s;&|(])${n}(\\[[^\\]]*\\])?\\+?=|\\b(for|local|declare|typeset|export|readonly|const|let|var)\\s+(-\\w+\\s+)*${n}\\b|\\bread\\b[^\\n;]*\\b${n}\\b`,
    "m",
  ).test(script);
}

/** Maps an offset in a block's content to its line and column in the document (lines found when first asked). */
function contentPositions(block: Block): (offset: number) => SourcePosition {
  let starts: number[] | undefined;
  return (offset) => {
    if (!starts) {
      starts = [0];
      const text = block.content;
      for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    }
    let line = 0;
    while (line + 1 < starts.length && (starts[line + 1] ?? 0) <= offset) line++;
    return {
      file: block.position.file,
      line: block.position.line + 1 + line,
      column: offset - (starts[line] ?? 0) + block.position.column,
    };
  };
}
