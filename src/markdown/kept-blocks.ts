// Blocks already written, kept by their shape: a reply's run id, branch and parameter values change
// with every command and its sentences do not, and serialising was most of what a command cost the App
// (issue 16). A block's plain code spans are slots in what is kept, filled with each block's own
// values: a code span is the one node the serializer writes the same way whatever it holds, given a
// plain value. So is raw HTML on one line that ends its paragraph, after no line ending: what follows
// raw HTML reads its last character, and nothing does (a checklist item from a document, with values).
import type { Html, InlineCode, PhrasingContent, RootContent } from "mdast";

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
/** Raw HTML kept as a slot: one line, not empty (and only where `slotsOf` says). */
const PLAIN_HTML = /^[^\r\n\uE000\uE001]+$/;
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

type Slotted = InlineCode | Html;

/**
 * Whether what the nodes before raw HTML write holds no line ending. After one, the serializer reads the
 * HTML's kind (whether it could start an HTML block) to decide whether to keep the line ending.
 */
const oneLine = (before: readonly (RootContent | PhrasingContent)[]) =>
  before.every((node) => node.type === "inlineCode" || (node.type === "text" && !/[\r\n]/.test(node.value)));

/** The block's slots, depth first. */
function slotsOf(node: RootContent | PhrasingContent, found: Slotted[]): Slotted[] {
  if (!("children" in node) || !SLOTTED_IN.has(node.type)) return found;
  const children = node.children as (RootContent | PhrasingContent)[];
  children.forEach((child, i) => {
    if (child.type === "inlineCode") {
      if (PLAIN_CODE.test(child.value)) found.push(child);
    } else if (child.type === "html") {
      const last = node.type === "paragraph" && i === children.length - 1;
      if (last && PLAIN_HTML.test(child.value) && oneLine(children.slice(0, i))) found.push(child);
    } else slotsOf(child, found);
  });
  return found;
}

/** Runs `f` with each node's value replaced by its slot; the values are put back after. */
function withSlots<T>(nodes: readonly Slotted[], values: readonly string[], f: () => T): T {
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

/** Whether `text` holds each slot once, as it is: in a code span, or as raw HTML (not encoded, not escaped). */
const slotsWritten = (text: string, nodes: readonly Slotted[]) =>
  nodes.every((node, i) => {
    const written = node.type === "inlineCode" ? `\`${slot(i)}\`` : slot(i);
    return text.split(written).length === 2 && text.split(slot(i)).length === 2;
  });

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
      if (!slotsWritten(template, nodes)) return serialise(block);
      if (key.length > KEY_MAX) return fill(template, values);
      if (kept.size >= KEPT_MAX) kept.delete(kept.keys().next().value as string);
    } else kept.delete(key);
    kept.set(key, template);
    return fill(template, values);
  };
}
