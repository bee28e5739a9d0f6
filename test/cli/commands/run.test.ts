// `scenario run` as a process, around the worktree it prepares while the store opens (run.ts): Ctrl-C
// before the run starts (a server that accepts and never answers holds the open), a run the lock
// refuses, which should not have paid for a worktree, a run that starts from the spare worktree, and a
// run whose reader goes away (`| head -1`).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gitIn, makeRepo, useEngineDb } from "../../support/engine-harness.ts";
import { BIN, spawnCli } from "../support/spawn-cli.ts";

const store = useEngineDb("cli_run_process");

const NODE = path.resolve("node_modules/.bin/node");
const SCENARIOS = path.resolve("test/cli/engine-scenarios");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A TCP server that accepts connections and never says a word (the store's open waits on it). */
async function silentServer(): Promise<number> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  cleanups.push(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  return (server.address() as { port: number }).port;
}

function exited(child: ChildProcess): Promise<{ code: number | null; err: string }> {
  let err = "";
  child.stderr?.on("data", (d) => {
    err += d;
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, err })));
}

/** The git commands a process started, from its GIT_TRACE2_EVENT file (`worktree add -q ...`). */
function gitCommandsIn(trace: string): string[] {
  return readFileSync(trace, "utf8")
    .split("\n")
    .filter(Boolean)
    .flatMap((line) => {
      const event = JSON.parse(line) as { event: string; argv?: string[] };
      return event.event === "start" ? [(event.argv ?? []).slice(1).join(" ")] : [];
    });
}

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("scenario run, Ctrl-C before the run starts", { timeout: 60_000 }, () => {
  it("stops waiting for the store, drops the prepared branch, keeps its worktree only as the spare, and says nothing changed", async () => {
    const repo = makeRepo();
    cleanups.push(repo.cleanup);
    const port = await silentServer();
    const child = spawn(NODE, [BIN, "run", "note-table", "table=users", "--scenarios", SCENARIOS], {
      cwd: repo.dir,
      env: { ...process.env, DATABASE_URL: `postgres://bench@127.0.0.1:${port}/none`, NO_COLOR: "1" },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const done = exited(child);
    const worktrees = path.join(repo.dir, ".scenario", "worktrees");
    // The worktree is prepared while the store's connection hangs.
    await until("the prepared worktree", () => existsSync(worktrees) && readdirSync(worktrees).length > 0);
    const started = Date.now();
    child.kill("SIGINT");
    const { code, err } = await done;
    expect(code).toBe(1);
    expect(err).toContain("cancelled before the run started: nothing was changed");
    // Well before the connection's own 5 s timeout.
    expect(Date.now() - started).toBeLessThan(4000);
    expect(gitIn(repo.dir, "branch", "--list", "scenario/*")).toBe("");
    // The checkout and the spare in the git folder (src/local/spare-worktree.ts): detached, holding
    // only committed files.
    expect(gitIn(repo.dir, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(2);
    expect(existsSync(worktrees) ? readdirSync(worktrees) : []).toEqual([]);
    const spare = path.join(repo.dir, ".git", "scenario-spare");
    expect(gitIn(spare, "status", "--porcelain", "--ignored")).toBe("");
    expect(gitIn(spare, "rev-parse", "--abbrev-ref", "HEAD")).toBe("HEAD");
    expect(gitIn(repo.dir, "status", "--porcelain")).toBe("");
  });
});

describe("scenario run, refused by the lock", { timeout: 60_000 }, () => {
  it("adds no worktree when another run of this checkout is under way", async () => {
    const repo = makeRepo();
    cleanups.push(repo.cleanup);
    const args = ["run", "note-table", "table=users", "--scenarios", SCENARIOS];
    const env = { DATABASE_URL: store.url, NO_COLOR: "1" };
    // The first run waits on its manual step, holding the lock of notes on `users`.
    const first = await spawnCli(repo.dir, args, env);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain("waiting on manual step 3");
    const trace = path.join(repo.dir, ".git", "trace2.json");
    const second = await spawnCli(repo.dir, args, { ...env, GIT_TRACE2_EVENT: trace });
    expect(second.code).toBe(1);
    expect(second.err).toMatch(/another run \(\d{8}-[0-9a-z]{6}\) is already changing/);
    expect(gitCommandsIn(trace).filter((c) => c.startsWith("worktree add"))).toEqual([]);
    expect(gitIn(repo.dir, "branch", "--list", "scenario/*").trim().split("\n")).toHaveLength(1);
  });
});

describe("scenario run, after another run ended here", { timeout: 60_000 }, () => {
  it("starts from the worktree that run left (the spare), with none of its files, and commits only its own", async () => {
    const repo = makeRepo();
    cleanups.push(repo.cleanup);
    const env = { DATABASE_URL: store.url, NO_COLOR: "1" };
    const base = ["--scenarios", SCENARIOS];
    // Fails at its check, rolls back and ends: its worktree becomes the spare.
    const first = await spawnCli(repo.dir, ["run", "note-table", "table=first", "fail=true", ...base], env);
    expect(first.code).toBe(1);
    const spare = path.join(repo.dir, ".git", "scenario-spare");
    expect(existsSync(spare)).toBe(true);
    writeFileSync(path.join(spare, "left-behind.md"), "not for the next run\n");
    const trace = path.join(repo.dir, ".git", "trace2.json");
    const second = await spawnCli(repo.dir, ["run", "note-table", "table=second", ...base], {
      ...env,
      GIT_TRACE2_EVENT: trace,
    });
    expect(second.code, second.err).toBe(0);
    expect(second.out).toContain("waiting on manual step 3");
    expect(gitCommandsIn(trace).filter((c) => c.startsWith("worktree add"))).toEqual([]);
    expect(existsSync(spare)).toBe(false);
    const branch = /branch: (scenario\/note-table\/\S+)/.exec(second.out)?.[1] ?? "";
    expect(gitIn(repo.dir, "diff", "--name-only", "main", branch)).toBe("notes/second.md");
    const worktree = path.join(repo.dir, ".scenario", "worktrees", branch.split("/").pop() ?? "");
    expect(existsSync(path.join(worktree, "left-behind.md"))).toBe(false);
    expect(gitIn(worktree, "status", "--porcelain", "--ignored")).toBe("");
  });
});

describe("scenario run, its reader gone (`| head -1`)", { timeout: 60_000 }, () => {
  it("goes on with the run when the pipe it writes to closes, and says nothing more", async () => {
    const repo = makeRepo();
    cleanups.push(repo.cleanup);
    const env = { DATABASE_URL: store.url, NO_COLOR: "1" };
    const child = spawn(NODE, [BIN, "run", "note-table", "table=users", "--scenarios", SCENARIOS], {
      cwd: repo.dir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const done = exited(child);
    // The reader takes the first output and goes: every later write meets a closed pipe.
    const first = await new Promise<string>((resolve) =>
      child.stdout?.once("data", (d) => resolve(String(d))),
    );
    child.stdout?.destroy();
    // Closed while the run had more to say.
    expect(first).not.toMatch(/waiting/);
    const { code, err } = await done;
    expect(err).toBe("");
    expect(code).toBe(0);
    // The run went on to its manual step, where it waits, as it does with a reader.
    const runs = await spawnCli(repo.dir, ["runs", "--scenarios", SCENARIOS], env);
    expect(runs.out).toMatch(/^\d{8}-[0-9a-z]{6}\s+waiting\s+note-table\s+users/m);
  });
});
