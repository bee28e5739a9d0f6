// "Is this name mentioned in the repository's code?" through git grep: tracked and untracked
// files, whole words. Migrations are left out (a table's own CREATE is not a use of it), and so is
// archive/ (archived code does not count).
import { execFile } from "node:child_process";

export type MentionCheck = (word: string) => Promise<boolean>;

function gitGrep(repoRoot: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    execFile("git", ["-C", repoRoot, "grep", ...args], { maxBuffer: 1024 * 1024 }, (error) => {
      resolve(error ? Number((error as { code?: number }).code ?? 2) : 0);
    });
  });
}

export function gitMentions(repoRoot: string): MentionCheck {
  return async (word) => {
    const query = [
      "-q",
      "-I",
      "-w",
      "-F",
      "-e",
      word,
      "--",
      ".",
      ":(exclude,glob)**/migrations/**",
      ":(exclude,glob)archive/**",
    ];
    let status = await gitGrep(repoRoot, ["--untracked", ...query]);
    // Not a git repository: search the folder as it is.
    if (status === 128) status = await gitGrep(repoRoot, ["--no-index", ...query]);
    return status === 0;
  };
}
