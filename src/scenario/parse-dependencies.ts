// `**Dependencies**: `a` (required), `b` (recommended)` or `none`.
import type { ParseContext } from "./parse-context.ts";

export interface DependencyDraft {
  id: string;
  type: string;
  position: ReturnType<ParseContext["src"]["at"]>;
}

const ITEM = /\s*(?:`([^`]*)`|([^\s,()`]+))\s*(?:\(([^)]*)\))?\s*(?:,|$)/y;

export function parseDependencies(raw: string, offset: number, ctx: ParseContext): DependencyDraft[] {
  if (/^(`?none`?|-|)$/i.test(raw.trim())) return [];
  const found: DependencyDraft[] = [];
  ITEM.lastIndex = 0;
  while (ITEM.lastIndex < raw.length) {
    const at = ITEM.lastIndex;
    const m = ITEM.exec(raw);
    if (!m || m[0].length === 0) {
      ctx.problems.add(
        ctx.src.at(offset + at),
        `cannot read the dependency list at "${raw.slice(at, at + 30)}"`,
        "write `id` (required), `other-id` (recommended), or `none`",
      );
      break;
    }
    const id = (m[1] ?? m[2] ?? "").trim();
    const idOffset = offset + at + (m[0].length - m[0].trimStart().length);
    found.push({ id, type: (m[3] ?? "required").trim().toLowerCase(), position: ctx.src.at(idOffset) });
  }
  return found;
}
