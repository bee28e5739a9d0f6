// `/scenario learn`'s drafting, pure: a merged pull request in, the draft document and where it goes
// out (`<scenarios>/<object type>/<id>.md`, as `scenario new` writes), checked by the real parser and
// within the size the catalog reads a document at: shorter diffs, then none, then fewer files copied.
import { MAX_DOCUMENT_BYTES } from "../../repository/catalog.ts";
import { type FinishedDraft, finishDraft } from "../finish-draft.ts";
import { type DraftOrigin, renderDraft } from "../render.ts";
import { type DraftFit, draftOfPullRequest } from "./draft-pull-request.ts";
import { LEARN_LIMITS } from "./limits.ts";
import type { LearnedPullRequest } from "./pull-request.ts";

/** What a draft holds, most first: the first that fits is written. */
const FITS: DraftFit[] = [
  { patchLines: LEARN_LIMITS.patchLines, copyBytes: MAX_DOCUMENT_BYTES },
  { patchLines: 20, copyBytes: MAX_DOCUMENT_BYTES },
  { patchLines: 0, copyBytes: MAX_DOCUMENT_BYTES * 0.75 },
  { patchLines: 0, copyBytes: MAX_DOCUMENT_BYTES * 0.25 },
  { patchLines: 0, copyBytes: 0 },
];

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
  const origin: DraftOrigin = {
    tool: "learn",
    from: `/scenario learn from pull request #${pr.number} (${pr.url})`,
    source: "the pull request",
    parametersGuess:
      "the name the pull request introduced, in every case it is written in; check that each place it stands is one a later run changes",
  };
  // Rendering is cheap and parsing is not: the first fit whose rendering is small enough is finished.
  let draft = draftOfPullRequest(pr, options.takenIds, FITS[0] as DraftFit);
  for (const fit of FITS.slice(1)) {
    if (Buffer.byteLength(renderDraft(draft, origin)) <= MAX_DOCUMENT_BYTES) break;
    draft = draftOfPullRequest(pr, options.takenIds, fit);
  }
  const finished = finishDraft(draft, origin);
  const size = Buffer.byteLength(finished.text);
  if (size > MAX_DOCUMENT_BYTES) {
    finished.problems.push({
      message: `the draft is ${size} bytes, more than the ${MAX_DOCUMENT_BYTES} a scenario document may have`,
      hint: "learn from a pull request with fewer files",
      position: { file: `${draft.id}.md`, line: 1, column: 1 },
    });
  }
  return {
    ...finished,
    path: `${options.scenariosDir.replace(/\/+$/, "")}/${draft.objectType}/${draft.id}.md`,
    parameters: draft.parameters.map((p) => ({ name: p.name, spellings: p.spellings })),
  };
}
