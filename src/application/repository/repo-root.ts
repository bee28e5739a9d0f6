// The repository a command works on: the nearest folder up from `dir` holding `.git` (a folder, or a
// file in worktrees). One rule for every command that starts from a folder rather than a checkout.
import fs from "node:fs";
import path from "node:path";

/** The git top level around `dir`, or undefined outside any repository. */
export function findGitRoot(dir: string): string | undefined {
  let at = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(at, ".git"))) return at;
    const parent = path.dirname(at);
    if (parent === at) return undefined;
    at = parent;
  }
}

/** The git top level around `cwd`, else `cwd` itself (commands that also work outside a repository). */
export function findRepoRoot(cwd: string): string {
  return findGitRoot(cwd) ?? path.resolve(cwd);
}
