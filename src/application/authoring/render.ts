// A draft as a scenario document: built as mdast and serialised by src/markdown, the names that vary
// rewritten as placeholders, each guess an `<!-- <tool>: guessed ... -->` comment beside its subject.
import type { BlockContent, Code, ListItem, RootContent } from "mdast";
import * as md from "../../markdown/index.ts";
import type { Draft, DraftCondition } from "./draft.ts";
import { rewriteNode } from "./mdast.ts";
import type { GuessedParameter } from "./names.ts";

/** What differs between the tools that draft: `scenario import` and `/scenario learn`. */
export interface DraftOrigin {
  /** Names the guess comments (`<!-- import: guessed: ... -->`). */
  tool: "import" | "learn";
  /** Where the draft comes from, for its opening comment: `scenario import from x.md`. */
  from: string;
  /** Whose names the parameters stand for: `the recipe`, `the pull request`. */
  source: string;
  /** Why the parameters are these, for the author. */
  parametersGuess: string;
}

const PATTERNS = {
  kebab: "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
  snake: "^[a-z][a-z0-9_]*$",
};

/** A comment cannot hold `--` (nor `>` right after it). */
function commentText(text: string): string {
  return text.replace(/--+/g, "-");
}

/** Text with `code spans` as mdast inline nodes (a plain string would have its backticks escaped). */
function spans(text: string): md.Inline[] {
  return text
    .split(/`([^`]+)`/)
    .map((part, i) => (i % 2 ? md.code(part) : part))
    .filter((p) => p !== "");
}

function item(children: RootContent[], checked?: boolean): ListItem {
  return {
    type: "listItem",
    spread: false,
    ...(checked === undefined ? {} : { checked }),
    children: children as BlockContent[],
  };
}

function orderedList(items: ListItem[]): RootContent {
  return { type: "list", ordered: true, start: 1, spread: false, children: items };
}

function example(p: GuessedParameter): string {
  if (p.example !== undefined) return p.example;
  if (p.kind === "number") return String(p.min ?? 3000);
  const words = ["example", ...p.name.split("_").slice(p.name.includes("_") ? 0 : 1)];
  return words.join(p.base === "snake" ? "_" : "-");
}

function parameterLine(p: GuessedParameter, source: string): ListItem {
  const parts: md.Inline[] = [
    md.code(p.name),
    p.kind === "number" ? " (required, number): " : " (required): ",
  ];
  parts.push(`Stands for ${source}'s `);
  p.spellings.forEach((s, i) => {
    parts.push(...(i ? [", "] : []), md.code(s));
  });
  parts.push(" (guessed).");
  if (p.kind === "number") {
    if (p.min !== undefined) parts.push(` Min: ${p.min}. Max: ${p.max}.`);
  } else parts.push(" Pattern: ", md.code(PATTERNS[p.base]), ".");
  parts.push(" Example: ", md.code(example(p)));
  return item([md.paragraph(...parts)]);
}

export function renderDraft(draft: Draft, origin: DraftOrigin): string {
  const guess = (text: string): RootContent =>
    md.html(`<!-- ${origin.tool}: guessed: ${commentText(text)} -->`);
  const rewrite = (value: string, code: boolean) => draft.names.rewrite(value, code);
  const fix = <T extends RootContent>(node: T): T => rewriteNode(node, rewrite);
  const condition = (c: DraftCondition): ListItem => {
    const kids: RootContent[] = [md.paragraph(...spans(rewrite(c.text, false)))];
    if (c.guess) kids.push(guess(rewrite(c.guess, false)));
    if (c.check)
      kids.push({ type: "code", lang: "bash", meta: "check", value: rewrite(c.check, true) } as Code);
    return item(kids, false);
  };

  const automated = draft.steps.filter((s) => s.kind === "automated" || s.kind === "validation").length;
  const automation = Math.round((100 * automated) / Math.max(1, draft.steps.length));
  const meta: [string, md.Inline][] = [
    ["ID", md.code(draft.id)],
    ["Object Type", draft.objectType],
    ["Complexity", draft.complexity],
    ["Automation", `${automation}%`],
    ["Dependencies", "none"],
    ...(draft.minutes ? ([["Estimated Duration", `${draft.minutes} minutes`]] as [string, md.Inline][]) : []),
  ];

  const blocks: RootContent[] = [
    md.heading(1, `Scenario: ${draft.title}`),
    md.html(
      `<!-- ${origin.tool}: drafted by ${commentText(origin.from)}. Every guess is marked "${origin.tool}: guessed"; check each one, then delete these comments. -->`,
    ),
    ...draft.description.map(fix),
    md.heading(2, "Metadata"),
    guess(draft.metaGuesses.join("; ")),
    {
      type: "list",
      ordered: false,
      spread: false,
      children: meta.map(([k, v]) => item([md.paragraph(md.strong(k), ": ", v)])),
    },
    md.heading(2, "Parameters"),
  ];
  if (draft.parameters.length) {
    blocks.push(guess(origin.parametersGuess));
    blocks.push({
      type: "list",
      ordered: false,
      spread: false,
      children: draft.parameters.map((p) => parameterLine(p, origin.source)),
    });
  } else blocks.push(md.paragraph("None."));

  if (draft.preConditions.length) {
    blocks.push(md.heading(2, "Pre-Conditions"), orderedList(draft.preConditions.map(condition)));
  }

  blocks.push(md.heading(2, "Steps"));
  blocks.push(
    orderedList(
      draft.steps.map((s) => {
        const kids: RootContent[] = [md.paragraph(md.strong(rewrite(s.name, false)), ` [${s.kind}]`)];
        if (s.guesses.length) kids.push(guess(rewrite(s.guesses.join("; "), false)));
        kids.push(...s.content.map(fix));
        if (s.checklist.length) {
          kids.push({
            type: "list",
            ordered: false,
            spread: false,
            children: s.checklist.map((c) => item([md.paragraph(...spans(rewrite(c, false)))], false)),
          });
        }
        return item(kids);
      }),
    ),
  );

  blocks.push(md.heading(2, "Post-Validation"), orderedList(draft.postValidation.map(condition)));
  blocks.push(
    md.heading(2, "Rollback"),
    orderedList(
      draft.rollback.map((r) =>
        item([md.paragraph(md.strong(rewrite(r.name, false))), ...r.content.map(fix)]),
      ),
    ),
  );
  for (const doc of draft.documentation) {
    blocks.push(md.heading(2, doc.title), ...doc.nodes.map((n) => rewriteNode(n, (v) => v)));
  }
  return `${md.render(blocks)}\n`;
}
