// `## Metadata`: a bullet list of `**Key**: value`.
import type { List, Paragraph } from "mdast";
import { plainText } from "./markdown.ts";
import type { ParseContext } from "./parse-context.ts";
import { parseDependencies } from "./parse-dependencies.ts";
import { parseTriggers } from "./parse-triggers.ts";
import type { SourcePosition } from "./types.ts";

/** The metadata fields as read, before zod checks them. */
export interface MetadataDraft {
  id?: unknown;
  objectType?: unknown;
  complexity?: unknown;
  automation?: unknown;
  estimatedMinutes?: unknown;
  dependencies?: unknown[];
  target?: unknown;
  triggers?: unknown[];
  env?: unknown[];
}

const KEYS: Record<string, keyof MetadataDraft> = {
  id: "id",
  "object type": "objectType",
  complexity: "complexity",
  automation: "automation",
  dependencies: "dependencies",
  "estimated duration": "estimatedMinutes",
  target: "target",
  triggers: "triggers",
  env: "env",
};
const KEY_NAMES =
  "ID, Object Type, Complexity, Automation, Dependencies, Estimated Duration, Target, Triggers, Env";

export function parseMetadata(lists: List[], headingPos: SourcePosition, ctx: ParseContext): MetadataDraft {
  const { src, problems, fields } = ctx;
  const draft: MetadataDraft = {};
  for (const field of Object.values(KEYS)) fields.set(field, headingPos);
  for (const item of lists.flatMap((l) => l.children)) {
    const para = item.children[0];
    const strong = para?.type === "paragraph" ? para.children[0] : undefined;
    if (para?.type !== "paragraph" || strong?.type !== "strong") {
      problems.add(src.of(item), "a metadata line must read `**Key**: value`", `known keys: ${KEY_NAMES}`);
      continue;
    }
    const label = plainText(strong).replace(/:\s*$/, "").trim();
    const field = KEYS[label.toLowerCase()];
    if (!field) {
      problems.add(src.of(strong), `unknown metadata key "${label}"`, `known keys: ${KEY_NAMES}`);
      continue;
    }
    if (draft[field] !== undefined) {
      problems.add(src.of(strong), `metadata key "${label}" appears twice`, "keep one line per key");
      continue;
    }
    const { raw, offset } = valueAfterKey(para, ctx);
    const position = src.at(offset);
    fields.set(field, position);
    const plain = raw.replace(/`/g, "").trim();
    switch (field) {
      case "automation":
        draft.automation = /^\d+\s*%?$/.test(plain) ? Number.parseInt(plain, 10) : plain;
        break;
      case "estimatedMinutes":
        draft.estimatedMinutes = parseMinutes(plain);
        break;
      case "dependencies":
        draft.dependencies = parseDependencies(raw, offset, ctx);
        break;
      case "triggers":
        draft.triggers = parseTriggers(raw, offset, ctx);
        break;
      case "env":
        // `SENTRY_DSN`, `NODE_ENV` (or none)
        draft.env = /^(none|-|)$/i.test(plain) ? [] : plain.split(/\s*,\s*/);
        break;
      default:
        draft[field] = plain;
    }
  }
  return draft;
}

/** The raw markdown after `**Key**:` and its offset in the document. */
function valueAfterKey(para: Paragraph, ctx: ParseContext): { raw: string; offset: number } {
  const strong = para.children[0];
  const start = strong?.position?.end.offset ?? 0;
  const end = para.position?.end.offset ?? start;
  const text = ctx.src.text.slice(start, end);
  const lead = /^\s*:?\s*/.exec(text)?.[0].length ?? 0;
  return { raw: text.slice(lead).trimEnd(), offset: start + lead };
}

/** `10 minutes`, `1 hour`, `90 min`; the raw text when it is none of those (zod reports it). */
function parseMinutes(text: string): number | string {
  const m = /^(\d+)\s*(minutes?|mins?|m|hours?|h)$/i.exec(text);
  if (!m) return text;
  const n = Number(m[1]);
  return /^h/i.test(m[2] ?? "") ? n * 60 : n;
}
