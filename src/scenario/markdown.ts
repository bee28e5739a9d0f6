// Markdown to mdast, plus the small helpers every section parser needs: positions and raw source.
import type { Nodes, Root } from "mdast";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import remarkParse from "remark-parse";
import { type Processor, unified } from "unified";
import type { SourcePosition } from "./types.ts";

/**
 * Of GFM, the format only needs task list items (`- [ ] text`), so only that extension is loaded,
 * the way remark-gfm loads it. The whole of remark-gfm (autolink literals above all) made parsing
 * 35-45% slower in `npm run bench`; tables, strikethrough and autolinks never change what a
 * document means here (prose is kept as raw markdown and GitHub renders it in full).
 */
function remarkTaskLists(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), gfmTaskListItem()];
  data.fromMarkdownExtensions = [...(data.fromMarkdownExtensions ?? []), gfmTaskListItemFromMarkdown()];
}

let processor: Processor<Root> | undefined;

export function parseMarkdown(text: string): Root {
  processor ??= unified().use(remarkParse).use(remarkTaskLists).freeze() as unknown as Processor<Root>;
  return processor.parse(text);
}

/** The document's text with the file name: turns nodes and offsets into positions. */
export class SourceText {
  readonly text: string;
  readonly file: string;
  private readonly lineStarts: number[];

  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
    this.lineStarts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  at(offset: number): SourcePosition {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: offset - (this.lineStarts[lo] ?? 0) + 1 };
  }

  of(node: Nodes | undefined): SourcePosition {
    const start = node?.position?.start;
    return start
      ? { file: this.file, line: start.line, column: start.column }
      : { file: this.file, line: 1, column: 1 };
  }

  /** The raw markdown a node came from (escapes and inline markup kept). */
  raw(node: Nodes): string {
    const p = node.position;
    return p?.start.offset !== undefined && p.end.offset !== undefined
      ? this.text.slice(p.start.offset, p.end.offset)
      : "";
  }

  startOffset(node: Nodes): number {
    return node.position?.start.offset ?? 0;
  }

  line(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? undefined : next - 1);
  }
}

/** Plain text of a node, markup dropped (what a reader sees). */
export function plainText(node: Nodes): string {
  if ("value" in node && typeof node.value === "string") return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(plainText).join("");
  return "";
}
