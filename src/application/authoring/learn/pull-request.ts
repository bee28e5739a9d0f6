// A merged pull request as `/scenario learn` reads it: its title and body, and its files as GitHub's
// "list pull request files" gives them (status, patch), with the text of each added file at the merge
// commit when it could be copied. Pure data: the dialogue reads it through the host, the draft is
// made from it without any I/O.

/** GitHub's `status` of a pull request file (the `diff-entry` schema). */
export type FileStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";

export interface LearnedFile {
  filename: string;
  status: FileStatus;
  /** The unified diff's hunks; GitHub leaves it out for binary files and very large diffs. */
  patch?: string;
  previousFilename?: string;
  additions: number;
  deletions: number;
  /** An added file's text at the merge commit, when it was copied. */
  content?: string;
  /** Why an added file's text was not copied (binary, too large, a path a block cannot hold). */
  notCopied?: string;
  /** The first syntax error of a copied text that did not parse as merged (`line:column message`). */
  syntaxError?: string;
}

export interface LearnedPullRequest {
  number: number;
  title: string;
  body: string;
  /** The pull request's page. */
  url: string;
  files: LearnedFile[];
  /** Of the folders `namedFolders` gives, those that were there before the pull request. */
  existedBefore?: string[];
}
