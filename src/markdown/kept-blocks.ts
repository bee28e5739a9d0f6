// Blocks already written, kept by their shape: a reply's run id, branch and parameter values change
// with every command and its sentences do not, and serialising was most of what a command cost the App
// (issue 16). A block's plain code spans are slots in what is kept, filled with each block's own
// values: a code span is the one node the serializer writes the same way whatever it holds, given a
// plain value. (Raw HTML is not: what follows reads its characters, and so does the line-ending rule.)
import type { InlineCode, PhrasingContent, RootContent } from "mdast";

const KEPT_MAX = 512;
/** Larger blocks are not kept. */
const KEY_MAX = 8 * 1024;

/**
 * A code span's value the serializer writes as it is, between single grave accents: no grave accent
 * (it would lengthen the fence or pad), no pipe (escaped in a table cell), no line ending (a break
 * pattern could match), no space at either end (padding). Nothing around a code span depends on its
 * value: the serializer peeks a grave accent before it and sees one after it, whatever it holds.
 */
const PLAIN_CODE = /^[^`|\s\uE000\uE001](?:[^`|\r\n\uE000\uE001]*[^`|\s\uE000\uE001])?$/;
/** A slot, in private-use characters that `slotsWritten` counts. */
const slot = (i: number) => `\uE000${i}\uE001`;
const SLOT = /\uE000(\d+)\uE001/g;

/**
 * Where a code span's value changes nothing else. Not a heading (one holding a line break is
 * underlined as long as its longest line) nor a link (its text is checked for what would read as a
 * definition, `[x]:`).
 */
const SLOTTED_IN = new Set([
  ...["paragraph", "strong", "emphasis", "delete", "blockquote"],
  ...["list", "listItem", "table", "tableRow", "tableCell"],
]);

/** The block's slots, depth first. */
function slotsOf(node: RootContent | PhrasingContent, found: InlineCode[]): InlineCode[] {
  if (!("children" in node) || !SLOTTED_IN.has(node.type)) return found;
  for (const child of node.children as (RootContent | PhrasingContent)[]) {
    if (child.type !== "inlineCode") slotsOf(child, found);
    else if (PLAIN_CODE.test(child.value)) found.push(child);
  }
  return found;
}

/** Runs `f` with each node's value replaced by its slot; the values are put back after. */
function withSlots<T>(nodes: readonly InlineCode[], values: readonly string[], f: () => T): T {
  nodes.forEach((node, i) => {
    node.value = slot(i);
  });
  try {
    return f();
  } finally {
    nodes.forEach((node, i) => {
      node.value = values[i] as string;
    });
  }
}

const marks = (text: string) => {
  let n = 0;
  for (let i = text.indexOf("\uE000"); i !== -1; i = text.indexOf("\uE000", i + 1)) n++;
  return n;
};

/** Whether `text` holds each slot once, as a code span (not encoded, not escaped). */
const slotsWritten = (text: string, count: number) =>
  Array.from({ length: count }, (_, i) => text.split(`\`${slot(i)}\``).length === 2).every(Boolean);

const fill = (template: string, values: readonly string[]) =>
  values.length === 0 ? template : template.replace(SLOT, (_, i: string) => values[Number(i)] as string);

/** `serialise` with what it wrote kept by shape, least recently used first. */
export function blockWriter(serialise: (block: RootContent) => string): (block: RootContent) => string {
  const kept = new Map<string, string>();
  return (block) => {
    const nodes = slotsOf(block, []);
    const values = nodes.map((node) => node.value);
    const key = withSlots(nodes, values, () => JSON.stringify(block));
    // The block's own slot marks (private-use characters in a document): written as it is.
    if (marks(key) !== nodes.length) return serialise(block);
    let template = kept.get(key);
    if (template === undefined) {
      template = withSlots(nodes, values, () => serialise(block));
      if (!slotsWritten(template, nodes.length)) return serialise(block);
      if (key.length > KEY_MAX) return fill(template, values);
      if (kept.size >= KEPT_MAX) kept.delete(kept.keys().next().value as string);
    } else kept.delete(key);
    kept.set(key, template);
    return fill(template, values);
  };
}
