// A real `origin`: a bare repository on disk, and a checkout of it the way actions/checkout leaves
// one on a runner (fetch-depth 0, on the default branch). Removed by `dispose()`.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export interface GitOrigin {
  dir: string;
  bare: string;
  checkout: string;
  git(cwd: string, ...args: string[]): string;
  /** sha of a branch on origin, or undefined. */
  remoteSha(branch: string): string | undefined;
  /** Commit subjects on an origin branch, oldest first. */
  log(branch: string): string[];
  /** A fresh checkout of origin (a new job on a new runner). */
  freshCheckout(name: string): string;
  dispose(): void;
}

const IDENTITY = {
  GIT_AUTHOR_NAME: "test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "test",
  GIT_COMMITTER_EMAIL: "test@example.com",
};

export function createGitOrigin(
  options: { files?: Record<string, string>; copyDirs?: Record<string, string> } = {},
): GitOrigin {
  const dir = mkdtempSync(join(tmpdir(), "scenario-action-"));
  const bare = join(dir, "origin.git");
  const seed = join(dir, "seed");
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, ...IDENTITY } }).trim();
  git(dir, "init", "-q", "--bare", "-b", "main", bare);
  git(dir, "init", "-q", "-b", "main", seed);
  for (const [to, from] of Object.entries(options.copyDirs ?? {}))
    cpSync(from, join(seed, to), { recursive: true });
  for (const [path, content] of Object.entries(options.files ?? { "README.md": "# repo\n" })) {
    mkdirSync(dirname(join(seed, path)), { recursive: true });
    writeFileSync(join(seed, path), content);
  }
  git(seed, "add", "-A");
  git(seed, "commit", "-q", "-m", "initial");
  git(seed, "remote", "add", "origin", bare);
  git(seed, "push", "-q", "origin", "main");
  const freshCheckout = (name: string): string => {
    const path = join(dir, name);
    git(dir, "clone", "-q", bare, path);
    git(path, "config", "user.name", "github-actions[bot]");
    git(path, "config", "user.email", "41898282+github-actions[bot]@users.noreply.github.com");
    return path;
  };
  const checkout = freshCheckout("checkout");
  return {
    dir,
    bare,
    checkout,
    git,
    remoteSha: (branch) => {
      try {
        return git(bare, "rev-parse", "--verify", "--quiet", `refs/heads/${branch}`) || undefined;
      } catch {
        return undefined;
      }
    },
    log: (branch) => git(bare, "log", "--reverse", "--format=%s", branch).split("\n").filter(Boolean),
    freshCheckout,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The fake GitHub's branch table read live from the bare repository, so a pull request can be opened
 * for a branch the action has just pushed (GitHub refuses one whose head does not exist).
 */
export class OriginBranches extends Map<string, string> {
  readonly #bare: string;
  /** `seeded`: branches the fake already serves files for (its own commits) keep their sha. */
  constructor(bare: string, seeded?: Map<string, string>) {
    super(seeded ?? []);
    this.#bare = bare;
  }
  override get(branch: string): string | undefined {
    if (super.has(branch)) return super.get(branch);
    try {
      return execFileSync("git", ["rev-parse", "--verify", "--quiet", `refs/heads/${branch}`], {
        cwd: this.#bare,
        encoding: "utf8",
      }).trim();
    } catch {
      return undefined;
    }
  }
  override has(branch: string): boolean {
    return this.get(branch) !== undefined;
  }
}
