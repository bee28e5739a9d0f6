// Layout rules that decide what a document is before its sections are read: a document that is no
// scenario at all, `###` headings written where steps go, and fenced blocks indented too little to
// belong to the list item above them. Each says what to write instead.
import type { Code, Heading, List, ListItem, Root, RootContent } from "mdast";
import { plainText } from "./markdown.ts";
import type { ParseContext } from "./parse-context.ts";
import type { DocumentProblem, SourcePosition } from "./types.ts";

const IMPORT_HINT =
  "a scenario starts with # Scenario: <title> and has a ## Metadata section; `scenario import` drafts one from a loose recipe";

/**
 * A note when the document is no scenario: no `# Scenario:` title and no `## Metadata` section (a
 * README, a design note, a loose recipe). A document with metadata but a wrong title is a broken
 * scenario and gets the title problem instead.
 */
export function notAScenario(root: Root, file: string): DocumentProblem | undefined {
  const [first] = root.children;
  if (first?.type === "heading" && first.depth === 1 && /^scenario:/i.test(plainText(first)))
    return undefined;
  const hasMetadata = root.children.some(
    (n) => n.type === "heading" && n.depth === 2 && /^\s*metadata\s*$/i.test(plainText(n)),
  );
  if (hasMetadata) return undefined;
  const start = first?.position?.start;
  const position: SourcePosition = { file, line: start?.line ?? 1, column: start?.column ?? 1 };
  const title = first?.type === "heading" ? `"${plainText(first).trim()}"` : "its first line";
  return {
    position,
    message: `not a scenario: ${title} is not \`# Scenario: <title>\`, so the document is left out`,
    hint: IMPORT_HINT,
  };
}

/**
 * `### 1. Do it` headings in `## Steps` instead of list items: reported once, at the first heading,
 * when no ordered list comes before it. True when reported (the section's lists are then not read).
 */
export function headingSteps(nodes: RootContent[], ctx: ParseContext): boolean {
  const first = nodes.findIndex((n) => n.type === "heading");
  if (first === -1) return false;
  if (nodes.slice(0, first).some((n) => n.type === "list" && n.ordered)) return false;
  const heading = nodes[first] as Heading;
  const hashes = "#".repeat(heading.depth);
  ctx.problems.add(
    ctx.src.of(heading),
    `steps written as \`${hashes}\` headings ("${plainText(heading).trim()}") are not read`,
    "write each step as an item of an ordered list, 1. **What it does** [automated], with its ```bash or ```lang file=path blocks indented under the item",
  );
  return true;
}

/**
 * A fenced block right after a list, indented less than the last item's text: CommonMark ends the
 * item there (`10. ` needs 4 spaces, `1. ` 3), so the block is nobody's. Reported with the indent it
 * needs, and recorded so that the item reads it (one problem, not a second one about a missing block).
 */
export function strayBlocks(nodes: RootContent[], ctx: ParseContext): void {
  let list: List | undefined;
  for (const node of nodes) {
    if (node.type === "list") list = node;
    else if (node.type === "code" && list) reportStray(node, list, ctx);
    else list = undefined;
  }
}

function reportStray(code: Code, list: List, ctx: ParseContext): void {
  const item = list.children.at(-1) as ListItem | undefined;
  const text = item?.children[0]?.position?.start;
  const itemStart = item?.position?.start;
  const fence = code.position?.start;
  if (!item || !text || !itemStart || !fence || text.line !== itemStart.line) return;
  const needed = text.column - 1;
  const indent = fence.column - 1;
  if (indent >= needed) return;
  const marker = list.ordered ? `${(list.start ?? 1) + list.children.length - 1}.` : "-";
  ctx.problems.add(
    ctx.src.of(code),
    `this block is indented ${indent} space${indent === 1 ? "" : "s"}, too few to belong to item ${marker} above it`,
    `indent the fence and its lines by ${needed} spaces, as far as the text after "${marker} "`,
  );
  ctx.strays.set(item, [...(ctx.strays.get(item) ?? []), code]);
}
