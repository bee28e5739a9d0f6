// `## Pre-Conditions` and `## Post-Validation`: `1. [ ] text`, optionally with a ```bash check block.
import type { List } from "mdast";
import { parseBlock } from "./parse-block.ts";
import type { ParseContext } from "./parse-context.ts";
import { dedent, itemsOf, splitItem } from "./parse-items.ts";
import type { Block, Condition, Dependency } from "./types.ts";

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
      const block = parseBlock(code, ctx, { preCondition: section === "Pre-Conditions" });
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

/**
 * `established-by=<id>` must name one of this document's required dependencies: only one of those runs
 * before the scenario's steps, in the same run, with the parameters it shares.
 */
export function checkEstablishedBy(
  preConditions: readonly Condition[],
  /** As the metadata parsed them, before the schema checked their shape. */
  dependencies: readonly unknown[],
  ctx: ParseContext,
): void {
  const required = dependencies
    .filter((d): d is Dependency => (d as Partial<Dependency> | null)?.type === "required")
    .map((d) => d.id);
  preConditions.forEach((condition, i) => {
    const by = condition.check?.establishedBy;
    if (by === undefined || required.includes(by)) return;
    ctx.problems.add(
      condition.check?.position ?? condition.position,
      `pre-condition ${i + 1} is established by "${by}", which is not a required dependency of this scenario`,
      required.length
        ? `name one of: ${required.join(", ")}; or list ${by} in **Dependencies** as \`${by}\` (required)`
        : `list it in **Dependencies** as \`${by}\` (required), or remove established-by`,
    );
  });
}
