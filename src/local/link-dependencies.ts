// A run's worktree is a fresh checkout of the base commit: no `node_modules`, so a validation step
// could not run `tsc`, vitest or import a workspace package. With `dependencies: link` the worktree
// gets the checkout's installed packages: each `node_modules` folder the checkout has at the root or in
// any folder the commit tracks is linked in at the same place. The links are git-ignored (anchored
// lines in the repository's info/exclude), so no checkpoint commits them and no rollback (`git clean`)
// removes them; removing the worktree removes the links, never what they point at.
import {
  appendFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
} from "node:fs";
import path from "node:path";

/** Folders of the worktree looked at; a larger tree is linked as far as this goes. */
export const MAX_FOLDERS = 50_000;

/** Links `<checkout>/<dir>/node_modules` into `<worktree>/<dir>/` for every tracked `<dir>`; the paths linked. */
export function linkDependencies(checkout: string, worktree: string, excludeFile: string): string[] {
  const linked: string[] = [];
  const queue = [""];
  for (let seen = 0; queue.length > 0 && seen < MAX_FOLDERS; seen++) {
    const rel = queue.shift() as string;
    const target = path.join(checkout, rel, "node_modules");
    const link = path.join(worktree, rel, "node_modules");
    if (isDirectory(target) && !exists(link)) {
      symlinkSync(target, link, "dir");
      linked.push(path.posix.join(rel.split(path.sep).join("/"), "node_modules"));
    }
    for (const entry of readdirSync(path.join(worktree, rel), { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== ".git" && entry.name !== "node_modules")
        queue.push(path.join(rel, entry.name));
    }
  }
  ignore(excludeFile, linked);
  return linked;
}

/** Anchored patterns with no trailing slash: they match the links (a `node_modules/` line would not). */
function ignore(excludeFile: string, linked: string[]): void {
  if (linked.length === 0) return;
  const current = existsSync(excludeFile) ? readFileSync(excludeFile, "utf8") : "";
  const lines = new Set(current.split("\n").map((l) => l.trim()));
  const missing = linked.map((p) => `/${p}`).filter((p) => !lines.has(p));
  if (missing.length === 0) return;
  mkdirSync(path.dirname(excludeFile), { recursive: true });
  appendFileSync(
    excludeFile,
    `${current && !current.endsWith("\n") ? "\n" : ""}# scenario-bot: node_modules linked into run worktrees\n${missing.join("\n")}\n`,
  );
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}
