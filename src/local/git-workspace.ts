// The CLI's Workspace: a git worktree under `<repo>/.scenario/worktrees/<run-id>` on the run branch,
// so the user's checkout and working branch are never touched while a run writes and commits. With
// `spare`, a new run starts from the worktree the last one left (spare-worktree.ts).
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { CheckpointTrailer, Workspace } from "../engine/ports.ts";
import { GitError, git, gitOk } from "./git.ts";
import { linkDependencies } from "./link-dependencies.ts";
import {
  adminDirOf,
  claimSpare,
  releaseWorktree,
  spareDirOf,
  type WorktreePlaces,
} from "./spare-worktree.ts";

export interface GitWorkspaceOptions {
  /** The user's repository (any directory inside it). */
  repo: string;
  runId: string;
  /** Where worktrees live; default `<repo>/.scenario/worktrees`. */
  worktreesDir?: string;
  /** Identity for checkpoint commits when the repository has none configured. */
  fallbackIdentity?: { name: string; email: string };
  /** `link` (default): the worktree gets the checkout's `node_modules` folders (link-dependencies.ts); `none`. */
  dependencies?: "link" | "none";
  /** Whose `node_modules` are linked (default: the repository's own checkout; `scenario test`: the user's). */
  dependenciesFrom?: string;
  /**
   * The repository's top level and common git folder, when the caller already asked git (the CLI's
   * `run` asks in the same process as the checked-out commit: see repoLocationArgs). Else open() asks.
   */
  located?: RepoLocation;
  /**
   * The base branch's commit as the caller has just read it (`scenario run`: the checked-out branch,
   * read along with the warning about uncommitted changes, which names this commit): startBranch
   * starts from it instead of asking git again. Not for a run that may wait for a lock first.
   */
  knownBase?: { branch: string; sha: string };
  /**
   * Keep the worktree when the run ends, as the spare, and start a new run from the spare when there
   * is one (spare-worktree.ts). The CLI's runs; not a job that runs once on a fresh runner (the
   * Action) nor a throwaway clone.
   */
  spare?: boolean;
}

/** What `git rev-parse --show-toplevel --git-common-dir` says in `repo` (a relative common dir is relative to it). */
export interface RepoLocation {
  top: string;
  commonDir: string;
}

/** The rev-parse arguments whose first two output lines are a RepoLocation (others may follow). */
export const REPO_LOCATION_ARGS = ["--show-toplevel", "--git-common-dir"];

/** The RepoLocation of `rev-parse ...REPO_LOCATION_ARGS` output lines. */
export function repoLocationOf(lines: readonly string[]): RepoLocation {
  return { top: lines[0] ?? "", commonDir: lines[1] ?? "" };
}

export class GitWorkspace implements Workspace {
  readonly root: string;
  readonly repo: string;
  private readonly identity: { name: string; email: string };
  private identityArgs: Promise<string[]> | undefined;
  private readonly dependencies: "link" | "none";
  private readonly dependenciesFrom: string;
  /** The repository's common git folder (absolute). */
  private readonly gitDir: string;
  private knownBase: { branch: string; sha: string } | undefined;
  /** The worktree prepare() started adding, until startBranch takes it or abandon() undoes it. */
  private prepared: PreparedWorktree | undefined;
  /** Where the spare worktree is kept (GitWorkspaceOptions.spare), or undefined when none is. */
  private spareDir: string | undefined;

  private constructor(
    repo: string,
    root: string,
    identity: { name: string; email: string },
    dependencies: "link" | "none",
    gitDir: string,
    dependenciesFrom: string,
  ) {
    this.repo = repo;
    this.root = root;
    this.identity = identity;
    this.dependencies = dependencies;
    this.gitDir = gitDir;
    this.dependenciesFrom = dependenciesFrom;
  }

  /** Finds the repository's top level and prepares (but does not create) the run's worktree. */
  static async open(options: GitWorkspaceOptions): Promise<GitWorkspace> {
    // One process for both; a relative common dir is relative to the folder git ran in.
    const { top, commonDir } =
      options.located ??
      repoLocationOf(
        (await git(["rev-parse", ...REPO_LOCATION_ARGS], { cwd: options.repo })).trim().split("\n"),
      );
    const dir = options.worktreesDir ?? path.join(top, ".scenario", "worktrees");
    const gitDir = path.resolve(options.repo, commonDir);
    ignoreScenarioDir(excludeFileOf(gitDir));
    const workspace = new GitWorkspace(
      top,
      path.join(dir, options.runId),
      options.fallbackIdentity ?? { name: "scenario-bot", email: "scenario-bot@localhost" },
      options.dependencies ?? "link",
      gitDir,
      options.dependenciesFrom ?? top,
    );
    workspace.knownBase = options.knownBase;
    if (options.spare) workspace.spareDir = spareDirOf(gitDir);
    return workspace;
  }

  /**
   * Whether another run's worktree here is on a branch under `branchPrefix` (`scenario/<id>/`): a run
   * of the same scenario, waiting on a manual step or running, which may hold the lock a new one needs
   * (a lock is per scenario and target). `scenario run` then does not prepare a worktree the lock could
   * refuse: adding one takes ~1 s in a large repository, and the refused run waited for it. A hint
   * only, read from git's files without a process: the lock decides, and what cannot be read is no run.
   */
  runOnBranchesHere(branchPrefix: string): boolean {
    const head = `ref: refs/heads/${branchPrefix}`;
    const dir = path.dirname(this.root);
    try {
      return readdirSync(dir).some((name) => {
        if (name === path.basename(this.root)) return false;
        // Its `.git` file names its admin folder (not always after the folder: a spare keeps the name
        // of the run that made it), whose HEAD names the branch.
        const admin = adminDirOf(path.join(dir, name));
        return admin !== undefined && readQuietly(path.join(admin, "HEAD")).startsWith(head);
      });
    } catch {
      return false;
    }
  }

  /**
   * Starts adding the worktree of a run's `branch` at `base.sha` now (`scenario run`: while the store
   * opens), for startBranch to take once the engine has recorded the run and holds its lock. Only for
   * a branch that is new and this process's own (its name holds a run id just made) and a base the
   * caller has just read; a run that never reaches startBranch calls abandon(). The outcome, a
   * failure too, is startBranch's to report, as if the worktree were added then.
   */
  prepare(branch: string, base: { branch: string; sha: string }): void {
    if (this.prepared) throw new Error(`a worktree is already being prepared for ${this.prepared.branch}`);
    const created = mkdirSync(path.dirname(this.root), { recursive: true });
    const added = this.addWorktree(branch, base.sha);
    added.catch(() => {});
    this.prepared = { branch, base, added, ...(created ? { created } : {}) };
  }

  async startBranch(branch: string, base: string): Promise<{ baseSha: string; headSha: string }> {
    const prepared = this.prepared;
    this.prepared = undefined;
    let added: Promise<boolean> | undefined;
    let known = this.knownBase?.branch === base ? this.knownBase.sha : undefined;
    this.knownBase = undefined;
    if (prepared?.branch === branch && prepared.base.branch === base) {
      known = prepared.base.sha;
      added = prepared.added;
    } else if (prepared) {
      // Prepared for another branch or base: undone, and this one started as without it.
      this.prepared = prepared;
      await this.abandon();
    }
    const baseSha =
      known ?? (await git(["rev-parse", "--verify", `${base}^{commit}`], { cwd: this.repo })).trim();
    if (!added) {
      mkdirSync(path.dirname(this.root), { recursive: true });
      added = this.addWorktree(branch, baseSha);
    }
    if (await added) return { baseSha, headSha: baseSha };
    return { baseSha, headSha: await this.checkout(branch) };
  }

  /**
   * Undoes what prepare() made when the run never reached startBranch (refused by the lock, the store
   * would not open, Ctrl-C): the worktree, its `.git/worktrees/<run-id>` entry, the branch (only if it
   * still points at the base: this process made it) and the folders prepare() created. Nothing when
   * nothing was prepared or startBranch took it.
   */
  async abandon(): Promise<void> {
    const prepared = this.prepared;
    this.prepared = undefined;
    if (!prepared) return;
    // Whatever the add did, it is finished first. False: the branch was there when it failed, made
    // by the failed add itself (git makes it before it looks at the folder); prepare() is only for a
    // branch this process names, so it is no one else's. No worktree was added then.
    const outcome = await prepared.added.then(
      (added) => added,
      () => undefined,
    );
    // Git removes only a worktree it knows: a folder that stood in the way of a failed add stays.
    if (outcome !== false && existsSync(this.root))
      await this.release().catch((error: unknown) => {
        if (!(error instanceof GitError) || outcome) throw error;
      });
    if ((await this.branchSha(prepared.branch)) === prepared.base.sha)
      await git(["branch", "-D", "-q", prepared.branch], { cwd: this.repo });
    if (prepared.created) removeEmptyFolders(path.dirname(this.root), prepared.created);
  }

  // A new run's branch (its name holds a run id just made) does not exist yet: the worktree is added
  // without asking first, and only a failure asks whether the branch was there before (an Action job
  // continuing the branch an earlier one pushed): false then, nothing done, for startBranch to check
  // it out. Git reads every other worktree's metadata while adding one, and fails ("failed to read
  // .git/worktrees/<other>/commondir") when another run is adding its own at that moment: a retry may
  // reset the branch (-B) after clearing the half-made worktree, but only a branch the failed attempt
  // may have made itself, at the base commit.
  private async addWorktree(branch: string, baseSha: string): Promise<boolean> {
    if (await this.claimSpare(branch, baseSha)) {
      this.linkDependencies();
      this.lookUpIdentity();
      return true;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await git(["worktree", "add", "-q", attempt === 1 ? "-b" : "-B", branch, this.root, baseSha], {
          cwd: this.repo,
        });
        this.linkDependencies();
        this.lookUpIdentity();
        return true;
      } catch (error) {
        const raced = /\.git\/worktrees\//.test((error as Error).message);
        if (attempt === 1) {
          const sha = await this.branchSha(branch);
          // There before: `-b` refused it ("already exists"), or it points at another commit.
          if (sha !== undefined && (!raced || sha !== baseSha)) return false;
        }
        if (attempt >= 5 || !raced) throw error;
        rmSync(this.root, { recursive: true, force: true });
        await git(["worktree", "prune"], { cwd: this.repo });
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
      }
    }
  }

  /** The spare worktree made this run's (spare-worktree.ts), when this workspace keeps one and there is one. */
  private async claimSpare(branch: string, baseSha: string): Promise<boolean> {
    const spare = this.spareDir;
    return spare !== undefined && claimSpare({ ...this.places(spare), branch, baseSha });
  }

  /** Removes the worktree, or keeps it as the spare when this workspace keeps one (spare-worktree.ts). */
  private async release(): Promise<void> {
    const spare = this.spareDir;
    if (spare) await releaseWorktree(this.places(spare));
    else await git(["worktree", "remove", "--force", this.root], { cwd: this.repo });
  }

  private places(spare: string): WorktreePlaces {
    return { repo: this.repo, root: this.root, spare, gitDir: this.gitDir };
  }

  /** The commit `refs/heads/<branch>` points at, or undefined when there is no such branch. */
  private async branchSha(branch: string): Promise<string | undefined> {
    try {
      return (
        await git(["rev-parse", "--verify", "--quiet", `refs/heads/${branch}`], { cwd: this.repo })
      ).trim();
    } catch (error) {
      if (error instanceof GitError) return undefined;
      throw error;
    }
  }

  async checkout(branch: string): Promise<string> {
    if (existsSync(path.join(this.root, ".git"))) await this.clearStaleIndexLock();
    if (!existsSync(path.join(this.root, ".git"))) {
      await git(["worktree", "prune"], { cwd: this.repo });
      mkdirSync(path.dirname(this.root), { recursive: true });
      await git(["worktree", "add", "-q", this.root, branch], { cwd: this.repo });
      this.linkDependencies();
    } else {
      const current = (await git(["rev-parse", "--abbrev-ref", "HEAD"], { cwd: this.root })).trim();
      if (current !== branch) await git(["checkout", "-q", branch], { cwd: this.root });
    }
    return this.headSha();
  }

  /** The checkout's installed packages, linked in (never committed: see link-dependencies.ts). */
  private linkDependencies(): void {
    if (this.dependencies === "link")
      linkDependencies(this.dependenciesFrom, this.root, excludeFileOf(this.gitDir));
  }

  async commit(message: string, trailers: Record<string, string>): Promise<string> {
    return this.commitStaged(message, trailers, ["--allow-empty"]);
  }

  async commitChanges(message: string, trailers: Record<string, string>): Promise<string | undefined> {
    try {
      return await this.commitStaged(message, trailers, []);
    } catch (error) {
      // `git commit` refuses an empty commit with status 1; only then is nothing staged.
      if (
        error instanceof GitError &&
        error.args !== ADD_ALL &&
        (await gitOk(["diff", "--cached", "--quiet"], { cwd: this.root }))
      )
        return undefined;
      throw error;
    }
  }

  private async commitStaged(
    message: string,
    trailers: Record<string, string>,
    flags: string[],
  ): Promise<string> {
    const body = `${message.trim()}\n\n${Object.entries(trailers)
      .map(([k, v]) => `${k}: ${v.replace(/\s*\n\s*/g, " ")}`)
      .join("\n")}\n`;
    // core.abbrev=40 makes the summary line carry the full sha: one process instead of commit + rev-parse.
    // maintenance.auto=false: `git commit` would start `git maintenance run --auto` after every
    // checkpoint (a third process per step); it runs once when the run ends instead (dispose).
    // The message is an argument, not standard input: input goes through a file the spawn helper
    // rewrites, and rewriting a file on ext4 flushes it when closed (~2 ms a step here). One too long
    // for an argument (Linux takes 128 KiB) still goes through standard input.
    const long = Buffer.byteLength(body) > MAX_MESSAGE_ARGUMENT;
    const out = await git(
      [
        ...(await this.identityFlags()),
        ...["-c", "core.abbrev=40", "-c", "maintenance.auto=false"],
        ...["commit", ...flags, "--no-verify", ...(long ? ["-F", "-"] : ["-m", body])],
      ],
      // Everything staged first, in the same round trip to the spawn helper (`git add -A && git commit`).
      { cwd: this.root, before: [ADD_ALL], ...(long ? { input: body } : {}) },
    );
    const sha = /^\[[^\]]*?([0-9a-f]{40})\]/m.exec(out)?.[1];
    return sha ?? this.headSha();
  }

  async resetTo(sha: string): Promise<void> {
    await git(["reset", "-q", "--hard", sha], { cwd: this.root });
    await git(["clean", "-q", "-fd"], { cwd: this.root });
  }

  async differencesFrom(sha: string): Promise<string[]> {
    const changed = await git(["diff", "--name-status", "--no-renames", "-z", sha, "--"], { cwd: this.root });
    const untracked = await git(["ls-files", "--others", "--exclude-standard", "-z"], { cwd: this.root });
    const fields = changed.split("\0");
    const lines: string[] = [];
    for (let i = 0; i + 1 < fields.length; i += 2) lines.push(`${fields[i]}\t${fields[i + 1]}`);
    return [
      ...lines,
      ...untracked
        .split("\0")
        .filter(Boolean)
        .map((path) => `?\t${path}`),
    ];
  }

  async headSha(): Promise<string> {
    return (await git(["rev-parse", "HEAD"], { cwd: this.root })).trim();
  }

  async checkpoints(branch: string): Promise<CheckpointTrailer[]> {
    if (!(await this.hasBranch(branch))) return [];
    const format = "%H%x00%(trailers:only,unfold)%x1e";
    const out = await git(["log", "--reverse", "--grep=^Scenario-Run: ", `--format=${format}`, branch], {
      cwd: this.repo,
    });
    const found: CheckpointTrailer[] = [];
    for (const record of out.split("\x1e")) {
      const [sha, text = ""] = record.trim().split("\0");
      const trailers = parseTrailers(text);
      const run = trailers["Scenario-Run"];
      const step = trailers["Scenario-Step"];
      if (sha && run && step !== undefined && /^\d+$/.test(step)) {
        found.push({ sha, runId: run, step: Number(step), trailers });
      }
    }
    return found;
  }

  async hasBranch(branch: string): Promise<boolean> {
    return gitOk(["rev-parse", "--verify", "--quiet", `refs/heads/${branch}`], { cwd: this.repo });
  }

  /** The run branch `scenario/<id>/<run-id>` of a run, found by its id (resume when the store lost it). */
  async findRunBranch(runId: string): Promise<string | undefined> {
    // Any branch prefix: run ids are unique, so the last segment is enough.
    const out = await git(["for-each-ref", "--format=%(refname:short)", "refs/heads/"], { cwd: this.repo });
    return out
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line.endsWith(`/${runId}`));
  }

  /** A process killed inside `git commit` leaves index.lock behind; the run lock says nobody else is here. */
  private async clearStaleIndexLock(): Promise<void> {
    const gitDir = (await git(["rev-parse", "--absolute-git-dir"], { cwd: this.root })).trim();
    rmSync(path.join(gitDir, "index.lock"), { force: true });
  }

  /**
   * Removes the worktree, or keeps it as the spare (the branch stays), then does the housekeeping the
   * checkpoint commits left out (`git maintenance run --auto`: packs loose objects when there are
   * many), once for the whole run. Called when a run reaches an end state.
   */
  async dispose(): Promise<void> {
    const maintenance = ["maintenance", "run", "--auto", "--quiet"];
    const here = existsSync(this.root);
    if (here && this.spareDir) await this.release();
    const remove = ["worktree", "remove", "--force", this.root];
    try {
      // Both in one round trip to the spawn helper: the housekeeping runs once the removal succeeded.
      await git(maintenance, { cwd: this.repo, ...(here && !this.spareDir ? { before: [remove] } : {}) });
    } catch (error) {
      // Maintenance is best effort, as after a `git commit`: a git without `maintenance` (before 2.29)
      // ran `gc --auto` after each commit itself, since it does not know the setting that turned it
      // off. A removal that failed is an error.
      if (!(error instanceof GitError) || error.args !== maintenance) throw error;
    }
  }

  /**
   * Starts asking git for the configured identity (in the worktree, once it exists), so that the
   * answer is there by the first checkpoint commit rather than asked for by it.
   */
  private lookUpIdentity(): void {
    this.identityFlags().catch(() => {});
  }

  private identityFlags(): Promise<string[]> {
    if (!this.identityArgs) {
      const asked = this.askIdentity();
      this.identityArgs = asked;
      // A lookup that failed is asked again by the next commit (the commit fails with it, as before).
      asked.catch(() => {
        if (this.identityArgs === asked) this.identityArgs = undefined;
      });
    }
    return this.identityArgs;
  }

  private async askIdentity(): Promise<string[]> {
    // Git takes all four from the environment before any configuration: nothing to ask then.
    const env = process.env;
    if (IDENTITY_ENV.every((name) => env[name])) return [];
    // Both keys from one process (exit status 1 when neither is set).
    const set = await git(["config", "--get-regexp", "^user\\.(name|email)$"], { cwd: this.root }).catch(
      (error: unknown) => {
        if (error instanceof GitError) return "";
        throw error;
      },
    );
    const keys = new Set(set.split("\n").map((line) => line.split(" ")[0]));
    const email = keys.has("user.email");
    const name = keys.has("user.name");
    return [
      ...(name ? [] : ["-c", `user.name=${this.identity.name}`]),
      ...(email ? [] : ["-c", `user.email=${this.identity.email}`]),
    ];
  }
}

interface PreparedWorktree {
  branch: string;
  base: { branch: string; sha: string };
  /** addWorktree's promise: true when added, false when the branch was there before. */
  added: Promise<boolean>;
  /** The first folder prepare() created for the worktrees (mkdirSync's answer), if any. */
  created?: string;
}

/** `dir` and its parents up to `top`, each only if empty (as a refused run found them: not there). */
function removeEmptyFolders(dir: string, top: string): void {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return;
    }
    if (current === top || path.dirname(current) === current) return;
  }
}

/** The environment variables that make git's commit identity whatever user.name and user.email say. */
const IDENTITY_ENV = ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"];

const ADD_ALL = ["add", "-A"];
/** Bytes of a commit message passed as an argument; a longer one goes through standard input. */
const MAX_MESSAGE_ARGUMENT = 64 * 1024;

/** `.scenario/` holds the database, tasks and worktrees: keep it out of the user's `git status`. */
function ignoreScenarioDir(exclude: string): void {
  const current = existsSync(exclude) ? readFileSync(exclude, "utf8") : "";
  if (current.split("\n").some((line) => line.trim() === "/.scenario/")) return;
  mkdirSync(path.dirname(exclude), { recursive: true });
  appendFileSync(exclude, `${current && !current.endsWith("\n") ? "\n" : ""}/.scenario/\n`);
}

function parseTrailers(text: string): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const colon = line.indexOf(": ");
    if (colon > 0) trailers[line.slice(0, colon).trim()] = line.slice(colon + 2).trim();
  }
  return trailers;
}

/** The repository's own ignore list, beside its common git folder's config. */
function excludeFileOf(gitDir: string): string {
  return path.join(gitDir, "info", "exclude");
}

function readQuietly(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
