// The throwaway copy a trial runs on: the checkout copied to a temporary folder (its git directory
// included; the original is only read), or made a git repository with one commit on `main` when the
// folder is not one (examples/monorepo). Its `.scenario` (a store of earlier runs) is left behind.
import { chmodSync, cpSync, mkdtempSync, readdirSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { git, isRepoRoot } from "./git.ts";

export interface TrialCopy {
  dir: string;
  /** The branch runs start from and its commit. */
  baseBranch: string;
  baseSha: string;
  /** The folder was not a git repository: the copy got `git init` and one commit. */
  initialised: boolean;
  remove: () => void;
}

export function copyCheckout(checkout: string): TrialCopy {
  const source = realpathSync(checkout);
  if (!statSync(source).isDirectory()) throw new Error(`${checkout} is not a folder`);
  const dir = mkdtempSync(path.join(tmpdir(), "scenario-trial-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    cpSync(source, dir, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (from) => path.relative(source, from) !== ".scenario",
    });
    // A read-only original gives read-only copies; the runs write into theirs.
    makeWritable(dir);
    const initialised = !isRepoRoot(source);
    if (initialised) {
      git(dir, "init", "-q", "-b", "main");
      git(dir, "add", "-A");
      git(
        dir,
        "-c",
        "user.name=trial",
        "-c",
        "user.email=trial@localhost",
        "commit",
        "-q",
        "-m",
        "trial base",
      );
    }
    return {
      dir,
      baseBranch: git(dir, "symbolic-ref", "--short", "HEAD"),
      baseSha: git(dir, "rev-parse", "HEAD"),
      initialised,
      remove,
    };
  } catch (error) {
    remove();
    throw error;
  }
}

function makeWritable(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isSymbolicLink()) continue;
    const file = path.join(entry.parentPath, entry.name);
    chmodSync(file, statSync(file).mode | 0o200);
  }
  chmodSync(dir, statSync(dir).mode | 0o200);
}
