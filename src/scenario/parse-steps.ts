// `## Steps`: `1. **Name** [kind]` or `[kind, timeout=90s]`, then prose, blocks and a checklist.
// `## Rollback`: `1. **Name**` (optional) with shell blocks.
import type { List, Paragraph } from "mdast";
import { plainText } from "./markdown.ts";
import { parseBlock, parseDuration } from "./parse-block.ts";
import type { ParseContext } from "./parse-context.ts";
import { dedent, itemsOf, splitItem } from "./parse-items.ts";
import type { RollbackStep, SourcePosition, Step } from "./types.ts";
import { STEP_KINDS } from "./types.ts";

const KINDS = STEP_KINDS.join(", ");

/** Kind left as written: zod checks it against the known kinds. */
export type StepDraft = Omit<Step, "kind"> & { kind: string };

interface Lead {
  name: string;
  /** Raw text after the name on its first line. */
  rest: string;
  restOffset: number;
  /** Raw text of the following lines of the lead paragraph. */
  more: string;
  moreOffset: number;
  named: boolean;
}

function readLead(lead: Paragraph | undefined, ctx: ParseContext): Lead | undefined {
  if (!lead) return undefined;
  const { src } = ctx;
  const raw = src.raw(lead);
  const base = src.startOffset(lead);
  const first = lead.children[0];
  const named = first?.type === "strong";
  const nameEnd = named ? (first.position?.end.offset ?? base) - base : 0;
  const newline = raw.indexOf("\n", nameEnd);
  const lineEnd = newline === -1 ? raw.length : newline;
  const name = named ? src.raw(first).replace(/^(\*\*|__)|(\*\*|__)$/g, "") : raw.slice(0, lineEnd);
  if (named) ctx.texts.push({ text: name, offset: base + 2 });
  return {
    name: named ? name.trim() : (plainText(lead).split("\n")[0]?.trim() ?? ""),
    rest: raw.slice(nameEnd, lineEnd),
    restOffset: base + nameEnd,
    more: newline === -1 ? "" : raw.slice(newline + 1),
    moreOffset: base + newline + 1,
    named,
  };
}

export function parseSteps(lists: List[], ctx: ParseContext): StepDraft[] {
  const { src, problems } = ctx;
  const steps: StepDraft[] = [];
  for (const { item, number } of itemsOf(lists)) {
    const position = src.of(item);
    const parts = splitItem(item, ctx);
    const lead = readLead(parts.lead, ctx);
    if (!lead?.named) {
      problems.add(
        position,
        `step ${number} does not start with a bold name`,
        "write 1. **What it does** [automated]",
      );
      continue;
    }
    const step: StepDraft = {
      number,
      name: lead.name,
      kind: "",
      description: "",
      blocks: [],
      checklist: parts.checklist,
      position,
    };
    // `\[automated]` is what markdown writers (mdast-util-to-markdown) emit; it reads the same.
    const bracket = /^\s*\\?\[([^\]]*)\]\s*$/.exec(lead.rest);
    if (!bracket) {
      ctx.suppressed.add(`steps.${steps.length}.kind`);
      problems.add(
        src.at(lead.restOffset),
        `step "${lead.name}" has no kind`,
        `write **${lead.name}** [kind], kind one of ${KINDS}`,
      );
    } else {
      const kindOffset = lead.restOffset + lead.rest.indexOf("[");
      readKind(bracket[1] ?? "", step, src.at(kindOffset), steps.length, ctx);
    }
    if (lead.more.trim()) ctx.texts.push({ text: lead.more, offset: lead.moreOffset });
    step.description = [dedent(lead.more), ...parts.prose].filter(Boolean).join("\n\n");
    step.blocks = parts.codes.map((code) => parseBlock(code, ctx));
    steps.push(step);
  }
  return steps;
}

function readKind(
  text: string,
  step: StepDraft,
  position: SourcePosition,
  index: number,
  ctx: ParseContext,
): void {
  const [kind = "", ...options] = text.split(",").map((s) => s.trim());
  step.kind = kind.toLowerCase();
  ctx.fields.set(`steps.${index}.kind`, position);
  for (const option of options) {
    const m = /^timeout\s*=\s*(\S+)$/.exec(option);
    const ms = m ? parseDuration(m[1] ?? "") : undefined;
    if (ms === undefined) {
      ctx.problems.add(
        position,
        `unknown step option "${option}" in [${text}]`,
        "the only step option is timeout=<N>s or timeout=<N>m",
      );
    } else step.timeoutMs = ms;
  }
}

export function parseRollback(lists: List[], ctx: ParseContext): RollbackStep[] {
  const { src } = ctx;
  return itemsOf(lists).map(({ item, number }) => {
    const parts = splitItem(item, ctx);
    const lead = readLead(parts.lead, ctx);
    const more = lead?.named ? [lead.rest.trim(), dedent(lead.more)] : [dedent(lead?.more ?? "")];
    if (lead && !lead.named) ctx.texts.push({ text: lead.rest, offset: lead.restOffset });
    if (lead?.more.trim()) ctx.texts.push({ text: lead.more, offset: lead.moreOffset });
    return {
      number,
      name: lead?.name ?? "",
      description: [...more, ...parts.prose].filter(Boolean).join("\n\n"),
      blocks: parts.codes.map((code) => parseBlock(code, ctx)),
      position: src.of(item),
    };
  });
}
