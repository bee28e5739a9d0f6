// What a run will not see: a run works in a worktree made from the base branch's last commit, so the
// checkout's uncommitted changes (edited, staged or new files) stay out of it. The CLI warns with these.
import { git } from "./git.ts";

/** Paths with uncommitted changes in the checkout at `root` (`.scenario/` is excluded), at most `limit`. */
export async function uncommittedChanges(
  root: string,
  limit = 200,
): Promise<{ paths: string[]; more: number }> {
  // GIT_OPTIONAL_LOCKS=0: asking must not refresh (write) the checkout's index.
  const out = await git(["status", "--porcelain=v1", "-z", "--untracked-files=normal"], {
    cwd: root,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" },
  });
  const paths: string[] = [];
  const entries = out.split("\0").filter(Boolean);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as string;
    // A rename or copy is followed by its source path: skip that one.
    if (/^[RC]/.test(entry)) i++;
    paths.push(entry.slice(3));
  }
  return { paths: paths.slice(0, limit), more: Math.max(0, paths.length - limit) };
}

/** The warning for `scenario run`, or undefined when the checkout is clean. */
export function uncommittedWarning(
  changes: { paths: string[]; more: number },
  base: string,
  sha: string,
): string | undefined {
  const total = changes.paths.length + changes.more;
  if (total === 0) return undefined;
  const shown = changes.paths.slice(0, 5).join(", ");
  const rest = total > 5 ? ` and ${total - 5} more` : "";
  return (
    `warning: ${total} uncommitted change${total === 1 ? "" : "s"} in this checkout (${shown}${rest}) will not be seen by the run: ` +
    `it works in its own worktree from ${base} at ${sha.slice(0, 8)}. Commit them first if the run needs them.`
  );
}
