// What the run commands (run, plan, resume, rollback, status, runs, tick) share: the repository, the
// scenario catalog, the store (store-session.ts), and the local adapters for one run.
import path from "node:path";
import { planRun } from "../../application/plan-run.ts";
import { checkoutSource, packageRoot, readRepoConfig } from "../../application/repository/index.ts";
import { bundledCli, scenarioCli } from "../../application/repository/scenario-cli.ts";
import { RunNotFoundError } from "../../engine/errors.ts";
import { newRunId, type Plan, parseParamArgs } from "../../engine/plan/index.ts";
import type { EnginePorts } from "../../engine/ports.ts";
import { ConsoleReporter, colorEnabled } from "../../local/console-reporter.ts";
import { FileTaskSink } from "../../local/file-task-sink.ts";
import { git } from "../../local/git.ts";
import {
  GitWorkspace,
  type GitWorkspaceOptions,
  REPO_LOCATION_ARGS,
  type RepoLocation,
  repoLocationOf,
} from "../../local/git-workspace.ts";
import type { Catalog } from "../../scenario/index.ts";
import { UserError } from "../errors.ts";
import { cliParse } from "../parse-documents.ts";
import { type CliRepo, readCliRepo } from "../repository.ts";
import type { CommandContext } from "./index.ts";
import type { SessionFlags } from "./options.ts";
import { cliHint } from "./run-hints.ts";
import type { StoreSession } from "./store-session.ts";

export type { SessionFlags } from "./options.ts";
export {
  openStore,
  repoRootOf,
  type StoreOpening,
  type StoreSession,
  startOpeningStore,
  withStore,
} from "./store-session.ts";

/**
 * The CLI steps get as SCENARIO_CLI: bin/scenario.js of this package; from the CLI bundled beside the
 * Action (a `scenario test` of the Action's pull request checks), a wrapper that runs that bundle with
 * this Node, since the Action's checkout has neither a build for bin/scenario.js nor node_modules.
 */
export async function cliPath(env: NodeJS.ProcessEnv): Promise<string> {
  return bundledCli() ? scenarioCli(env) : path.join(packageRoot(), "bin", "scenario.js");
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

export async function portsFor(
  ctx: CommandContext,
  session: StoreSession,
  runId: string,
  flags: SessionFlags = {},
  /**
   * What the caller already asked git (GitWorkspaceOptions): `run` does, with checkedOutWhere. Or the
   * run's workspace itself, opened by workspaceFor before the store (`run`: to prepare its worktree).
   */
  known: Pick<GitWorkspaceOptions, "located" | "knownBase"> | { workspace: GitWorkspace } = {},
): Promise<EnginePorts & { workspace: GitWorkspace; tasks: FileTaskSink }> {
  return {
    workspace: "workspace" in known ? known.workspace : await workspaceFor(session.root, runId, known),
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

/**
 * The run's GitWorkspace in the repository at `root`, with the repository's `dependencies:` setting.
 * A finished run's worktree is kept as the spare for the next run (GitWorkspaceOptions.spare).
 */
export async function workspaceFor(
  root: string,
  runId: string,
  known: Pick<GitWorkspaceOptions, "located" | "knownBase"> = {},
): Promise<GitWorkspace> {
  return GitWorkspace.open({
    repo: root,
    runId,
    ...known,
    spare: true,
    dependencies: (await readRepoConfig(checkoutSource(root), undefined, { detectLayout: false }))
      .dependencies,
  });
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
  return (await checkedOut(root)).branch;
}

/** The checkout's branch (its commit's sha when detached) and commit, from one git process. */
export async function checkedOut(root: string): Promise<{ branch: string; sha: string }> {
  const head = headOf(await askGit(root, ["HEAD", "--abbrev-ref", "HEAD"]));
  if (!head)
    throw new UserError(`${root} has no commit yet: commit something first, or pass --base <branch>.`);
  return head;
}

/**
 * checkedOut, and where the repository is (for GitWorkspace.open), from one git process. Where is
 * undefined when git could not say both (no commit yet): checkedOut's own question and error then.
 */
export async function checkedOutWhere(
  root: string,
): Promise<{ head: { branch: string; sha: string }; located?: RepoLocation }> {
  const lines = await askGit(root, [...REPO_LOCATION_ARGS, "HEAD", "--abbrev-ref", "HEAD"]);
  const head =
    lines.length === REPO_LOCATION_ARGS.length + 2 && headOf(lines.slice(REPO_LOCATION_ARGS.length));
  if (!head) return { head: await checkedOut(root) };
  return { head, located: repoLocationOf(lines) };
}

/** `git rev-parse <args>`'s lines; none when git fails (not a repository, no commit yet). */
async function askGit(root: string, args: string[]): Promise<string[]> {
  const out = await git(["rev-parse", ...args], { cwd: root }).catch(() => "");
  return out.trim().split("\n");
}

/** The head from rev-parse's `HEAD` and `--abbrev-ref HEAD` lines: a detached HEAD's branch is its sha. */
function headOf([sha = "", name = ""]: string[]): { branch: string; sha: string } | undefined {
  if (!sha || !name) return undefined;
  return { branch: name === "HEAD" ? sha : name, sha };
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
