// A recipe in, a draft scenario out (or the reason there is none). The draft is checked by the real
// parser; a step whose blocks the parser refuses (a placeholder in a quoted heredoc, in arithmetic)
// becomes a manual step showing them, so that what is written always validates. Deterministic:
// the same recipe gives the same draft, byte for byte, and nothing but the text is read.
import type { List, Root } from "mdast";
import { type DocumentProblem, parseMarkdown, parseScenario } from "../../../scenario/index.ts";
import { type Draft, draftOf } from "./draft.ts";
import { plainText } from "./mdast.ts";
import { readRecipe } from "./recipe.ts";
import { renderDraft } from "./render.ts";
import { toExample } from "./steps.ts";

export type ImportResult =
  | {
      kind: "drafted";
      id: string;
      text: string;
      steps: number;
      automated: number;
      guesses: number;
      problems: DocumentProblem[];
    }
  | { kind: "declined"; reason: string };

const REPAIRS = 10;

/** The step (0-based) of the `## Steps` list whose item holds `line`, if any. */
function stepAt(root: Root, line: number): number | undefined {
  const at = root.children.findIndex(
    (n) => n.type === "heading" && n.depth === 2 && plainText(n) === "Steps",
  );
  const list = root.children[at + 1];
  if (at === -1 || list?.type !== "list") return undefined;
  const index = (list as List).children.findIndex(
    (i) => (i.position?.start.line ?? 0) <= line && line <= (i.position?.end.line ?? 0),
  );
  return index === -1 ? undefined : index;
}

function demote(draft: Draft, index: number, why: string): void {
  const step = draft.steps[index];
  if (!step || step.kind === "manual") return;
  step.kind = "manual";
  step.content = step.content.map(toExample);
  if (step.checklist.length === 0) step.checklist.push(step.name);
  step.guesses.push(`shown, not run: ${why}`);
}

export function importRecipe(text: string, file: string): ImportResult {
  const reading = readRecipe(text, file);
  if ("declined" in reading) return { kind: "declined", reason: reading.declined };
  const draft = draftOf(reading.recipe);
  let out = renderDraft(draft, file);
  let problems = parseScenario(out, { file: `${draft.id}.md` }).problems;
  for (let n = 0; n < REPAIRS && problems.length; n++) {
    const root = parseMarkdown(out);
    const before = draft.steps.map((s) => s.kind).join();
    for (const p of problems) {
      const index = stepAt(root, p.position.line);
      if (index !== undefined) demote(draft, index, p.message);
    }
    if (draft.steps.map((s) => s.kind).join() === before) break;
    out = renderDraft(draft, file);
    problems = parseScenario(out, { file: `${draft.id}.md` }).problems;
  }
  const automated = draft.steps.filter((s) => s.kind === "automated").length;
  const guesses = (out.match(/<!-- import: guessed/g) ?? []).length;
  return {
    kind: "drafted",
    id: draft.id,
    text: out,
    steps: draft.steps.length,
    automated,
    guesses,
    problems,
  };
}
