// What the run commands (run, plan, resume, rollback, status, runs, tick) share: the repository, the
// scenario catalog, the store, and the local adapters for one run.
import path from "node:path";
import { planRun } from "../../application/plan-run.ts";
import {
  checkoutSource,
  findGitRoot,
  packageRoot,
  readRepoConfig,
} from "../../application/repository/index.ts";
import { RunNotFoundError } from "../../engine/errors.ts";
import { newRunId, type Plan, parseParamArgs } from "../../engine/plan/index.ts";
import type { EnginePorts, RunStore } from "../../engine/ports.ts";
import { ConsoleReporter, colorEnabled } from "../../local/console-reporter.ts";
import { FileTaskSink } from "../../local/file-task-sink.ts";
import { git } from "../../local/git.ts";
import { GitWorkspace } from "../../local/git-workspace.ts";
import { startSpawnHelper } from "../../os/spawn-helper.ts";
import type { Catalog } from "../../scenario/index.ts";
import type { Db } from "../../store/db.ts";
import { openRunStore } from "../../store/open-run-store.ts";
import { UserError } from "../errors.ts";
import { cliParse } from "../parse-documents.ts";
import { type CliRepo, readCliRepo, repoFlagFolder } from "../repository.ts";
import type { CommandContext } from "./index.ts";
import type { SessionFlags } from "./options.ts";
import { cliHint } from "./run-hints.ts";

export type { SessionFlags } from "./options.ts";

/** bin/scenario.js of this package, given to steps as SCENARIO_CLI (found from the sources and the bundle alike). */
export function cliPath(): string {
  return path.join(packageRoot(), "bin", "scenario.js");
}

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

/** The repository's catalog (its `scenarios:` folder, `--scenarios`, else the shipped one with a notice). */
export async function catalogFor(ctx: CommandContext, root: string, flags: SessionFlags): Promise<Catalog> {
  return (await repoFor(ctx, root, flags)).catalog;
}

export function repoFor(ctx: CommandContext, root: string, flags: SessionFlags): Promise<CliRepo> {
  const parse = cliParse(ctx.io.env);
  return readCliRepo(
    root,
    ctx.io.cwd,
    flags,
    (line) => ctx.io.stderr(`note: ${line}\n`),
    parse ? { parse } : {},
  );
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
): Promise<StoreSession> {
  const databaseUrl = flags.databaseUrl ?? ctx.io.env.DATABASE_URL;
  // Before the embedded database makes this process large: git then spawns from a small one (with
  // PostgreSQL too: a fork of this process costs several times a shell's).
  startSpawnHelper();
  const opened = await openRunStore({ repoRoot: root, ...(databaseUrl ? { databaseUrl } : {}) });
  return { root, ...opened };
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

export async function portsFor(
  ctx: CommandContext,
  session: StoreSession,
  runId: string,
  flags: SessionFlags = {},
): Promise<EnginePorts & { workspace: GitWorkspace; tasks: FileTaskSink }> {
  return {
    workspace: await GitWorkspace.open({
      repo: session.root,
      runId,
      dependencies: (await readRepoConfig(checkoutSource(session.root), undefined, { detectLayout: false }))
        .dependencies,
    }),
    store: session.store,
    reporter: new ConsoleReporter({
      write: ctx.io.stdout,
      isTTY: ctx.io.isTTY,
      color: colorEnabled(ctx.io),
      hint: cliHint(flags),
    }),
    tasks: taskSink(ctx, session, flags),
  };
}

/** The plan of `scenario <id> k=v...` in this repository (`plan` and `run`). */
export async function planFromArgs(
  ctx: CommandContext,
  root: string,
  flags: SessionFlags,
  scenarioId: string,
  args: string[],
): Promise<Plan> {
  const { catalog, config } = await repoFor(ctx, root, flags);
  const now = new Date();
  return planRun({
    catalog,
    config,
    scenarioId,
    params: parseParamArgs(scenarioId, args),
    runId: newRunId(now),
    now,
    root,
  });
}

/** A run's branch, from the store or else from a `scenario/*\/<run>` branch (`resume`, `rollback`). */
export async function runBranch(
  session: StoreSession,
  workspace: GitWorkspace,
  runId: string,
): Promise<string> {
  const branch = (await session.store.getRun(runId))?.branch ?? (await workspace.findRunBranch(runId));
  if (!branch)
    throw new RunNotFoundError(
      runId,
      ` in the store, nor as a branch scenario/*/${runId} in ${session.root}`,
    );
  return branch;
}

export function taskSink(ctx: CommandContext, session: StoreSession, flags: SessionFlags = {}): FileTaskSink {
  return new FileTaskSink({
    dir: path.join(session.root, ".scenario", "tasks"),
    store: session.store,
    tickedBy: ctx.io.env.USER ?? "task-file",
    hint: cliHint(flags),
  });
}

/** The branch checked out in the repository (the default base of a run). */
export async function currentBranch(root: string): Promise<string> {
  const name = (await git(["rev-parse", "--abbrev-ref", "HEAD"], { cwd: root }).catch(() => "")).trim();
  if (!name)
    throw new UserError(`${root} has no commit yet: commit something first, or pass --base <branch>.`);
  return name === "HEAD" ? (await git(["rev-parse", "HEAD"], { cwd: root })).trim() : name;
}

/** Cancels on Ctrl-C: the running block's process group ends and the run rolls back. */
export function interruptSignal(ctx: CommandContext): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onInt = () => {
    ctx.io.stderr("\ncancelling: stopping the running step and rolling back...\n");
    controller.abort();
  };
  process.once("SIGINT", onInt);
  return { signal: controller.signal, dispose: () => process.off("SIGINT", onInt) };
}
