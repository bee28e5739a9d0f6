// `**Triggers**: files `glob` content `regex` unless `regex` params `k=v`; files `...``
import type { ParseContext } from "./parse-context.ts";
import type { SourcePosition } from "./types.ts";

export interface TriggerDraft {
  files?: string;
  content?: string;
  unless?: string;
  params?: string;
  position: SourcePosition;
}

const KEYS = new Set(["files", "content", "unless", "params"]);
const HINT = "write files `glob` [content `regex`] [unless `regex`] [params `k=$1`], triggers separated by ;";

export function parseTriggers(raw: string, offset: number, ctx: ParseContext): TriggerDraft[] {
  if (/^(`?none`?|-|)$/i.test(raw.trim())) return [];
  const triggers: TriggerDraft[] = [];
  // Split on `;` outside backticks.
  const parts: { text: string; at: number }[] = [];
  let start = 0;
  let inCode = false;
  for (let i = 0; i <= raw.length; i++) {
    if (raw[i] === "`") inCode = !inCode;
    if (i === raw.length || (raw[i] === ";" && !inCode)) {
      parts.push({ text: raw.slice(start, i), at: start });
      start = i + 1;
    }
  }
  for (const part of parts) {
    if (!part.text.trim()) continue;
    const lead = part.text.length - part.text.trimStart().length;
    const trigger: TriggerDraft = { position: ctx.src.at(offset + part.at + lead) };
    const pattern = /\s*([a-z]+)\s+`([^`]*)`\s*/gy;
    let consumed = 0;
    for (let m = pattern.exec(part.text); m !== null; m = pattern.exec(part.text)) {
      const key = m[1] as keyof Omit<TriggerDraft, "position">;
      if (!KEYS.has(key)) {
        ctx.problems.add(ctx.src.at(offset + part.at + m.index), `unknown trigger keyword "${key}"`, HINT);
      } else if (trigger[key] !== undefined) {
        ctx.problems.add(
          ctx.src.at(offset + part.at + m.index),
          `trigger keyword "${key}" appears twice`,
          HINT,
        );
      } else trigger[key] = m[2] ?? "";
      consumed = pattern.lastIndex;
    }
    if (part.text.slice(consumed).trim()) {
      ctx.problems.add(
        ctx.src.at(offset + part.at + consumed),
        `cannot read the trigger at "${part.text.slice(consumed).trim().slice(0, 30)}"`,
        HINT,
      );
      continue;
    }
    triggers.push(trigger);
  }
  return triggers;
}
