// A throwaway clone of the user's repository for `scenario test`: every object shared (read through
// git's alternates, nothing copied and nothing written back), no checkout of its own, and no remote,
// so nothing a test runs can reach the user's branches. Removed with everything a test left in it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ScenarioBotError } from "../errors/index.ts";
import { GitError, git } from "./git.ts";

/** The base named for a test is no commit of the repository. */
export class BaseNotFoundError extends ScenarioBotError {
  override name = "BaseNotFoundError";
  readonly kind = "input";
  constructor(base: string, repo: string) {
    super(`"${base}" is no branch, tag or commit of ${repo}`, { hints: [{ do: "set", setting: "base" }] });
  }
}

export interface ThrowawayClone {
  dir: string;
  /** The commit the test starts from. */
  baseSha: string;
  remove(): void;
}

/** Clones `repo` into a new temporary folder; `base` is a branch, tag or commit of `repo`. */
export async function throwawayClone(repo: string, base: string): Promise<ThrowawayClone> {
  const baseSha = (
    await git(["rev-parse", "--verify", "--quiet", `${base}^{commit}`], { cwd: repo }).catch((error) => {
      throw error instanceof GitError ? new BaseNotFoundError(base, repo) : error;
    })
  ).trim();
  const dir = mkdtempSync(path.join(tmpdir(), "scenario-test-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await git(["clone", "--quiet", "--shared", "--no-checkout", repo, dir], { cwd: repo });
    await git(["remote", "remove", "origin"], { cwd: dir });
    return { dir, baseSha, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

/** What must not change in the user's checkout: its HEAD, its branches and its working tree's state. */
export async function checkoutFingerprint(repo: string): Promise<string> {
  // GIT_OPTIONAL_LOCKS=0: reading the status must not refresh the index of a checkout promised untouched.
  const env = { ...process.env, GIT_OPTIONAL_LOCKS: "0" };
  const read = (args: string[]) => git(args, { cwd: repo, env });
  return (
    await Promise.all([
      read(["rev-parse", "HEAD"]),
      read(["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads"]),
      read(["status", "--porcelain", "--untracked-files=all", "--", ".", ":!.scenario"]),
    ])
  ).join("\n--\n");
}
