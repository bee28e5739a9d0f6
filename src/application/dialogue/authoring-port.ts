// What `/scenario learn` asks of GitHub, through the dialogue's host: the pull request, its files, an
// added file's text at the merge commit, and a branch with the draft proposed as a pull request. Both
// hosts carry it with the same REST calls (src/github/draft-branch.ts); only their tokens differ.

export interface PullRequestFacts {
  number: number;
  title: string;
  body: string;
  state: string;
  merged: boolean;
  mergeCommitSha?: string;
  /** The base branch's commit the pull request was last compared with: the tree it changed. */
  baseSha: string;
  changedFiles: number;
  additions: number;
  deletions: number;
  /** The pull request's page, and its repository's (links in replies). */
  url: string;
  repoUrl: string;
}

export interface PullRequestFileEntry {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  additions: number;
  deletions: number;
  patch?: string;
  previousFilename?: string;
}

export interface ProposedFile {
  branch: string;
  base: string;
  path: string;
  content: string;
  message: string;
  title: string;
  body: string;
}

export type ProposalOutcome =
  | { kind: "opened"; pullRequest: number }
  /** The branch was there already (an earlier draft): nothing was written. */
  | { kind: "exists"; pullRequest?: number }
  /** The branch holds the draft, but the token may not open pull requests (a workflow's GITHUB_TOKEN). */
  | { kind: "refused"; setting: string };

export interface AuthoringPort {
  /** Undefined when there is no such pull request. */
  pullRequest(number: number): Promise<PullRequestFacts | undefined>;
  /** Its files in path order, at most `max`. */
  files(number: number, max: number): Promise<PullRequestFileEntry[]>;
  fileText(path: string, ref: string, maxBytes: number): Promise<{ text: string } | { skipped: string }>;
  /** Whether a file or folder is there at `ref`. */
  exists(path: string, ref: string): Promise<boolean>;
  propose(file: ProposedFile): Promise<ProposalOutcome>;
}
