// A recipe in, a draft scenario out (or the reason there is none). The draft is checked by the real
// parser and repaired where it can be (application/authoring/finish-draft.ts). Deterministic: the
// same recipe gives the same draft, byte for byte, and nothing but the text is read.
import { type FinishedDraft, finishDraft } from "../../../application/authoring/finish-draft.ts";
import { draftOf } from "./draft.ts";
import { readRecipe } from "./recipe.ts";

export type ImportResult = ({ kind: "drafted" } & FinishedDraft) | { kind: "declined"; reason: string };

export function importRecipe(text: string, file: string): ImportResult {
  const reading = readRecipe(text, file);
  if ("declined" in reading) return { kind: "declined", reason: reading.declined };
  const finished = finishDraft(draftOf(reading.recipe), {
    tool: "import",
    from: `scenario import from ${file}`,
    source: "the recipe",
    parametersGuess:
      "the names a reader of the recipe would replace; merge the ones that mean the same thing",
  });
  return { kind: "drafted", ...finished };
}
