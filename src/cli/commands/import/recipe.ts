// A loose recipe read for import: its title, the facts it states (**Complexity**: Medium), its `##`
// sections, and its steps (`### 1. Name` or `### Step 1: Name` under a section that holds them).
// What cannot become a scenario (an index, a record of work already done, no steps) is declined here.
import type { Heading, RootContent } from "mdast";
import { plainText } from "../../../application/authoring/mdast.ts";
import { parseMarkdown } from "../../../scenario/index.ts";

export interface RecipeSection {
  title: string;
  heading: Heading;
  nodes: RootContent[];
}

export interface RecipeStep {
  name: string;
  heading: Heading;
  nodes: RootContent[];
}

export interface Recipe {
  file: string;
  title: string;
  /** `## Scenario ID: \`x\`` or `**ID**: x`, when the recipe states one. */
  declaredId?: string;
  /** `**Key**: value` lines of the introduction, keys lowercased. */
  facts: Map<string, string>;
  /** What comes before the first `##`. */
  intro: RootContent[];
  sections: RecipeSection[];
  /** Sections whose `###` headings are the steps. */
  containers: Set<RecipeSection>;
  steps: RecipeStep[];
}

export type Reading = { recipe: Recipe } | { declined: string };

const NUMBERED = /^\s*(?:step\s+)?\d+\s*[.):]\s*/i;
const DONE = /✅|\bcompleted\b/i;

/** `### 1. Create Service Directory (2 minutes)` -> `Create Service Directory`. */
export function stepName(heading: string): string {
  return heading
    .replace(NUMBERED, "")
    .replace(/✅/g, "")
    .replace(/\s*\((?:[^()]*\d+\s*(?:min|minutes?|hours?|h)\b[^()]*|optional|if [^()]*)\)\s*$/i, "")
    .replace(/[:\s]+$/, "")
    .trim();
}

function factsOf(nodes: RootContent[], facts: Map<string, string>): void {
  for (const node of nodes) {
    if (node.type !== "paragraph") continue;
    for (const line of plainText(node).split("\n")) {
      const m = /^\s*([A-Za-z][A-Za-z ]{1,30}):\s*(.+?)\s*$/.exec(line);
      if (m) facts.set((m[1] as string).toLowerCase(), m[2] as string);
    }
  }
}

export function readRecipe(text: string, file: string): Reading {
  const root = parseMarkdown(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
  const base = file.split(/[/\\]/).pop() ?? file;
  const first = root.children[0];
  const h1 = first?.type === "heading" && first.depth === 1 ? plainText(first).trim() : "";
  const title = h1.replace(/^.*?\bscenario\s*:\s*/i, "").trim() || base.replace(/\.md$/i, "");
  if (/^(index|readme)\.md$/i.test(base) || /\bindex\b/i.test(h1)) {
    return {
      declined: "an index of other documents: it changes nothing in a repository, so there is nothing to run",
    };
  }

  const intro: RootContent[] = [];
  const sections: RecipeSection[] = [];
  for (const node of root.children.slice(h1 ? 1 : 0)) {
    if (node.type === "heading" && node.depth <= 2) {
      sections.push({ title: plainText(node).trim(), heading: node, nodes: [] });
    } else if (sections.length) sections.at(-1)?.nodes.push(node);
    else intro.push(node);
  }

  const facts = new Map<string, string>();
  factsOf(intro, facts);
  let declaredId: string | undefined;
  for (const s of sections) {
    const id = /^scenario id\s*:/i.test(s.title)
      ? s.heading.children.find((c) => c.type === "inlineCode")
      : undefined;
    if (id?.type === "inlineCode") {
      declaredId = id.value;
      factsOf(s.nodes, facts);
    }
  }

  const containers = new Set<RecipeSection>();
  const steps: RecipeStep[] = [];
  for (const section of sections) {
    const headings = section.nodes.filter((n): n is Heading => n.type === "heading" && n.depth === 3);
    const numbered = headings[0] && NUMBERED.test(plainText(headings[0]));
    if (!numbered) continue;
    containers.add(section);
    let current: RecipeStep | undefined;
    for (const node of section.nodes) {
      if (node.type === "heading" && node.depth <= 3) {
        const name = plainText(node);
        current = NUMBERED.test(name) ? { name: stepName(name), heading: node, nodes: [] } : undefined;
        if (current) steps.push(current);
      } else current?.nodes.push(node);
    }
  }

  const done =
    [...containers].some((c) => DONE.test(c.title)) || steps.some((s) => DONE.test(plainText(s.heading)));
  if (done) {
    return {
      declined:
        "a record of work already done (its steps are marked ✅ or COMPLETED): a retrospective, not a recipe to repeat; write the next such change as a scenario instead",
    };
  }
  if (steps.length === 0) {
    return {
      declined:
        "no numbered steps (### 1. Name or ### Step 1: Name) under any section: a checklist or a guide, with nothing to run in order",
    };
  }
  return {
    recipe: { file, title, ...(declaredId ? { declaredId } : {}), facts, intro, sections, containers, steps },
  };
}
