// The repository a command works on: the nearest folder up from `cwd` holding `.git` (a folder, or
// a file in worktrees), else `cwd` itself.
import fs from "node:fs";
import path from "node:path";

export function findRepoRoot(cwd: string): string {
  let dir = path.resolve(cwd);
  for (;;) {
    if (fs.existsSync(path.join(dir, ".git"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(cwd);
    dir = parent;
  }
}
