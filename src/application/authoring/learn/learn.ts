// `/scenario learn`'s drafting, pure: a merged pull request in, the draft document and where it goes
// out (`<scenarios>/<object type>/<id>.md`, as `scenario new` writes), checked by the real parser.
import { type FinishedDraft, finishDraft } from "../finish-draft.ts";
import { draftOfPullRequest } from "./draft-pull-request.ts";
import type { LearnedPullRequest } from "./pull-request.ts";

export interface LearnedDraft extends FinishedDraft {
  /** Repository path of the document. */
  path: string;
  /** The parameters, each with the spellings it stands for. */
  parameters: { name: string; spellings: string[] }[];
}

export function learnFromPullRequest(
  pr: LearnedPullRequest,
  options: { scenariosDir: string; takenIds: ReadonlySet<string> },
): LearnedDraft {
  const draft = draftOfPullRequest(pr, options.takenIds);
  const finished = finishDraft(draft, {
    tool: "learn",
    from: `/scenario learn from pull request #${pr.number} (${pr.url})`,
    source: "the pull request",
    parametersGuess:
      "the name the pull request introduced, in every case it is written in; check that each place it stands is one a later run changes",
  });
  return {
    ...finished,
    path: `${options.scenariosDir.replace(/\/+$/, "")}/${draft.objectType}/${draft.id}.md`,
    parameters: draft.parameters.map((p) => ({ name: p.name, spellings: p.spellings })),
  };
}
