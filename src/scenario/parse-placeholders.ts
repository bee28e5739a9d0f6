// Placeholder checks over a parsed document: unknown names and filters wherever a placeholder may
// stand, and shell placeholders standing where they cannot expand safely.
import type { ParseContext } from "./parse-context.ts";
import type { ParameterDraft } from "./parse-parameters.ts";
import { checkPlaceholders } from "./placeholders.ts";
import { SHELL_CONTEXT_HINTS, shellContextProblem } from "./shell.ts";
import { scanShell } from "./shell-lexer.ts";
import type { Block, SourcePosition } from "./types.ts";

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
    for (const p of scanShell(block.content)) {
      if (p.escaped) continue;
      const problem = shellContextProblem(p, numbers.has(p.name) && p.filters.length === 0);
      if (problem)
        problems.add(at(p.start), problem, SHELL_CONTEXT_HINTS[p.arithmetic ? "arithmetic" : p.context]);
    }
  }
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
