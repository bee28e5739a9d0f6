import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GitWorkspace } from "../../src/local/git-workspace.ts";
import { gitIn, makeRepo } from "../support/engine-harness.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function repo(): string {
  const r = makeRepo();
  cleanups.push(r.cleanup);
  return r.dir;
}

describe("GitWorkspace", () => {
  it("works in a worktree on the run branch and keeps .scenario out of the user's git status", async () => {
    const dir = repo();
    const ws = await GitWorkspace.open({ repo: path.join(dir, "db"), runId: "r1" });
    expect(ws.root).toBe(path.join(dir, ".scenario", "worktrees", "r1"));
    const { baseSha, headSha } = await ws.startBranch("scenario/x/r1", "main");
    expect(baseSha).toBe(gitIn(dir, "rev-parse", "main"));
    expect(headSha).toBe(baseSha);
    writeFileSync(path.join(ws.root, "new.txt"), "hello\n");
    const sha = await ws.commit("add new.txt", { "Scenario-Run": "r1", "Scenario-Step": "0" });
    expect(sha).toBe(gitIn(ws.root, "rev-parse", "HEAD"));
    expect(gitIn(dir, "log", "-1", "--format=%B", "scenario/x/r1")).toBe(
      "add new.txt\n\nScenario-Run: r1\nScenario-Step: 0",
    );
    expect(gitIn(dir, "status", "--porcelain")).toBe("");
    expect(gitIn(dir, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
    expect(readFileSync(path.join(dir, ".git", "info", "exclude"), "utf8")).toContain("/.scenario/");
  });

  it("resets to a commit and removes untracked files; checks an existing branch out again after dispose", async () => {
    const dir = repo();
    const ws = await GitWorkspace.open({ repo: dir, runId: "r2" });
    const { baseSha } = await ws.startBranch("scenario/x/r2", "main");
    writeFileSync(path.join(ws.root, "a.txt"), "a");
    const first = await ws.commit("a", {});
    writeFileSync(path.join(ws.root, "stray.txt"), "stray");
    writeFileSync(path.join(ws.root, "README.md"), "changed");
    await ws.resetTo(first);
    expect(existsSync(path.join(ws.root, "stray.txt"))).toBe(false);
    expect(readFileSync(path.join(ws.root, "README.md"), "utf8")).toBe("# demo\n");
    await ws.dispose();
    expect(existsSync(ws.root)).toBe(false);
    const again = await GitWorkspace.open({ repo: dir, runId: "r2" });
    expect(await again.startBranch("scenario/x/r2", "main")).toEqual({ baseSha, headSha: first });
    expect(await again.findRunBranch("r2")).toBe("scenario/x/r2");
    expect(await again.hasBranch("scenario/x/none")).toBe(false);
    await again.dispose();
  });

  it("names what differs from a commit: changed, added, deleted and untracked paths, never ignored ones", async () => {
    const dir = repo();
    writeFileSync(path.join(dir, ".gitignore"), "*.log\n");
    gitIn(dir, "add", "-A");
    gitIn(dir, "commit", "-q", "-m", "ignore logs");
    const ws = await GitWorkspace.open({ repo: dir, runId: "r5" });
    const { baseSha } = await ws.startBranch("scenario/x/r5", "main");
    writeFileSync(path.join(ws.root, "added.txt"), "a\n");
    await ws.commit("add a file", { "Scenario-Run": "r5", "Scenario-Step": "0" });
    expect(await ws.differencesFrom(baseSha)).toEqual(["A\tadded.txt"]);
    // What a rollback's steps might leave: the added file kept, an edit, a deletion, a new file, a log.
    writeFileSync(path.join(ws.root, "README.md"), "# changed\n");
    rmSync(path.join(ws.root, "db", ".keep"));
    writeFileSync(path.join(ws.root, "left behind.txt"), "x\n");
    writeFileSync(path.join(ws.root, "run.log"), "ignored\n");
    expect(await ws.differencesFrom(baseSha)).toEqual([
      "M\tREADME.md",
      "A\tadded.txt",
      "D\tdb/.keep",
      "?\tleft behind.txt",
    ]);
    rmSync(path.join(ws.root, "added.txt"));
    gitIn(ws.root, "checkout", "--", "README.md", "db/.keep");
    rmSync(path.join(ws.root, "left behind.txt"));
    expect(await ws.differencesFrom(baseSha)).toEqual([]);
  });

  it("leaves git's automatic maintenance out of each checkpoint commit and runs it once when disposed", async () => {
    const dir = repo();
    const trace = path.join(dir, "..", `${path.basename(dir)}-trace2.txt`);
    cleanups.push(() => rmSync(trace, { force: true }));
    const saved = process.env.GIT_TRACE2;
    process.env.GIT_TRACE2 = trace;
    try {
      const ws = await GitWorkspace.open({ repo: dir, runId: "r4" });
      await ws.startBranch("scenario/x/r4", "main");
      for (const name of ["a", "b", "c"]) {
        writeFileSync(path.join(ws.root, `${name}.txt`), name);
        await ws.commit(name, {});
      }
      const maintenance = () =>
        readFileSync(trace, "utf8")
          .split("\n")
          .filter((line) => /\bstart .*\bmaintenance run --auto\b/.test(line)).length;
      expect(maintenance()).toBe(0);
      await ws.dispose();
      expect(maintenance()).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.GIT_TRACE2;
      else process.env.GIT_TRACE2 = saved;
    }
  });

  it("commits with a fallback identity when the repository has none", async () => {
    const dir = repo();
    const saved = { global: process.env.GIT_CONFIG_GLOBAL, system: process.env.GIT_CONFIG_NOSYSTEM };
    process.env.GIT_CONFIG_GLOBAL = "/dev/null";
    process.env.GIT_CONFIG_NOSYSTEM = "1";
    try {
      const ws = await GitWorkspace.open({ repo: dir, runId: "r3" });
      await ws.startBranch("scenario/x/r3", "main");
      await ws.commit("empty checkpoint", { "Scenario-Run": "r3" });
      expect(gitIn(dir, "log", "-1", "--format=%an <%ae>", "scenario/x/r3")).toBe(
        "scenario-bot <scenario-bot@localhost>",
      );
      await ws.dispose();
    } finally {
      process.env.GIT_CONFIG_GLOBAL = saved.global;
      if (saved.system === undefined) delete process.env.GIT_CONFIG_NOSYSTEM;
      else process.env.GIT_CONFIG_NOSYSTEM = saved.system;
      if (saved.global === undefined) delete process.env.GIT_CONFIG_GLOBAL;
    }
  });

  it("stages and commits in one go: nothing changed is no commit, a failed `git add` is an error that names it", async () => {
    const dir = repo();
    const ws = await GitWorkspace.open({ repo: dir, runId: "r6" });
    await ws.startBranch("scenario/x/r6", "main");
    writeFileSync(path.join(ws.root, "new.txt"), "new\n");
    const sha = await ws.commitChanges("step", { "Scenario-Run": "r6", "Scenario-Step": "0" });
    expect(sha).toBe(gitIn(ws.root, "rev-parse", "HEAD"));
    expect(gitIn(ws.root, "status", "--porcelain")).toBe("");
    expect(await ws.commitChanges("nothing", { "Scenario-Run": "r6", "Scenario-Step": "1" })).toBeUndefined();
    // A lock left by a killed git: `git add` cannot write the index, and that is no "nothing changed".
    const gitDir = gitIn(ws.root, "rev-parse", "--absolute-git-dir");
    writeFileSync(path.join(gitDir, "index.lock"), "");
    writeFileSync(path.join(ws.root, "other.txt"), "other\n");
    await expect(ws.commitChanges("blocked", { "Scenario-Run": "r6", "Scenario-Step": "2" })).rejects.toThrow(
      /git add -A failed in .*index\.lock/s,
    );
    rmSync(path.join(gitDir, "index.lock"));
    expect(gitIn(ws.root, "rev-parse", "HEAD")).toBe(sha);
    // A message too long for one argument (Linux: 128 KiB) goes through standard input, whole.
    const long = `long\n\n${"word ".repeat(40_000)}`;
    const longSha = await ws.commitChanges(long, { "Scenario-Run": "r6", "Scenario-Step": "3" });
    expect(longSha).toBe(gitIn(ws.root, "rev-parse", "HEAD"));
    expect(gitIn(ws.root, "log", "-1", "--format=%B").length).toBeGreaterThan(200_000);
    expect(gitIn(ws.root, "log", "-1", "--format=%(trailers:key=Scenario-Step,valueonly)")).toBe("3");
  });

  it("refuses an unknown base branch with git's words", async () => {
    const dir = repo();
    const ws = await GitWorkspace.open({ repo: dir, runId: "r4" });
    await expect(ws.startBranch("scenario/x/r4", "no-such-branch")).rejects.toThrow(
      /git rev-parse --verify no-such-branch\^\{commit\} failed/,
    );
  });

  it("checks out a branch that is there before the run, at the base commit too, and resets nothing", async () => {
    const dir = repo();
    const base = gitIn(dir, "rev-parse", "main");
    gitIn(dir, "branch", "scenario/x/r7", "main");
    const ws = await GitWorkspace.open({ repo: dir, runId: "r7" });
    expect(await ws.startBranch("scenario/x/r7", "main")).toEqual({ baseSha: base, headSha: base });
    expect(gitIn(ws.root, "rev-parse", "--abbrev-ref", "HEAD")).toBe("scenario/x/r7");
    await ws.dispose();
  });

  it("asks git for no identity when the environment gives all of it, and falls back for what it does not", async () => {
    const names = ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"];
    const saved = Object.fromEntries(
      [...names, "GIT_CONFIG_GLOBAL", "GIT_CONFIG_NOSYSTEM", "GIT_TRACE2"].map((n) => [n, process.env[n]]),
    );
    const dir = repo();
    const trace = path.join(dir, "..", `${path.basename(dir)}-identity-trace2.txt`);
    cleanups.push(() => rmSync(trace, { force: true }));
    const configLookups = () =>
      existsSync(trace)
        ? readFileSync(trace, "utf8")
            .split("\n")
            .filter((line) => /\bstart .*\bconfig --get-regexp\b/.test(line)).length
        : 0;
    process.env.GIT_CONFIG_GLOBAL = "/dev/null";
    process.env.GIT_CONFIG_NOSYSTEM = "1";
    process.env.GIT_TRACE2 = trace;
    try {
      Object.assign(process.env, {
        GIT_AUTHOR_NAME: "Ada",
        GIT_AUTHOR_EMAIL: "ada@example.com",
        GIT_COMMITTER_NAME: "Bot",
        GIT_COMMITTER_EMAIL: "bot@example.com",
      });
      /** Who a run's first commit names (author, committer). */
      const identityOfRun = async (runId: string) => {
        const ws = await GitWorkspace.open({ repo: dir, runId });
        await ws.startBranch(`scenario/x/${runId}`, "main");
        await ws.commit(`commit of ${runId}`, {});
        const who = gitIn(dir, "log", "-1", "--format=%an <%ae> %cn <%ce>", `scenario/x/${runId}`);
        await ws.dispose();
        return who;
      };
      expect(await identityOfRun("r8")).toBe("Ada <ada@example.com> Bot <bot@example.com>");
      expect(configLookups()).toBe(0);
      // Only the author's name: the rest is the fallback identity, as when nothing is set.
      for (const n of names.slice(1)) delete process.env[n];
      expect(await identityOfRun("r9")).toBe(
        "Ada <scenario-bot@localhost> scenario-bot <scenario-bot@localhost>",
      );
      expect(configLookups()).toBe(1);
    } finally {
      for (const [n, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[n];
        else process.env[n] = v;
      }
    }
  });

  it("fails to dispose while the worktree cannot be removed, and removes it once it can", async () => {
    const dir = repo();
    const ws = await GitWorkspace.open({ repo: dir, runId: "r10" });
    await ws.startBranch("scenario/x/r10", "main");
    // A locked worktree needs --force twice.
    gitIn(dir, "worktree", "lock", ws.root);
    await expect(ws.dispose()).rejects.toThrow(/git worktree remove --force .* failed/);
    expect(existsSync(ws.root)).toBe(true);
    gitIn(dir, "worktree", "unlock", ws.root);
    await ws.dispose();
    expect(existsSync(ws.root)).toBe(false);
  });

  it("starts from the base commit the caller has read already, and asks git for any other base", async () => {
    const dir = repo();
    const first = gitIn(dir, "rev-parse", "main");
    gitIn(dir, "commit", "-q", "--allow-empty", "-m", "later");
    const known = await GitWorkspace.open({
      repo: dir,
      runId: "r11",
      knownBase: { branch: "main", sha: first },
    });
    expect(await known.startBranch("scenario/x/r11", "main")).toEqual({ baseSha: first, headSha: first });
    expect(gitIn(known.root, "rev-parse", "HEAD")).toBe(first);
    await known.dispose();
    const other = await GitWorkspace.open({
      repo: dir,
      runId: "r12",
      knownBase: { branch: "dev", sha: first },
    });
    const latest = gitIn(dir, "rev-parse", "main");
    expect(await other.startBranch("scenario/x/r12", "main")).toEqual({ baseSha: latest, headSha: latest });
    await other.dispose();
  });

  describe("a worktree prepared before the run starts (scenario run, while the store opens)", () => {
    const nothingLeft = (dir: string, runId: string) => {
      expect(gitIn(dir, "branch", "--list", "scenario/*")).toBe("");
      expect(gitIn(dir, "worktree", "list", "--porcelain")).not.toContain(runId);
      expect(existsSync(path.join(dir, ".git", "worktrees", runId))).toBe(false);
      expect(existsSync(path.join(dir, ".scenario"))).toBe(false);
    };

    it("is what startBranch starts, at the commit read before", async () => {
      const dir = repo();
      const first = gitIn(dir, "rev-parse", "main");
      const ws = await GitWorkspace.open({ repo: dir, runId: "p1" });
      ws.prepare("scenario/x/p1", { branch: "main", sha: first });
      gitIn(dir, "commit", "-q", "--allow-empty", "-m", "later");
      expect(await ws.startBranch("scenario/x/p1", "main")).toEqual({ baseSha: first, headSha: first });
      expect(gitIn(ws.root, "rev-parse", "--abbrev-ref", "HEAD")).toBe("scenario/x/p1");
      await ws.abandon(); // taken by startBranch: nothing to undo
      expect(gitIn(ws.root, "rev-parse", "HEAD")).toBe(first);
      await ws.dispose();
      expect(gitIn(dir, "rev-parse", "scenario/x/p1")).toBe(first);
    });

    it("leaves no branch, worktree or folder behind when the run never starts", async () => {
      const dir = repo();
      const ws = await GitWorkspace.open({ repo: dir, runId: "p2" });
      rmSync(path.join(dir, ".scenario"), { recursive: true, force: true });
      ws.prepare("scenario/x/p2", { branch: "main", sha: gitIn(dir, "rev-parse", "main") });
      await ws.abandon();
      nothingLeft(dir, "p2");
      // A base that is no commit: the add fails, and nothing is left either.
      const bad = await GitWorkspace.open({ repo: dir, runId: "p3" });
      rmSync(path.join(dir, ".scenario"), { recursive: true, force: true });
      bad.prepare("scenario/x/p3", { branch: "main", sha: "0".repeat(40) });
      await bad.abandon();
      nothingLeft(dir, "p3");
    });

    it("reports a failed add from startBranch, as an add there would have failed", async () => {
      const dir = repo();
      const ws = await GitWorkspace.open({ repo: dir, runId: "p4" });
      ws.prepare("scenario/x/p4", { branch: "main", sha: "0".repeat(40) });
      await expect(ws.startBranch("scenario/x/p4", "main")).rejects.toThrow(/git worktree add/);
      // A folder in the way is left alone by abandon, and the branch the failed add made goes.
      const blocked = await GitWorkspace.open({ repo: dir, runId: "p5" });
      mkdirSync(blocked.root, { recursive: true });
      writeFileSync(path.join(blocked.root, "mine.txt"), "keep");
      blocked.prepare("scenario/x/p5", { branch: "main", sha: gitIn(dir, "rev-parse", "main") });
      await blocked.abandon();
      expect(readFileSync(path.join(blocked.root, "mine.txt"), "utf8")).toBe("keep");
      expect(gitIn(dir, "branch", "--list", "scenario/x/p5")).toBe("");
    });

    it("knows another run of the same scenario here (its lock may refuse the new run: not prepared then)", async () => {
      const dir = repo();
      const waiting = await GitWorkspace.open({ repo: dir, runId: "w1" });
      await waiting.startBranch("scenario/x/w1", "main");
      const next = await GitWorkspace.open({ repo: dir, runId: "w2" });
      expect(next.runOnBranchesHere("scenario/x/")).toBe(true);
      expect(next.runOnBranchesHere("scenario/y/")).toBe(false);
      // A folder that is no worktree is no run.
      mkdirSync(path.join(dir, ".scenario", "worktrees", "stray"), { recursive: true });
      await waiting.dispose();
      expect(next.runOnBranchesHere("scenario/x/")).toBe(false);
    });

    it("is undone when startBranch is asked for another branch or base, which then starts as without it", async () => {
      const dir = repo();
      const main = gitIn(dir, "rev-parse", "main");
      gitIn(dir, "branch", "dev", "main");
      const ws = await GitWorkspace.open({ repo: dir, runId: "p6" });
      ws.prepare("scenario/x/p6", { branch: "dev", sha: main });
      expect(await ws.startBranch("scenario/x/other", "main")).toEqual({ baseSha: main, headSha: main });
      expect(gitIn(dir, "branch", "--list", "scenario/x/p6")).toBe("");
      expect(gitIn(ws.root, "rev-parse", "--abbrev-ref", "HEAD")).toBe("scenario/x/other");
      await ws.dispose();
    });
  });
});
