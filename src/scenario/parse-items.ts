// Helpers shared by list-shaped sections: splitting an item into its parts.
import type { Code, List, ListItem, Nodes, Paragraph } from "mdast";
import type { ParseContext } from "./parse-context.ts";
import type { ChecklistItem } from "./types.ts";

export interface ItemParts {
  /** The first paragraph, if the item starts with one. */
  lead?: Paragraph;
  codes: Code[];
  /** Task-list entries (`- [ ] text`) anywhere directly under the item. */
  checklist: ChecklistItem[];
  /** Raw markdown of everything else (prose, plain bullet lists), in order. */
  prose: string[];
}

/** Strips the list-item indentation from each line of a raw slice. */
export function dedent(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trimStart())
    .join("\n")
    .trim();
}

export function splitItem(item: ListItem, ctx: ParseContext): ItemParts {
  const parts: ItemParts = { codes: [], checklist: [], prose: [] };
  item.children.forEach((child: Nodes, i) => {
    if (i === 0 && child.type === "paragraph") parts.lead = child;
    else if (child.type === "code") parts.codes.push(child);
    else if (
      child.type === "list" &&
      child.children.some((c) => c.checked !== null && c.checked !== undefined)
    ) {
      for (const entry of child.children) {
        const para = entry.children[0];
        if (entry.checked === null || entry.checked === undefined || para?.type !== "paragraph") {
          addProse(entry, parts, ctx);
          continue;
        }
        // mdast-util-gfm-task-list-item moves the paragraph's start past `[ ] ` only when the item
        // begins with plain text; with inline code first, the checkbox is still inside the slice.
        const raw = ctx.src.raw(para);
        const box = /^\[[ xX]\][ \t]+/.exec(raw)?.[0].length ?? 0;
        const text = raw.slice(box);
        ctx.texts.push({ text, offset: ctx.src.startOffset(para) + box });
        parts.checklist.push({ text: dedent(text), position: ctx.src.of(entry) });
      }
    } else addProse(child, parts, ctx);
  });
  // Already reported as indented too little; read as the item's so that one problem says what is wrong.
  parts.codes.push(...(ctx.strays.get(item) ?? []));
  return parts;
}

function addProse(node: Nodes, parts: ItemParts, ctx: ParseContext): void {
  const text = ctx.src.raw(node);
  ctx.texts.push({ text, offset: ctx.src.startOffset(node) });
  parts.prose.push(dedent(text));
}

export function itemsOf(lists: List[]): { item: ListItem; number: number }[] {
  return lists.flatMap((list) => list.children.map((item, i) => ({ item, number: (list.start ?? 1) + i })));
}
