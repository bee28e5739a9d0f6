// `## Pre-Conditions` and `## Post-Validation`: `1. [ ] text`, optionally with a ```bash check block.
import type { List } from "mdast";
import { parseBlock } from "./parse-block.ts";
import type { ParseContext } from "./parse-context.ts";
import { dedent, itemsOf, splitItem } from "./parse-items.ts";
import type { Block, Condition } from "./types.ts";

export function parseConditions(lists: List[], section: string, ctx: ParseContext): Condition[] {
  const { src, problems } = ctx;
  const conditions: Condition[] = [];
  for (const { item } of itemsOf(lists)) {
    const position = src.of(item);
    if (item.checked === null || item.checked === undefined) {
      problems.add(position, `a ${section} item must start with a checkbox`, "write 1. [ ] What must hold");
    }
    const parts = splitItem(item, ctx);
    const text = parts.lead ? src.raw(parts.lead) : "";
    if (parts.lead) ctx.texts.push({ text, offset: src.startOffset(parts.lead) });
    let check: Block | undefined;
    for (const code of parts.codes) {
      const block = parseBlock(code, ctx);
      if (block.kind === "shell" && !block.check) {
        problems.add(
          block.position,
          `a shell block in ${section} must be a check`,
          "write ```bash check (its exit status is the verdict), or use another language for documentation",
        );
      } else if (block.check && check) {
        problems.add(
          block.position,
          `a ${section} item holds more than one check block`,
          "merge them into one script, or split the item",
        );
      } else if (block.check) check = block;
    }
    conditions.push(check ? { text: dedent(text), check, position } : { text: dedent(text), position });
  }
  return conditions;
}
