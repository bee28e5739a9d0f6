// `## Parameters`: `` - `name` (required|optional[, type]): Description. Rule: `value`. ``
import type { List } from "mdast";
import type { ParseContext } from "./parse-context.ts";
import { PARAMETER_TYPES, type SourcePosition } from "./types.ts";

export interface ParameterDraft {
  name: string;
  type: string;
  required: boolean;
  default?: string;
  values?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  description: string;
  example?: string;
  position: SourcePosition;
}

const HEAD = /^`([^`]*)`\s*\(([^)]*)\)\s*:?\s*/;
const RULE =
  /\b(pattern|min|max|default|example)\s*:\s*(?:``\s?(.*?)\s?``|`([^`]*)`|(-?\d+(?:\.\d+)?)(?=[\s.,;)]|$)|'([^']*)'|([^\s.,;)`]+))\.?/giy;
const PAREN_DEFAULT = /\(default:\s*(?:`([^`]*)`|'([^']*)'|([^)]*))\)/iy;
const ENUM = /'[^']*'(?:\s*\|\s*'[^']*')+/;
const FORMAT =
  "write - `name` (required|optional[, string|number|boolean|enum]): Description. Pattern: `regex`";

export function parseParameters(lists: List[], ctx: ParseContext): ParameterDraft[] {
  const { src, problems, fields } = ctx;
  const params: ParameterDraft[] = [];
  for (const item of lists.flatMap((l) => l.children)) {
    const para = item.children[0];
    const raw = para?.type === "paragraph" ? src.raw(para) : "";
    const base = para ? src.startOffset(para) : src.startOffset(item);
    const head = HEAD.exec(raw);
    if (!para || !head) {
      problems.add(src.of(item), "cannot read this parameter line", FORMAT);
      continue;
    }
    const index = params.length;
    const draft: ParameterDraft = {
      name: head[1] ?? "",
      type: "string",
      required: false,
      description: "",
      position: src.at(base),
    };
    fields.set(`parameters.${index}.name`, src.at(base + 1));
    readFlags(head[2] ?? "", draft, src.at(base + raw.indexOf("(") + 1), ctx);
    fields.set(`parameters.${index}.type`, src.at(base + raw.indexOf("(") + 1));

    const bodyStart = head[0].length;
    let description = raw.slice(bodyStart);
    let scanned = raw;
    const paren = parenDefault(description);
    if (paren) {
      draft.default = (paren[1] ?? paren[2] ?? paren[3] ?? "").trim();
      fields.set(`parameters.${index}.default`, src.at(base + bodyStart + paren.index));
      description = description.replace(paren[0], " ");
      // Blank it out (same length, offsets stay right) so the rule scan does not read it again.
      const at = bodyStart + paren.index;
      scanned = raw.slice(0, at) + " ".repeat(paren[0].length) + raw.slice(at + paren[0].length);
    }
    description = readRules(scanned, bodyStart, base, index, draft, ctx, description);
    const enumMatch = ENUM.exec(description);
    if (enumMatch) {
      draft.values = [...enumMatch[0].matchAll(/'([^']*)'/g)].map((m) => m[1] ?? "");
      if (draft.type === "string") draft.type = "enum";
    }
    draft.description = description
      .replace(/\s+/g, " ")
      .replace(/\s+([.,;])/g, "$1")
      .trim();
    params.push(draft);
  }
  return params;
}

function readFlags(flags: string, draft: ParameterDraft, position: SourcePosition, ctx: ParseContext): void {
  let sawRequired = false;
  for (const flag of flags.split(",").map((f) => f.trim().toLowerCase())) {
    if (flag === "required" || flag === "optional") {
      draft.required = flag === "required";
      sawRequired = true;
    } else if ((PARAMETER_TYPES as readonly string[]).includes(flag)) draft.type = flag;
    else {
      ctx.problems.add(
        position,
        `unknown parameter flag "${flag}" for \`${draft.name}\``,
        `expected required or optional, then one of ${PARAMETER_TYPES.join(", ")}`,
      );
    }
  }
  if (!sawRequired) {
    ctx.problems.add(position, `parameter \`${draft.name}\` says neither required nor optional`, FORMAT);
  }
}

/** First letters of the rule keys (pattern, min, max, default, example): a rule can start only there. */
const RULE_INITIAL = new Set([..."pmdePMDE"].map((c) => c.charCodeAt(0)));
/** `\w` (without the u flag): a rule key starts a word. Char codes, not a regex per character. */
const isWordChar = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

function readRules(
  raw: string,
  bodyStart: number,
  base: number,
  index: number,
  draft: ParameterDraft,
  ctx: ParseContext,
  description: string,
): string {
  let rest = description;
  for (let i = bodyStart; i < raw.length; i++) {
    if (!RULE_INITIAL.has(raw.charCodeAt(i)) || (i > 0 && isWordChar(raw.charCodeAt(i - 1)))) continue;
    RULE.lastIndex = i;
    const m = RULE.exec(raw);
    if (!m) continue;
    const key = (m[1] ?? "").toLowerCase() as "pattern" | "min" | "max" | "default" | "example";
    const value = m[2] ?? m[3] ?? m[4] ?? m[5] ?? m[6] ?? "";
    const position = ctx.src.at(base + i);
    ctx.fields.set(`parameters.${index}.${key}`, position);
    if (key === "min" || key === "max") {
      const n = Number(value);
      if (Number.isNaN(n))
        ctx.problems.add(
          position,
          `${m[1]} of \`${draft.name}\` must be a number, got "${value}"`,
          `write ${m[1]}: 1`,
        );
      else draft[key] = n;
    } else if (draft[key] !== undefined) {
      ctx.problems.add(position, `${m[1]} of \`${draft.name}\` is given twice`, "keep one");
    } else draft[key] = value;
    rest = rest.replace(m[0], " ");
    i = RULE.lastIndex - 1;
  }
  return rest;
}

/**
 * `(default: value)` in a description. Tried at the first `(default:` only: tried at every one, a text of
 * many `(default:` and no `)` made the search quadratic. The first fails only when no `)` follows it,
 * and then every later one fails too.
 */
function parenDefault(description: string): RegExpExecArray | null {
  const at = description.search(/\(default:/i);
  if (at === -1) return null;
  PAREN_DEFAULT.lastIndex = at;
  return PAREN_DEFAULT.exec(description);
}
