// git as a process, for reading the checkouts the trial works on. GIT_OPTIONAL_LOCKS=0: reading
// `git status` must not refresh the index of a checkout the trial promises not to touch.
import { spawnSync } from "node:child_process";

export function git(dir: string, ...args: string[]): string {
  const result = spawnSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(
      `git ${args.join(" ")} in ${dir} failed: ${result.stderr.trim() || result.error?.message}`,
    );
  return result.stdout.trimEnd();
}

export function isRepoRoot(dir: string): boolean {
  const result = spawnSync("git", ["rev-parse", "--show-toplevel"], { cwd: dir, encoding: "utf8" });
  return result.status === 0 && result.stdout.trim() === dir;
}
