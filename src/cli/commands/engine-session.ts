// What the run commands (run, plan, resume, rollback, status, runs, tick) share: the repository, the
// scenario catalog, the store, and the local adapters for one run.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { RunNotFoundError } from "../../engine/errors.ts";
import { buildPlan, newRunId, type Plan, parseParamArgs } from "../../engine/plan/index.ts";
import type { EnginePorts } from "../../engine/ports.ts";
import { ConsoleReporter, colorEnabled } from "../../local/console-reporter.ts";
import { FileTaskSink } from "../../local/file-task-sink.ts";
import { git } from "../../local/git.ts";
import { GitWorkspace } from "../../local/git-workspace.ts";
import { type Catalog, formatProblem, loadCatalog } from "../../scenario/index.ts";
import type { Db } from "../../store/db.ts";
import { lazyDb } from "../../store/lazy-db.ts";
import { assertMigrated, migrate } from "../../store/migrations.ts";
import { SqlRunStore } from "../../store/run-store.ts";
import { UserError } from "../errors.ts";
import type { CommandContext } from "./index.ts";
import { cliHint } from "./run-hints.ts";

const DATABASE_URL_HELP =
  "PostgreSQL connection string (default: $DATABASE_URL, else the embedded database in .scenario/db)";

export interface SessionFlags {
  repo?: string;
  databaseUrl?: string;
  scenarios?: string;
}

/** bin/scenario.js of this package, given to steps as SCENARIO_CLI. */
export const CLI_PATH = fileURLToPath(new URL("../../../bin/scenario.js", import.meta.url));
const PACKAGE_SCENARIOS = fileURLToPath(new URL("../../../scenarios", import.meta.url));

export function sessionOptions(command: Command): Command {
  return command
    .option("--repo <dir>", "the repository to work on (default: the one around the current folder)")
    .option(
      "--scenarios <dir>",
      "folder of scenario documents (default: <repo>/scenarios, else the bundled ones)",
    )
    .option("--database-url <url>", DATABASE_URL_HELP);
}

export function repoRootOf(ctx: CommandContext, flags: SessionFlags): string {
  const dir = path.resolve(ctx.io.cwd, flags.repo ?? ".");
  if (!existsSync(dir))
    throw new UserError(`--repo ${flags.repo}: no such folder. Pass the folder of a git repository.`);
  let root = dir;
  while (!existsSync(path.join(root, ".git")) && path.dirname(root) !== root) root = path.dirname(root);
  if (!existsSync(path.join(root, ".git"))) {
    throw new UserError(
      `${dir} is not inside a git repository: runs commit to a branch. Run \`git init\` there, or pass --repo <dir>.`,
    );
  }
  return root;
}

export async function catalogFor(ctx: CommandContext, root: string, flags: SessionFlags): Promise<Catalog> {
  const own = path.join(root, "scenarios");
  const dir = flags.scenarios
    ? path.resolve(ctx.io.cwd, flags.scenarios)
    : existsSync(own)
      ? own
      : PACKAGE_SCENARIOS;
  if (!existsSync(dir)) throw new UserError(`--scenarios ${flags.scenarios}: no such folder.`);
  const catalog = await loadCatalog(dir, { root: dir });
  if (catalog.files.length === 0)
    throw new UserError(`${dir} holds no scenario document; pass --scenarios <folder>.`);
  return catalog;
}

/** The scenario's own problems, if its document has any (then it is not in `catalog.scenarios`). */
export function explainMissing(catalog: Catalog, id: string): void {
  if (catalog.get(id) || !catalog.ids().includes(id)) return;
  const problems = catalog.problems.filter((p) => p.position.file.includes(id)).slice(0, 5);
  throw new UserError(
    `scenario ${id} has problems in its document and cannot run:\n${problems.map(formatProblem).join("\n")}\nFix them (see \`scenario validate\`).`,
  );
}

export interface StoreSession {
  root: string;
  db: Db;
  store: SqlRunStore;
  close(): Promise<void>;
}

/** Opens the store: the embedded database is migrated on the spot; a server must be migrated already. */
export async function openStore(
  ctx: CommandContext,
  root: string,
  flags: SessionFlags,
): Promise<StoreSession> {
  const databaseUrl = flags.databaseUrl ?? ctx.io.env.DATABASE_URL;
  const lazy = lazyDb({ repoRoot: root, ...(databaseUrl ? { databaseUrl } : {}) });
  try {
    const db = await lazy.get();
    if (databaseUrl) await assertMigrated(db, "the run commands");
    else await migrate(db);
    return { root, db, store: new SqlRunStore({ db }), close: () => lazy.close() };
  } catch (error) {
    await lazy.close();
    throw error;
  }
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
    workspace: await GitWorkspace.open({ repo: session.root, runId }),
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
  const catalog = await catalogFor(ctx, root, flags);
  explainMissing(catalog, scenarioId);
  const now = new Date();
  return buildPlan({
    catalog,
    scenarioId,
    rawParams: parseParamArgs(scenarioId, args),
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
