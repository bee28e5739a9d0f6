// What a learned draft says about itself: its description from the pull request's body, its title and
// id from the pull request's title with the name that varies written as what it names.
import type { List, ListItem, RootContent } from "mdast";
import type { Complexity } from "../../../scenario/index.ts";
import { parseMarkdown } from "../../../scenario/index.ts";
import { SCENARIO_ID } from "../../../scenario/schema.ts";
import { kebabId } from "../draft.ts";
import { LEARN_LIMITS } from "./limits.ts";
import { nameFinder, type VaryingName } from "./varying-name.ts";

const MAX_ID = 60;

/** The pull request's description, as documentation: its paragraphs and lists, no headings, no HTML. */
export function descriptionOf(body: string): RootContent[] {
  const text = body.replace(/\r\n?/g, "\n").slice(0, LEARN_LIMITS.bodyChars);
  const strip = <T extends RootContent | ListItem>(node: T): T => {
    const { position: _, ...rest } = node as T & { position?: unknown };
    const copy = { ...rest } as Record<string, unknown>;
    if (node.type === "listItem") delete copy.checked;
    if ("children" in node)
      copy.children = (node.children as RootContent[]).filter((c) => c.type !== "html").map(strip);
    return copy as T;
  };
  return parseMarkdown(text)
    .children.filter((n) => n.type === "paragraph" || n.type === "list")
    .map((n) => strip(n as RootContent) as RootContent)
    .filter((n) => n.type !== "list" || (n as List).children.length > 0);
}

/** The title with the name that varies written as what it names (`Add FormatterService` -> `Add service`). */
export function generalTitle(title: string, name: VaryingName | undefined): string {
  const flat = title.replace(/\s+/g, " ").trim();
  if (!name) return flat;
  // A one-word name says nothing of what it names (`Add classification page`): the title keeps it.
  if (name.words.length < 2) return flat;
  const kind = name.words.at(-1) as string;
  let out = "";
  let last = 0;
  for (const o of nameFinder(name)(flat, false)) {
    out += flat.slice(last, o.start) + kind;
    last = o.end;
  }
  return out + flat.slice(last);
}

export function idFor(title: string, number: number, taken: ReadonlySet<string>): string {
  let id = kebabId(title);
  if (id.length > MAX_ID) id = id.slice(0, MAX_ID).replace(/-[^-]*$/, "");
  if (!SCENARIO_ID.test(id)) id = `learned-from-pr-${number}`;
  return taken.has(id) ? `${id}-from-pr-${number}` : id;
}

export function complexityOf(steps: number): Complexity {
  return steps <= 3 ? "simple" : steps <= 7 ? "medium" : "complex";
}
