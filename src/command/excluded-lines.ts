// Lines of a comment that are quoted, in a code block or in an HTML comment: a `/scenario` there
// is someone showing or quoting a command, never asking for one. Found with remark so that fences,
// indented code, lazy quote continuations and lists nest exactly as GitHub renders them.
import type { Node, Parent } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const EXCLUDED = new Set(["blockquote", "code"]);

/** 1-based line numbers that can't hold a command. */
export function excludedLines(body: string): Set<number> {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(body);
  const lines = new Set<number>();
  const visit = (node: Node): void => {
    const excluded =
      EXCLUDED.has(node.type) ||
      (node.type === "html" && (node as unknown as { value: string }).value.trimStart().startsWith("<!--"));
    if (excluded && node.position) {
      for (let l = node.position.start.line; l <= node.position.end.line; l++) lines.add(l);
      return;
    }
    for (const child of (node as Parent).children ?? []) visit(child);
  };
  visit(tree);
  return lines;
}
