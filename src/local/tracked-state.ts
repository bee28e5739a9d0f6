// `.scenario/` is this machine's own state: the embedded database, the manual steps' task files, the
// runs' worktrees. It is never committed (the CLI keeps it out of `git status`), and a repository that
// tracks files there hands every clone someone else's runs, locks and ticked boxes, which the CLI would
// take as its own. So a command that uses it first asks git whether anything there is tracked.
import { git } from "./git.ts";

/** Files of `.scenario/` that git tracks in the checkout at `root`: the first `limit`, and how many. */
export async function trackedStateFiles(
  root: string,
  limit = 3,
): Promise<{ files: string[]; count: number }> {
  const out = await git(["ls-files", "-z", "--", ".scenario"], { cwd: root });
  const files = out.split("\0").filter(Boolean);
  return { files: files.slice(0, limit), count: files.length };
}
