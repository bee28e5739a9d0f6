// The spare worktree: a finished run's worktree, kept cleaned inside the repository's git folder
// (`.git/scenario-spare`), that the next run starts from. Adding a worktree writes every file of the
// commit (dhg-mono's 2,536 files took 0.5 s to 2.8 s here, most of a run); starting from the spare
// rewrites only the files that differ between the two commits. What a run sees is the same either way:
// the base commit's files and nothing else. At most one spare per repository; a second finished
// worktree is removed as before. It waits in the git folder, not beside the runs' worktrees in
// `.scenario/worktrees/`, because tools that walk the working tree skip `.git` but not `.scenario`: a
// test runner from the repository's root (vitest globs dot folders; jest maps every package.json)
// would find a second copy of every test and package there.
// It changes hands by renaming its folder, which either happens whole or not at all: of two runs
// claiming it one gets it, and of two keeping theirs one does (`git worktree move` would instead move a
// worktree into a spare that is already there). `git worktree repair`, run inside, then tells git.
import { lstatSync, readFileSync, realpathSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { GitError, git, gitOk } from "./git.ts";

/** Where the spare is kept: in the repository's common git folder. */
export function spareDirOf(gitDir: string): string {
  return path.join(gitDir, "scenario-spare");
}

export interface WorktreePlaces {
  /** The repository's top level. */
  repo: string;
  /** The run's worktree (its folder holds the runs' worktrees). */
  root: string;
  /** Where the spare is kept (spareDirOf). */
  spare: string;
  /** The repository's common git folder (worktrees' admin folders are in its `worktrees/`). */
  gitDir: string;
}

/**
 * Makes the spare, if there is one, the worktree at `root`: the new `branch` made at `baseSha`, with
 * every file as the commit has it and nothing else (`checkout -f`, `clean -ffdx`), whatever the spare
 * held or was given while it waited. False when there is none to take, or it could not be made so
 * (it is then removed, and the caller adds a worktree as without it).
 */
export async function claimSpare(
  where: WorktreePlaces & { branch: string; baseSha: string },
): Promise<boolean> {
  const { repo, root, spare, gitDir, branch, baseSha } = where;
  if (!isSpareWorktree(spare, gitDir, path.dirname(root)) || !renamed(spare, root)) return false;
  const made = await gitOk(["clean", "-q", "-ffdx"], {
    cwd: root,
    before: [
      ["worktree", "repair"],
      ["checkout", "-q", "-f", "--no-recurse-submodules", "-b", branch, baseSha],
    ],
  });
  if (!made) await discardWorktree(repo, root);
  return made;
}

/**
 * Ends a run's use of the worktree at `root`: kept as the spare when there is none yet (HEAD detached
 * so the branch is free, every file as committed, nothing else: `checkout -f`, `clean -ffdx`, which
 * takes the dependency links too, never what they point at), else removed.
 */
export async function releaseWorktree({ repo, root, spare }: WorktreePlaces): Promise<void> {
  const cleaned = await gitOk(["clean", "-q", "-ffdx"], {
    cwd: root,
    before: [["checkout", "-q", "-f", "--detach"]],
  });
  if (cleaned && renamed(root, spare)) {
    // Whoever claims it repairs it too: one that failed here, or was claimed meanwhile, is no error.
    await gitOk(["worktree", "repair"], { cwd: spare });
    return;
  }
  await discardWorktree(repo, root);
}

/**
 * Whether `dir` is a worktree of this repository that a run left: a folder (not a link), whose `.git`
 * file names an admin folder in `<gitDir>/worktrees/`, which names `dir` itself or a run's worktree in
 * `worktreesDir` (where the spare was before git was told of the move). A spare that is anything else
 * (a link to the checkout, a folder naming another worktree's admin folder) would have `checkout -f`
 * and `clean -ffdx` run wherever it points: it is left alone.
 */
export function isSpareWorktree(dir: string, gitDir: string, worktreesDir: string): boolean {
  try {
    if (!lstatSync(dir).isDirectory() || !lstatSync(path.join(dir, ".git")).isFile()) return false;
    const named = adminDirOf(dir);
    if (!named) return false;
    const admin = realpathSync(named);
    if (path.dirname(admin) !== realpathSync(path.join(gitDir, "worktrees"))) return false;
    const back = path.resolve(admin, readFileSync(path.join(admin, "gitdir"), "utf8").trim());
    if (path.basename(back) !== ".git") return false;
    const worktree = path.dirname(back);
    return (
      realpathSync(path.dirname(worktree)) === realpathSync(worktreesDir) ||
      realpathSync(worktree) === realpathSync(dir)
    );
  } catch {
    return false;
  }
}

/** The admin folder a linked worktree's `.git` file names (`gitdir: ...`), or undefined when it names none. */
export function adminDirOf(worktree: string): string | undefined {
  try {
    const link = /^gitdir: (.+)$/m.exec(readFileSync(path.join(worktree, ".git"), "utf8"))?.[1];
    return link === undefined ? undefined : path.resolve(worktree, link);
  } catch {
    return undefined;
  }
}

/** Renames a folder; false when `from` is not there or `to` is (a folder with something in it). */
function renamed(from: string, to: string): boolean {
  try {
    renameSync(from, to);
    return true;
  } catch {
    return false;
  }
}

/**
 * Removes a worktree; one git no longer knows at that place (a spare claimed, then its admin folder
 * pruned) as a folder. Any other refusal (a worktree someone locked) is an error.
 */
export async function discardWorktree(repo: string, dir: string): Promise<void> {
  try {
    await git(["worktree", "remove", "--force", dir], { cwd: repo });
  } catch (error) {
    if (!(error instanceof GitError) || !/is not a working tree/.test(error.stderr)) throw error;
    rmSync(dir, { recursive: true, force: true });
    await git(["worktree", "prune"], { cwd: repo });
  }
}
