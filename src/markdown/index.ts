// Markdown for everything scenario-bot writes to GitHub (replies, PR bodies, check runs, job
// summaries): built as an mdast tree and serialised by mdast-util-to-markdown with GFM tables, so
// text from people and documents (pipes, backticks, `<`, `*`, newlines) is escaped by a serializer
// that knows every context (a table cell, a code span, a paragraph) instead of by hand.

import { longestStreak } from "longest-streak";
import type {
  Code,
  Emphasis,
  Heading,
  Html,
  InlineCode,
  Link,
  List,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Strong,
  Table,
  TableCell,
  TableRow,
  Text,
} from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { toMarkdown } from "mdast-util-to-markdown";
import { fastHandlers } from "./fast-handlers.ts";
import { blockWriter } from "./kept-blocks.ts";

/** Inline content: a string is plain text (escaped), a node is kept. */
export type Inline = string | PhrasingContent;
export type Block = RootContent;

const asPhrasing = (parts: Inline[]): PhrasingContent[] =>
  parts.map((p) => (typeof p === "string" ? text(p) : p));

/**
 * scenario-bot finds its own comments and sections again by hidden markers (`<!-- scenario-... -->`),
 * so no text from people or documents may ever hold `<!--`, escaped or in code: a zero-width space
 * splits it, which reads the same and can never open a marker.
 */
export function neutral(value: string): string {
  return value.replaceAll("<!--", "<!\u200b--");
}

export function text(value: string): Text {
  return { type: "text", value: neutral(value) };
}

/** A code span; a newline inside would end it, so it becomes a space. */
export function code(value: string): InlineCode {
  return { type: "inlineCode", value: neutral(value.replace(/[\r\n]+/g, " ")) };
}

export function strong(...parts: Inline[]): Strong {
  return { type: "strong", children: asPhrasing(parts) };
}

export function link(url: string, ...parts: Inline[]): Link {
  return { type: "link", url, children: asPhrasing(parts) };
}

/** Raw HTML: only for markup scenario-bot writes itself (markers, `<details>`), never for others' text. */
export function html(value: string): Html {
  return { type: "html", value };
}

/**
 * Markdown a repository wrote (a scenario document's description), passed through as written so its
 * lists and code stay what they are; only `<!--` is neutralised, so it cannot forge a marker.
 */
export function documentMarkdown(value: string): Html {
  return { type: "html", value: neutral(value.trim()) };
}

/**
 * One line of markdown a repository wrote (a checklist item), as written so its code spans stay code:
 * kept on its line, and `<!--` neutralised so it cannot forge a marker.
 */
export function documentInline(value: string): Html {
  return { type: "html", value: neutral(value.replace(/[\r\n]+/g, " ").trim()) };
}

export function paragraph(...parts: Inline[]): Paragraph {
  return { type: "paragraph", children: asPhrasing(parts) };
}

export function codeBlock(value: string, lang?: string): Code {
  return { type: "code", lang: lang ?? null, value: neutral(value.replace(/\n$/, "")) };
}

export function list(items: (Inline[] | Inline)[], ordered = false, start = 1): List {
  return {
    type: "list",
    ordered,
    ...(ordered ? { start } : {}),
    spread: false,
    children: items.map((item) => ({
      type: "listItem",
      spread: false,
      children: [paragraph(...(Array.isArray(item) ? item : [item]))],
    })),
  };
}

/** A GFM table; each cell is inline content (one line: newlines inside text are encoded by the serializer). */
export function table(header: Inline[], rows: (Inline | Inline[])[][]): Table {
  const row = (cells: (Inline | Inline[])[]): TableRow => ({
    type: "tableRow",
    children: cells.map(
      (c): TableCell => ({ type: "tableCell", children: asPhrasing(Array.isArray(c) ? c : [c]) }),
    ),
  });
  return { type: "table", align: header.map(() => null), children: [row(header), ...rows.map(row)] };
}

const GFM = gfmToMarkdown({ tablePipeAlign: false });
const OPTIONS = {
  extensions: [GFM],
  handlers: fastHandlers(GFM),
  bullet: "-" as const,
  fences: true,
  rule: "-" as const,
};

/** The serializer's text for a document: what its root gives, ending in exactly one line ending. */
const serialise = (children: RootContent[]) =>
  toMarkdown({ type: "root", children } as Root, OPTIONS).replace(/\n$/, "");

/** Written after a block to read off what the block itself wrote (a blank line separates them). */
const AFTER: RootContent = { type: "paragraph", children: [{ type: "text", value: "x" }] };

/**
 * What the serializer writes for the blocks it copies, without it: raw HTML as it is, and a fenced
 * code block without an info string (its value, between fences one backtick longer than its longest
 * run of backticks, at least three). A plan's code block is a reply's largest block, and new each time.
 */
function copiedBlock(block: RootContent): string | undefined {
  if (block.type === "html") return block.value;
  if (block.type === "code" && !block.lang && OPTIONS.fences) {
    const fence = "`".repeat(Math.max(longestStreak(block.value, "`") + 1, 3));
    return block.value ? `${fence}\n${block.value}\n${fence}` : `${fence}\n${fence}`;
  }
  return undefined;
}

/** What the serializer writes for `block` at the top level, before any line ending it adds. */
const keptBlocks = blockWriter((block) =>
  toMarkdown({ type: "root", children: [block, AFTER] } as Root, OPTIONS).slice(0, -"\n\nx\n".length),
);
const writeBlock = (block: RootContent) => copiedBlock(block) ?? keptBlocks(block);

/**
 * Blocks (strings are paragraphs of plain text), separated by blank lines. At the top level the
 * serializer joins any two blocks with a blank line and writes each the same wherever it stands,
 * except a list right after a list (it changes bullet), so blocks are written one by one and reused;
 * the end is the serializer's (one line ending, then none).
 */
export function render(blocks: (Block | string)[]): string {
  const children = blocks.map((b) => (typeof b === "string" ? paragraph(b) : b));
  if (children.some((b, i) => i > 0 && b.type === "list" && children[i - 1]?.type === "list"))
    return serialise(children);
  const text = children.map(writeBlock).join("\n\n");
  return /[\r\n]$/.test(text) ? text.replace(/\n$/, "") : text;
}

/** Inline content as one line of markdown (for a sentence built around values). */
export function inline(...parts: Inline[]): string {
  return render([paragraph(...parts)]);
}

/** `@login`, with only the characters GitHub logins may hold (so a login cannot smuggle markup). */
export function mention(login: string): string {
  return `@${login.replace(/[^A-Za-z0-9\-[\]]/g, "")}`;
}

/** A code span as markdown text, for a sentence assembled around it. */
export function codeText(value: string): string {
  return inline(code(value));
}

export function heading(depth: 1 | 2 | 3 | 4 | 5 | 6, ...parts: Inline[]): Heading {
  return { type: "heading", depth, children: asPhrasing(parts) };
}

export function emphasis(...parts: Inline[]): Emphasis {
  return { type: "emphasis", children: asPhrasing(parts) };
}
