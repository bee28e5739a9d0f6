// The repository a command works on and its store, apart from the rest of a run session
// (engine-session.ts): `scenario run` loads this first and starts opening the store, and the engine,
// the planner and the local adapters load while it opens.
import { existsSync } from "node:fs";
import { findGitRoot } from "../../application/repository/repo-root.ts";
import type { RunStore } from "../../engine/ports.ts";
import { trackedStateFiles } from "../../local/tracked-state.ts";
import { startSpawnHelper } from "../../os/spawn-helper.ts";
import { type Db, embeddedDbDir } from "../../store/db.ts";
import { openRunStore } from "../../store/open-run-store.ts";
import { UserError } from "../errors.ts";
import { repoFlagFolder } from "../repo-folder.ts";
import type { CommandContext } from "./index.ts";
import type { SessionFlags } from "./options.ts";

/** The git top level around `--repo` (or the current folder): runs need one, they commit to a branch. */
export function repoRootOf(ctx: CommandContext, flags: SessionFlags): string {
  const dir = repoFlagFolder(ctx.io.cwd, flags.repo);
  const root = findGitRoot(dir);
  if (!root) {
    throw new UserError(
      `${dir} is not inside a git repository: runs commit to a branch. Run \`git init\` there, or pass --repo <dir>.`,
    );
  }
  return root;
}

export interface StoreSession {
  root: string;
  db: Db;
  store: RunStore;
  close(): Promise<void>;
}

/** Opens the store (src/store/open-run-store.ts: a server or the embedded database, migrated on open). */
export async function openStore(
  ctx: CommandContext,
  root: string,
  flags: SessionFlags,
  signal?: AbortSignal,
): Promise<StoreSession> {
  const databaseUrl = flags.databaseUrl ?? ctx.io.env.DATABASE_URL;
  // Before the embedded database makes this process large: git then spawns from a small one (with
  // PostgreSQL too: a fork of this process costs several times a shell's).
  startSpawnHelper();
  // Before anything there is opened or written: a committed `.scenario/` is not this machine's.
  await refuseTrackedState(root);
  // The process ends once the store is closed: a server's hangup need not be waited for.
  const opened = await openRunStore({
    repoRoot: root,
    detachOnClose: true,
    ...(databaseUrl ? { databaseUrl } : {}),
    ...(signal ? { signal } : {}),
  });
  return { root, ...opened };
}

async function refuseTrackedState(root: string): Promise<void> {
  const { files, count } = await trackedStateFiles(root);
  if (count === 0) return;
  const more = count > files.length ? ` and ${count - files.length} more` : "";
  throw new UserError(
    `this repository tracks ${files.join(", ")}${more} under .scenario/, scenario-bot's own state on each machine ` +
      "(its embedded database, task files and worktrees): a clone's copy would be taken as this machine's runs. " +
      "Remove them from git (`git rm -r --cached .scenario` and commit), then run again.",
  );
}

/** A store being opened while other work goes on; `close` closes it whether or not it was used. */
export interface StoreOpening {
  session(): Promise<StoreSession>;
  /** True once the open started and failed (the embedded database in use, no server): session() rejects. */
  failed(): boolean;
  /** Closes the store, or gives up an open still connecting to a server (Ctrl-C: no wait for its timeout). */
  close(): Promise<void>;
}

/**
 * Starts opening the store now when it is a server or the embedded database exists (`scenario run`:
 * while the plan is made and git is asked about the checkout), else when first asked for. The embedded
 * database's ~0.5 s start is mostly PGlite's own: reading and compiling its WebAssembly (on V8's
 * background threads) and files overlap that work instead of following it. An open that fails is
 * reported by `session()`; work that fails first is what the user is told.
 * PGlite on a worker thread was tried (branch wip-pgworker-worker) and not kept: `run` wants the
 * store ~50-90 ms after the open starts, less than a worker takes before PGlite can start in it
 * (~50-130 ms: the thread, its own module loading), so the open stays what the run waits on and the
 * worker's start is added to it. On the shared 2-core machine (CPU pressure ~97%) the store was ready
 * later (paired medians +150 and +270 ms over 15 rounds) for +70-120 ms of CPU per 50-step run.
 */
export function startOpeningStore(ctx: CommandContext, root: string, flags: SessionFlags): StoreOpening {
  // The first run in a repository creates the embedded database: only once it is known to go ahead,
  // so a refused command leaves no `.scenario/` behind.
  const embedded = !(flags.databaseUrl ?? ctx.io.env.DATABASE_URL);
  let opening: Promise<StoreSession> | undefined;
  let failed = false;
  const giveUp = new AbortController();
  const open = () => {
    if (!opening) {
      opening = openStore(ctx, root, flags, giveUp.signal);
      opening.catch(() => {
        failed = true;
      });
    }
    return opening;
  };
  if (!embedded || existsSync(embeddedDbDir(root))) open().catch(() => {});
  return {
    session: open,
    failed: () => failed,
    close: async () => {
      giveUp.abort();
      const session = await opening?.catch(() => undefined);
      await session?.close();
    },
  };
}

export async function withStore<T>(
  ctx: CommandContext,
  flags: SessionFlags,
  fn: (session: StoreSession) => Promise<T>,
): Promise<T> {
  const session = await openStore(ctx, repoRootOf(ctx, flags), flags);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
