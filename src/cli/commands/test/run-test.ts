// `scenario test`, composed: the user's catalog (documents as they are on disk), a throwaway clone at
// the base commit, an embedded store inside it, the local git workspace, then the application's
// selfTest. The clone goes at the end (unless --keep), and the user's checkout is checked untouched.
import { planRun } from "../../../application/plan-run.ts";
import type { RepoCatalog } from "../../../application/repository/index.ts";
import type { SelfTestReport } from "../../../application/self-test/report.ts";
import { selfTest } from "../../../application/self-test/self-test.ts";
import type { RepoConfig } from "../../../command/repo-config.ts";
import { newRunId, type Plan, parseParamArgs } from "../../../engine/plan/index.ts";
import { ConsoleReporter, colorEnabled } from "../../../local/console-reporter.ts";
import { git } from "../../../local/git.ts";
import { GitWorkspace } from "../../../local/git-workspace.ts";
import { checkoutFingerprint, type ThrowawayClone, throwawayClone } from "../../../local/throwaway-clone.ts";
import { uncommittedChanges, uncommittedWarning } from "../../../local/uncommitted.ts";
import { startSpawnHelper } from "../../../os/spawn-helper.ts";
import { exampleValues } from "../../../scenario/parameter-values.ts";
import { openRunStore } from "../../../store/open-run-store.ts";
import { cliPath, currentBranch, interruptSignal, repoFor, repoRootOf } from "../engine-session.ts";
import type { CommandContext } from "../index.ts";
import { parseTimeout } from "../run.ts";
import { cliHint } from "../run-hints.ts";
import { reportLines } from "./render.ts";

export interface TestFlags {
  repo?: string;
  scenarios?: string;
  base?: string;
  timeout?: string;
  json?: boolean;
  keep?: boolean;
}

export async function runTest(
  ctx: CommandContext,
  scenarioId: string,
  args: string[],
  flags: TestFlags,
): Promise<void> {
  const root = repoRootOf(ctx, flags);
  const { catalog, config } = await repoFor(ctx, root, flags);
  const typed = parseParamArgs(scenarioId, args);
  const params = { ...exampleValues(catalog.require(scenarioId).parameters), ...typed };
  const defaultTimeoutMs = parseTimeout(flags.timeout);
  const base = flags.base ?? (await currentBranch(root));
  const progress = flags.json ? ctx.io.stderr : ctx.io.stdout;
  // Planned before anything is copied: a bad value is refused with its line, and nothing was made.
  const now = new Date();
  const plan = planRun({ catalog, config, scenarioId, params, runId: newRunId(now), now, root });
  const before = await checkoutFingerprint(root);
  const copy = await throwawayClone(root, base);
  try {
    if (flags.base === undefined) await warnUncommitted(ctx, root, catalog.dir, base, copy.baseSha);
    const shown = Object.entries(params).map(([k, v]) => `${k}=${v}`);
    progress(
      `scenario test ${scenarioId}${shown.length ? ` ${shown.join(" ")}` : ""}: from ${base} @ ${copy.baseSha.slice(0, 8)}, in a throwaway copy${flags.keep ? ` (${copy.dir})` : ""}\n`,
    );
    const report = await testInCopy(
      ctx,
      { plan, catalog, config, root, copy, keep: Boolean(flags.keep) },
      {
        write: progress,
        defaultTimeoutMs,
      },
    );
    const checkoutUntouched = (await checkoutFingerprint(root)) === before;
    const passed = report.passed && checkoutUntouched;
    if (flags.json)
      ctx.io.stdout(
        `${JSON.stringify({ ...report, passed, checkoutUntouched, ...(flags.keep ? { copy: copy.dir } : {}) }, null, 2)}\n`,
      );
    else ctx.io.stdout(`${reportLines(report, { checkoutUntouched, base }).join("\n")}\n`);
    ctx.setExitCode(passed ? 0 : 1);
  } finally {
    if (flags.keep) progress(`kept the copy in ${copy.dir}\n`);
    else copy.remove();
  }
}

/** Edits the copy will not have; the documents' own are read from disk, so they are not among them. */
async function warnUncommitted(
  ctx: CommandContext,
  root: string,
  documents: string,
  base: string,
  sha: string,
): Promise<void> {
  const changes = await uncommittedChanges(root);
  const paths = changes.paths.filter((p) => !p.startsWith(`${documents}/`));
  const warning = uncommittedWarning({ paths, more: changes.more }, base, sha);
  if (warning) ctx.io.stderr(`${warning}\n`);
}

interface InCopy {
  plan: Plan;
  catalog: RepoCatalog;
  config: RepoConfig;
  /** The user's checkout (its node_modules are linked into the run's worktree). */
  root: string;
  copy: ThrowawayClone;
  keep: boolean;
}

/** The run in the copy: its own embedded store, the local git workspace, the console for progress. */
async function testInCopy(
  ctx: CommandContext,
  { plan, catalog, config, root, copy, keep }: InCopy,
  { write, defaultTimeoutMs }: { write: (text: string) => void; defaultTimeoutMs: number | undefined },
): Promise<SelfTestReport> {
  // Before the embedded database makes this process large: git then spawns from a small one.
  startSpawnHelper();
  const opened = await openRunStore({ repoRoot: copy.dir });
  const interrupt = interruptSignal(ctx);
  try {
    return await selfTest({
      plan,
      catalog: catalog.scenarios,
      layout: config.layout,
      store: opened.store,
      workspace: await GitWorkspace.open({
        repo: copy.dir,
        runId: plan.runId,
        dependencies: config.dependencies,
        dependenciesFrom: root,
      }),
      progress: new ConsoleReporter({
        write,
        isTTY: ctx.io.isTTY && write === ctx.io.stdout,
        color: colorEnabled(ctx.io) && write === ctx.io.stdout,
        // The run's store is the copy's: its commands work only while the copy is kept.
        hint: keep ? cliHint({ repo: copy.dir }) : () => "the report below ends with its last lines",
      }),
      beforeRollback: async (ended) => {
        const stat = await git(["diff", "--stat=100", copy.baseSha, ended.branch], { cwd: copy.dir });
        if (stat.trim())
          write(`the run changed, before its rollback:\n${stat.trimEnd().replace(/^/gm, "    ")}\n`);
      },
      options: {
        repository: copy.dir,
        baseBranch: copy.baseSha,
        cliPath: await cliPath(ctx.io.env),
        env: ctx.io.env,
        signal: interrupt.signal,
        ...(defaultTimeoutMs ? { defaultTimeoutMs } : {}),
      },
    });
  } finally {
    interrupt.dispose();
    await opened.close();
  }
}
