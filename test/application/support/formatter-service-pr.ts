// A real merged change as `/scenario learn` meets it: raybunnage/dhg-mono's "Add FormatterService
// singleton" (test/fixtures/dhg-learn-pr), its files as GitHub's list-files API shapes them (status,
// patch) and their text at the merge commit.
import { readFileSync } from "node:fs";
import type { LearnedPullRequest } from "../../../src/application/authoring/learn/pull-request.ts";

export interface RecordedPullRequest {
  source: string;
  title: string;
  body: string;
  files: {
    filename: string;
    status: "added" | "modified" | "removed";
    additions: number;
    deletions: number;
    changes: number;
    patch: string;
  }[];
  /** Every file the change touches, as it is at the merge commit. */
  contents: Record<string, string>;
}

export const formatterServicePr: RecordedPullRequest = JSON.parse(
  readFileSync(new URL("../../fixtures/dhg-learn-pr/formatter-service.json", import.meta.url), "utf8"),
);

/** The pull request as the dialogue hands it to the drafting: added files with their text. */
export function learnedPullRequest(
  number = 7,
  pr: RecordedPullRequest = formatterServicePr,
): LearnedPullRequest {
  return {
    number,
    title: pr.title,
    body: pr.body,
    url: `https://github.com/acme/mono/pull/${number}`,
    files: pr.files.map((f) => ({
      ...f,
      ...(f.status === "added" ? { content: pr.contents[f.filename] as string } : {}),
    })),
  };
}
