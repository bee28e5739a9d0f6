// A draft rendered and checked by the real parser. A step whose blocks the parser refuses (a
// placeholder in a quoted heredoc, in arithmetic) becomes a manual step showing them, so that what is
// written always validates; what still does not is returned as problems. Deterministic: the same
// draft gives the same document, byte for byte.
import type { List, Root } from "mdast";
import { type DocumentProblem, parseMarkdown, parseScenario } from "../../scenario/index.ts";
import { type Draft, toExample } from "./draft.ts";
import { plainText } from "./mdast.ts";
import { type DraftOrigin, renderDraft } from "./render.ts";

export interface FinishedDraft {
  id: string;
  text: string;
  steps: number;
  automated: number;
  guesses: number;
  /** What the parser still finds wrong (none, unless the draft is beyond repair). */
  problems: DocumentProblem[];
}

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

export function finishDraft(draft: Draft, origin: DraftOrigin): FinishedDraft {
  let out = renderDraft(draft, origin);
  let problems = parseScenario(out, { file: `${draft.id}.md` }).problems;
  for (let n = 0; n < REPAIRS && problems.length; n++) {
    const root = parseMarkdown(out);
    const before = draft.steps.map((s) => s.kind).join();
    for (const p of problems) {
      const index = stepAt(root, p.position.line);
      if (index !== undefined) demote(draft, index, p.message);
    }
    if (draft.steps.map((s) => s.kind).join() === before) break;
    out = renderDraft(draft, origin);
    problems = parseScenario(out, { file: `${draft.id}.md` }).problems;
  }
  const automated = draft.steps.filter((s) => s.kind === "automated").length;
  const guesses = out.split(`<!-- ${origin.tool}: guessed`).length - 1;
  return { id: draft.id, text: out, steps: draft.steps.length, automated, guesses, problems };
}
