// `scenario run <id> k=v...`: plan, then execute on a run branch in a worktree (the user's checkout is
// never touched). `--dry-run` prints the plan and changes nothing.
import type { Command } from "commander";
import type { Plan } from "../../engine/plan/index.ts";
import type { RunRecord } from "../../engine/ports.ts";
import type { RepoLocation } from "../../local/git-workspace.ts";
import type { CommandContext } from "./index.ts";
import { type SessionFlags, sessionOptions } from "./options.ts";
import type { StoreOpening } from "./store-session.ts";

interface RunFlags extends SessionFlags {
  base?: string;
  dryRun?: boolean;
  wait?: boolean;
  timeout?: string;
}

export function registerRun(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("run")
      .description("Run a scenario: each step checkpointed as a commit on scenario/<id>/<run-id>.")
      .argument("<scenario>", "scenario id, e.g. add-rls-policies")
      .argument("[params...]", "parameters as name=value")
      .option("--base <branch>", "branch the run starts from (default: the current branch)")
      .option("--dry-run", "print the plan and change nothing")
      .option("--wait", "queue behind a run that holds the same target instead of refusing")
      .option("--timeout <seconds>", "time limit of a block without its own (default 600)"),
  ).action(async (scenarioId: string, args: string[], flags: RunFlags) => {
    // The store starts opening before the engine, the planner and the adapters load (its own
    // modules are few): PGlite's WebAssembly compiles and a server connects meanwhile.
    const { repoRootOf, startOpeningStore } = await import("./store-session.ts");
    const root = repoRootOf(ctx, flags);
    const store = flags.dryRun ? undefined : startOpeningStore(ctx, root, flags);
    try {
      const [{ formatPlan }, { planFromArgs }] = await Promise.all([
        import("../../engine/plan/index.ts"),
        import("./engine-session.ts"),
      ]);
      // What the checkout holds, asked of git while the plan is made (the plan never runs git), and
      // the engine's modules loading meanwhile.
      const checkout = flags.dryRun ? undefined : inspectCheckout(root, flags.base === undefined);
      checkout?.catch(() => {});
      const modules = flags.dryRun ? undefined : runModules();
      modules?.catch(() => {});
      const plan = await planFromArgs(ctx, root, flags, scenarioId, args);
      if (!store || !checkout || !modules) {
        ctx.io.stdout(formatPlan(plan));
        ctx.io.stdout("(dry run: nothing was changed)\n");
        return;
      }
      ctx.setExitCode(
        exitCodeOf(await runPlan(ctx, await modules, { root, plan, store, checkout: await checkout, flags })),
      );
    } finally {
      await store?.close();
    }
  });
}

function runModules() {
  return Promise.all([
    import("../../engine/run/execute.ts"),
    import("./engine-session.ts"),
    import("../../engine/errors.ts"),
    import("../../local/uncommitted.ts"),
  ]);
}

/** Runs a plan made in `root`: warns of uncommitted changes, prepares the worktree, executes. */
async function runPlan(
  ctx: CommandContext,
  [{ executeRun }, session, { RunCancelledError }, uncommitted]: Awaited<ReturnType<typeof runModules>>,
  {
    root,
    plan,
    store,
    checkout,
    flags,
  }: {
    root: string;
    plan: Plan;
    store: StoreOpening;
    checkout: Checkout;
    flags: RunFlags;
  },
): Promise<RunRecord> {
  const defaultTimeoutMs = parseTimeout(flags.timeout);
  const { head, located } = checkout;
  const baseBranch = flags.base ?? head?.branch ?? "";
  // The head when the run starts from the branch checked out there: the checkout's own edits matter.
  const fromHead = head && baseBranch === head.branch ? head : undefined;
  if (fromHead) {
    const changes = checkout.changes ?? (await uncommitted.uncommittedChanges(root));
    const warning = uncommitted.uncommittedWarning(changes, baseBranch, fromHead.sha);
    if (warning) ctx.io.stderr(`${warning}\n`);
  }
  // What git has said already: where the repository is and, unless the run may first wait for a
  // lock (the branch can move meanwhile), the base commit the warning names.
  const knownBase = fromHead && !flags.wait ? { branch: baseBranch, sha: fromHead.sha } : undefined;
  const known = { ...(located ? { located } : {}), ...(knownBase ? { knownBase } : {}) };
  // Such a run's worktree is added while the store opens (`git worktree add` checks out every
  // file: ~1 s in a large repository), not after it: the engine still records the run and takes
  // its lock before it uses the branch (GitWorkspace.prepare), and a run that never gets there
  // has it undone (abandon, below). A queued run or another --base: its base is read when it starts.
  // A store that failed to open already (the embedded database in use) refuses the run at once, and
  // so may the lock while another run of the same scenario is under way: no worktree is prepared then.
  const workspace =
    knownBase && !store.failed() ? await session.workspaceFor(root, plan.runId, known) : undefined;
  const sameScenario = plan.branch.slice(0, plan.branch.lastIndexOf("/") + 1);
  const prepared = workspace && !workspace.runOnBranchesHere(sameScenario) ? workspace : undefined;
  if (prepared && knownBase) prepared.prepare(plan.branch, knownBase);
  // Ctrl-C is caught from here on when there is a worktree to undo, else (as before) once the
  // store is open and the ports made: until then it ends the process, with nothing made.
  let interrupt = prepared ? session.interruptSignal(ctx) : undefined;
  try {
    const opened = interrupt ? await untilAborted(store.session(), interrupt.signal) : await store.session();
    const ports =
      opened && (await session.portsFor(ctx, opened, plan.runId, flags, workspace ? { workspace } : known));
    interrupt ??= session.interruptSignal(ctx);
    // Ctrl-C before the run is recorded: nothing to roll back, nothing left behind.
    if (!ports || interrupt.signal.aborted) throw new RunCancelledError(NOT_STARTED);
    return await executeRun(plan, ports, {
      repository: root,
      baseBranch,
      cliPath: await session.cliPath(ctx.io.env),
      signal: interrupt.signal,
      env: ctx.io.env,
      ...(flags.wait ? { wait: true } : {}),
      ...(defaultTimeoutMs ? { defaultTimeoutMs } : {}),
    });
  } finally {
    interrupt?.dispose();
    // Nothing once the engine started the branch; else the prepared worktree and branch go.
    await prepared?.abandon().catch((error: unknown) => {
      ctx.io.stderr(`warning: could not remove the unused worktree ${prepared.root}: ${error}\n`);
    });
  }
}

const NOT_STARTED = "cancelled before the run started: nothing was changed";

/** What `opening` resolves to, or undefined as soon as `signal` aborts (it is then left to settle alone). */
function untilAborted<T>(opening: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
    opening.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

interface Checkout {
  head?: { branch: string; sha: string };
  changes?: { paths: string[]; more: number };
  /** Where the repository is, asked with the head (for the run's GitWorkspace). */
  located?: RepoLocation;
}

/**
 * The checked-out branch and commit, and its uncommitted changes when the run starts from it
 * (`fromCheckout`: no --base). With --base they only say whether the base is what is checked out,
 * so a checkout without commits is no error then.
 */
async function inspectCheckout(root: string, fromCheckout: boolean): Promise<Checkout> {
  const { checkedOutWhere } = await import("./engine-session.ts");
  const { uncommittedChanges } = await import("../../local/uncommitted.ts");
  if (!fromCheckout)
    return checkedOutWhere(root).then(
      ({ head, located }) => ({ head, ...(located ? { located } : {}) }),
      () => ({}),
    );
  // One after the other, both through the spawn helper (it runs one command at a time): a second one
  // at the same time would spawn from this process, ~10 ms of its own time while it makes the plan.
  const { head, located } = await checkedOutWhere(root);
  return { head, changes: await uncommittedChanges(root), ...(located ? { located } : {}) };
}

export function exitCodeOf(run: RunRecord): number {
  return run.status === "succeeded" || run.status === "waiting" ? 0 : 1;
}

export function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`--timeout ${text}: give a number of seconds, e.g. --timeout 120`);
  }
  return seconds * 1000;
}
