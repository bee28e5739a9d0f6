// Workspace on a runner: the checkout, with the run branch pushed to `origin` after every checkpoint
// commit, so a runner that dies loses at most the step in flight and a later job (resume, rollback)
// continues from what was pushed. A reset is pushed with --force-with-lease against what this job
// last pushed, so it never overwrites commits it has not seen.
import type { CheckpointTrailer, Workspace } from "../../engine/ports.ts";
import { remoteGit } from "../git/credentials.ts";

export interface PushingWorkspaceOptions {
  /** The local git workspace doing the work (src/local's GitWorkspace on the checkout). */
  inner: Workspace;
  /** The repository (the checkout) that holds the run branch; git's remote commands run there. */
  repo: string;
  remote?: string;
  log?: (message: string) => void;
}

export class PushingWorkspace implements Workspace {
  readonly #inner: Workspace;
  readonly #repo: string;
  readonly #remote: string;
  readonly #log: (message: string) => void;
  #branch: string | undefined;
  /** What the remote branch points at, as far as this job knows (the lease for a forced push). */
  #pushed: string | undefined;

  /** The inner workspace's: what a rollback left is in the local tree, nothing to push. */
  readonly differencesFrom?: (sha: string) => Promise<string[]>;

  constructor(options: PushingWorkspaceOptions) {
    this.#inner = options.inner;
    const differences = options.inner.differencesFrom?.bind(options.inner);
    if (differences) this.differencesFrom = differences;
    this.#repo = options.repo;
    this.#remote = options.remote ?? "origin";
    this.#log = options.log ?? (() => {});
  }

  get root(): string {
    return this.#inner.root;
  }

  async startBranch(branch: string, base: string): Promise<{ baseSha: string; headSha: string }> {
    // A branch an earlier job pushed is continued, not recreated from the base.
    if (await this.#remoteSha(branch)) await this.#fetch(branch);
    const result = await this.#inner.startBranch(branch, base);
    this.#branch = branch;
    await this.#push(branch);
    return result;
  }

  async checkout(branch: string): Promise<string> {
    await this.#fetch(branch);
    const sha = await this.#inner.checkout(branch);
    this.#branch = branch;
    this.#pushed = await this.#remoteSha(branch);
    return sha;
  }

  async commit(message: string, trailers: Record<string, string>): Promise<string> {
    const sha = await this.#inner.commit(message, trailers);
    if (this.#branch) await this.#push(this.#branch);
    return sha;
  }

  async commitChanges(message: string, trailers: Record<string, string>): Promise<string | undefined> {
    const sha = this.#inner.commitChanges
      ? await this.#inner.commitChanges(message, trailers)
      : await this.#inner.commit(message, trailers);
    if (sha && this.#branch) await this.#push(this.#branch);
    return sha;
  }

  async resetTo(sha: string): Promise<void> {
    await this.#inner.resetTo(sha);
    if (!this.#branch) return;
    const lease = this.#pushed ?? (await this.#remoteSha(this.#branch));
    const args = ["push", "--quiet", this.#remote, `refs/heads/${this.#branch}:refs/heads/${this.#branch}`];
    args.splice(
      1,
      0,
      lease ? `--force-with-lease=refs/heads/${this.#branch}:${lease}` : "--force-with-lease",
    );
    await this.#git(args);
    this.#pushed = sha;
    this.#log(`reset ${this.#branch} to ${sha.slice(0, 7)} on ${this.#remote}`);
  }

  headSha(): Promise<string> {
    return this.#inner.headSha();
  }

  async checkpoints(branch: string): Promise<CheckpointTrailer[]> {
    if (await this.#remoteSha(branch)) await this.#fetch(branch);
    return this.#inner.checkpoints(branch);
  }

  async hasBranch(branch: string): Promise<boolean> {
    return (await this.#inner.hasBranch(branch)) || (await this.#remoteSha(branch)) !== undefined;
  }

  async dispose(): Promise<void> {
    await this.#inner.dispose?.();
  }

  async #push(branch: string): Promise<void> {
    await this.#git(["push", "--quiet", this.#remote, `refs/heads/${branch}:refs/heads/${branch}`]);
    this.#pushed = await this.#inner.headSha();
    this.#log(`pushed ${branch} at ${this.#pushed.slice(0, 7)}`);
  }

  /** Brings the remote branch into the local repository (as a local branch when there is none yet). */
  async #fetch(branch: string): Promise<void> {
    await this.#git([
      "fetch",
      "--quiet",
      this.#remote,
      `+refs/heads/${branch}:refs/remotes/${this.#remote}/${branch}`,
    ]);
    const local = await this.#git(["branch", "--list", branch]);
    if (!local) await this.#git(["branch", "--quiet", branch, `refs/remotes/${this.#remote}/${branch}`]);
  }

  async #remoteSha(branch: string): Promise<string | undefined> {
    const out = await this.#git(["ls-remote", "--heads", this.#remote, `refs/heads/${branch}`]);
    return out.split(/\s+/)[0] || undefined;
  }

  #git(args: string[]): Promise<string> {
    return remoteGit(this.#repo, args);
  }
}
