// render() (its fast handlers, src/markdown/fast-handlers.ts, and its blocks written one by one and
// reused) must write exactly what the library writes for the whole document: the same trees, rendered
// both ways, over text made of every character markdown treats specially, in every construct
// scenario-bot writes (paragraphs, lists, tables, headings, quotes, code, HTML, links, strong and
// emphasis, beside code spans), each tree twice so the second is written from reused blocks.
import type { PhrasingContent, Root, RootContent } from "mdast";
import { gfmToMarkdown } from "mdast-util-gfm";
import { toMarkdown } from "mdast-util-to-markdown";
import { describe, expect, it } from "vitest";
import { render } from "../../src/markdown/index.ts";

const LIBRARY = {
  extensions: [gfmToMarkdown({ tablePipeAlign: false })],
  bullet: "-" as const,
  fences: true,
  rule: "-" as const,
};

/** A small seeded generator (mulberry32), so a failure is the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = [
  ..."ab Ww ps1 _*`~[]()!<>&#|:-.+=\\/@\"'\n\r\t",
  "www.",
  "http://",
  "a@b.c",
  "1. ",
  "- ",
  "<!--",
];

/** Values a code span or raw HTML may take, plain or not: a run id, a path, spaces, a pipe, markup, a line ending. */
const PLAIN_VALUES = [
  ...["20261130-8puhq9", "src/a.ts", "a b", "t1", "x|y", "`x", " a ", "\uE0000\uE001", "$&", "$1"],
  ...["<b>", "a*", "x ", "*", "_a_", "a_b", "**", "!", "[", "1.", "\\", "&", "a\nb"],
];

function renameSlots(nodes: unknown[], value: () => string): void {
  for (const node of nodes as { type: string; value?: string; children?: unknown[] }[]) {
    if (node.type === "inlineCode" || node.type === "html") node.value = value();
    if (node.children) renameSlots(node.children, value);
  }
}

describe("render", () => {
  it("write what the library writes, over 3,000 random trees and their code spans and HTML changed", () => {
    const next = random(16);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const str = (max: number) =>
      Array.from({ length: Math.floor(next() * max) }, () => pick(ALPHABET)).join("");
    const phrasing = (depth: number): PhrasingContent[] =>
      Array.from({ length: 1 + Math.floor(next() * 4) }, (): PhrasingContent => {
        const r = next();
        if (r < 0.5 || depth > 1) return { type: "text", value: str(8) };
        if (r < 0.62) return { type: "inlineCode", value: str(5) };
        if (r < 0.7) return { type: "html", value: str(4) };
        if (r < 0.8) return { type: "strong", children: phrasing(depth + 1) };
        if (r < 0.9) return { type: "emphasis", children: phrasing(depth + 1) };
        return { type: "link", url: str(3), children: phrasing(depth + 1) };
      });
    const block = (): RootContent => {
      const r = next();
      if (r < 0.05) return { type: "html", value: str(4) };
      if (r < 0.1) return { type: "code", lang: next() < 0.5 ? null : str(2), value: str(6) };
      if (r < 0.3) return { type: "paragraph", children: phrasing(0) };
      if (r < 0.45) return { type: "heading", depth: 2, children: phrasing(0) };
      if (r < 0.6) return { type: "blockquote", children: [{ type: "paragraph", children: phrasing(0) }] };
      if (r < 0.8)
        return {
          type: "list",
          ordered: next() < 0.5,
          spread: false,
          children: [0, 1].map(() => ({
            type: "listItem",
            spread: false,
            children: [{ type: "paragraph", children: phrasing(0) }],
          })),
        };
      return {
        type: "table",
        align: [null, null],
        children: [0, 1].map(() => ({
          type: "tableRow",
          children: [0, 1].map(() => ({ type: "tableCell", children: phrasing(0) })),
        })),
      };
    };
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const children = Array.from({ length: 1 + Math.floor(next() * 3) }, block);
      const tree: Root = { type: "root", children };
      const expected = toMarkdown(structuredClone(tree), LIBRARY).replace(/\n$/, "");
      expect(render(structuredClone(children)), JSON.stringify(children)).toBe(expected);
      expect(render(structuredClone(children)), JSON.stringify(children)).toBe(expected);
      // The same shape with other values in its code spans and raw HTML: written from the kept block's slots.
      const other = structuredClone(children);
      renameSlots(other, () => pick(PLAIN_VALUES));
      const otherExpected = toMarkdown({ type: "root", children: structuredClone(other) }, LIBRARY);
      expect(render(other), JSON.stringify(other)).toBe(otherExpected.replace(/\n$/, ""));
      compared++;
    }
    expect(compared).toBe(3000);
  });
});
