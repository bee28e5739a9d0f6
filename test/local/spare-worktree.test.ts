import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GitWorkspace } from "../../src/local/git-workspace.ts";
import { gitIn, makeRepo } from "../support/engine-harness.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A repository whose `dist/` is ignored and whose checkout has installed packages (linked into worktrees). */
function repo(): string {
  const r = makeRepo({ "README.md": "# demo\n", ".gitignore": "dist/\n", "src/a.txt": "a\n" });
  cleanups.push(r.cleanup);
  mkdirSync(path.join(r.dir, "node_modules", "dep"), { recursive: true });
  return r.dir;
}

/** Where the spare waits: in the git folder, out of sight of tools that walk the working tree. */
const spareOf = (dir: string) => path.join(dir, ".git", "scenario-spare");
const open = (dir: string, runId: string) => GitWorkspace.open({ repo: dir, runId, spare: true });

/** What git lists of a worktree beyond its commit: changed, untracked and ignored paths. */
const notCommitted = (root: string) =>
  gitIn(root, "status", "--porcelain", "--ignored", "--untracked-files=all");

/** Ends a run that leaves everything it can behind: a commit, an untracked file, an ignored build, a change. */
async function messyRun(dir: string, runId: string): Promise<GitWorkspace> {
  const ws = await open(dir, runId);
  await ws.startBranch(`scenario/x/${runId}`, "main");
  writeFileSync(path.join(ws.root, "src", "a.txt"), `changed by ${runId}\n`);
  writeFileSync(path.join(ws.root, "committed.txt"), runId);
  await ws.commit(`step of ${runId}`, {});
  writeFileSync(path.join(ws.root, "untracked.txt"), runId);
  mkdirSync(path.join(ws.root, "dist"));
  writeFileSync(path.join(ws.root, "dist", "out.js"), runId);
  writeFileSync(path.join(ws.root, "README.md"), "not committed\n");
  await ws.dispose();
  return ws;
}

describe("the spare worktree (GitWorkspace with spare)", () => {
  it("keeps a finished run's worktree, detached and holding only committed files; the run's branch stays free", async () => {
    const dir = repo();
    const ws = await messyRun(dir, "s1");
    expect(existsSync(ws.root)).toBe(false);
    const spare = spareOf(dir);
    expect(gitIn(spare, "rev-parse", "--abbrev-ref", "HEAD")).toBe("HEAD");
    expect(notCommitted(spare)).toBe("");
    expect(gitIn(dir, "worktree", "list", "--porcelain")).toContain(`worktree ${spare}`);
    // It waits in the git folder: nothing is left where tools that walk the working tree look.
    expect(readdirSync(path.join(dir, ".scenario", "worktrees"))).toEqual([]);
    // Cleaning took the links to the checkout's packages, never what they point at.
    expect(existsSync(path.join(dir, "node_modules", "dep"))).toBe(true);
    // The branch is nobody's checkout: it can be deleted, as `scenario prune` does.
    gitIn(dir, "branch", "-D", "-q", "scenario/x/s1");
  });

  it("starts the next run from it with the base commit's files and nothing else, and keeps it again", async () => {
    const dir = repo();
    await messyRun(dir, "s1");
    // Whatever was done to the spare while it waited is gone too.
    writeFileSync(path.join(spareOf(dir), "left-in-spare.txt"), "x");
    writeFileSync(path.join(spareOf(dir), "README.md"), "edited in the spare\n");
    const base = gitIn(dir, "rev-parse", "main");
    const next = await open(dir, "s2");
    expect(await next.startBranch("scenario/x/s2", "main")).toEqual({ baseSha: base, headSha: base });
    expect(existsSync(spareOf(dir))).toBe(false);
    expect(gitIn(next.root, "rev-parse", "--abbrev-ref", "HEAD")).toBe("scenario/x/s2");
    expect(readFileSync(path.join(next.root, "src", "a.txt"), "utf8")).toBe("a\n");
    expect(readFileSync(path.join(next.root, "README.md"), "utf8")).toBe("# demo\n");
    for (const gone of ["committed.txt", "untracked.txt", "dist", "left-in-spare.txt"])
      expect(existsSync(path.join(next.root, gone))).toBe(false);
    // The checkout's packages are linked in again, and git-ignored as on a new worktree.
    expect(existsSync(path.join(next.root, "node_modules", "dep"))).toBe(true);
    expect(notCommitted(next.root)).toBe("!! node_modules");
    await next.dispose();
    expect(existsSync(spareOf(dir))).toBe(true);
  });

  it("starts from another base than the last run's, at that commit", async () => {
    const dir = repo();
    await messyRun(dir, "s1");
    gitIn(dir, "checkout", "-q", "-b", "dev");
    writeFileSync(path.join(dir, "src", "b.txt"), "b\n");
    gitIn(dir, "add", "-A");
    gitIn(dir, "commit", "-q", "-m", "dev");
    const dev = gitIn(dir, "rev-parse", "dev");
    const next = await open(dir, "s2");
    expect(await next.startBranch("scenario/x/s2", "dev")).toEqual({ baseSha: dev, headSha: dev });
    expect(readFileSync(path.join(next.root, "src", "b.txt"), "utf8")).toBe("b\n");
    expect(notCommitted(next.root)).toBe("!! node_modules");
  });

  it("of two runs starting at once, one takes the spare and the other adds its own; of two ending, one is kept", async () => {
    const dir = repo();
    await messyRun(dir, "s1");
    const [a, b] = await Promise.all([open(dir, "s2"), open(dir, "s3")]);
    await Promise.all([a.startBranch("scenario/x/s2", "main"), b.startBranch("scenario/x/s3", "main")]);
    for (const ws of [a, b]) {
      expect(notCommitted(ws.root)).toBe("!! node_modules");
      expect(gitIn(ws.root, "rev-parse", "--abbrev-ref", "HEAD")).toBe(
        `scenario/x/${path.basename(ws.root)}`,
      );
    }
    await Promise.all([a.dispose(), b.dispose()]);
    expect(existsSync(a.root) || existsSync(b.root)).toBe(false);
    const worktrees = gitIn(dir, "worktree", "list", "--porcelain").match(/^worktree /gm) ?? [];
    expect(worktrees).toHaveLength(2); // the checkout and the one spare
  });

  it("is given back when the run never starts (refused by its lock, Ctrl-C)", async () => {
    const dir = repo();
    await messyRun(dir, "s1");
    const ws = await open(dir, "s2");
    ws.prepare("scenario/x/s2", { branch: "main", sha: gitIn(dir, "rev-parse", "main") });
    await ws.abandon();
    expect(existsSync(ws.root)).toBe(false);
    expect(notCommitted(spareOf(dir))).toBe("");
    expect(gitIn(dir, "branch", "--list", "scenario/x/s2")).toBe("");
  });

  it("is dropped when it cannot be made the run's: the run's branch is there already", async () => {
    const dir = repo();
    await messyRun(dir, "s1");
    gitIn(dir, "branch", "scenario/x/s2", "scenario/x/s1");
    const ws = await open(dir, "s2");
    const { headSha } = await ws.startBranch("scenario/x/s2", "main");
    // Checked out as it is, as without a spare.
    expect(headSha).toBe(gitIn(dir, "rev-parse", "scenario/x/s1"));
    expect(readFileSync(path.join(ws.root, "committed.txt"), "utf8")).toBe("s1");
    expect(existsSync(spareOf(dir))).toBe(false);
  });

  it("is left alone once git no longer knows it (moved by hand, then pruned): the run adds its own", async () => {
    const dir = repo();
    await messyRun(dir, "s1");
    renameSync(spareOf(dir), path.join(dir, "moved"));
    gitIn(dir, "worktree", "prune");
    renameSync(path.join(dir, "moved"), spareOf(dir));
    const next = await open(dir, "s2");
    await next.startBranch("scenario/x/s2", "main");
    expect(notCommitted(next.root)).toBe("!! node_modules");
    await next.dispose();
    expect(existsSync(next.root)).toBe(false);
    expect(readFileSync(path.join(spareOf(dir), "committed.txt"), "utf8")).toBe("s1");
  });

  it("counts as the worktree of the run that took it when another run of its scenario asks", async () => {
    const dir = repo();
    await messyRun(dir, "s1");
    const waiting = await open(dir, "s2");
    await waiting.startBranch("scenario/y/s2", "main");
    // Git named its admin folder after the run that first made it, not after s2.
    expect(existsSync(path.join(dir, ".git", "worktrees", "s2"))).toBe(false);
    const next = await open(dir, "s3");
    expect(next.runOnBranchesHere("scenario/y/")).toBe(true);
    expect(next.runOnBranchesHere("scenario/x/")).toBe(false);
  });

  it("is never made without the option: a finished run's worktree is removed", async () => {
    const dir = repo();
    const ws = await GitWorkspace.open({ repo: dir, runId: "n1" });
    await ws.startBranch("scenario/x/n1", "main");
    await ws.dispose();
    expect(existsSync(path.join(dir, ".scenario", "worktrees"))).toBe(true);
    expect(existsSync(spareOf(dir))).toBe(false);
    expect(existsSync(ws.root)).toBe(false);
  });

  describe("a `scenario-spare` that no run left (made by hand, or by another tool)", () => {
    /** The user's own work in the checkout, which no run may touch. */
    const ownWork = (dir: string) => {
      writeFileSync(path.join(dir, "README.md"), "my uncommitted edit\n");
      writeFileSync(path.join(dir, ".env"), "SECRET=1\n");
    };
    const ownWorkIntact = (dir: string) => {
      expect(readFileSync(path.join(dir, "README.md"), "utf8")).toBe("my uncommitted edit\n");
      expect(readFileSync(path.join(dir, ".env"), "utf8")).toBe("SECRET=1\n");
      expect(gitIn(dir, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
    };

    it("is left alone when it links to the checkout, and the run adds its own worktree", async () => {
      const dir = repo();
      symlinkSync("..", spareOf(dir));
      ownWork(dir);
      const ws = await open(dir, "h1");
      await ws.startBranch("scenario/x/h1", "main");
      expect(gitIn(ws.root, "rev-parse", "--abbrev-ref", "HEAD")).toBe("scenario/x/h1");
      await ws.dispose();
      ownWorkIntact(dir);
      expect(lstatSync(spareOf(dir)).isSymbolicLink()).toBe(true);
    });

    it("is left alone when it names another worktree's admin folder", async () => {
      const dir = repo();
      const feature = path.join(dir, "..", `${path.basename(dir)}-feature`);
      cleanups.push(() => rmSync(feature, { recursive: true, force: true }));
      gitIn(dir, "worktree", "add", "-q", "-b", "feature", feature, "main");
      writeFileSync(path.join(feature, "work.txt"), "feature work\n");
      mkdirSync(spareOf(dir), { recursive: true });
      writeFileSync(
        path.join(spareOf(dir), ".git"),
        `gitdir: ${path.join(dir, ".git", "worktrees", path.basename(feature))}\n`,
      );
      const ws = await open(dir, "h2");
      await ws.startBranch("scenario/x/h2", "main");
      await ws.dispose();
      expect(gitIn(feature, "rev-parse", "--abbrev-ref", "HEAD")).toBe("feature");
      expect(gitIn(feature, "status", "--porcelain")).toBe("?? work.txt");
      expect(gitIn(dir, "worktree", "list", "--porcelain")).toContain(`worktree ${feature}`);
    });
  });
});
