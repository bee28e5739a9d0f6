// `scenario run <id> k=v...`: plan, then execute on a run branch in a worktree (the user's checkout is
// never touched). `--dry-run` prints the plan and changes nothing.
import type { Command } from "commander";
import type { RunRecord } from "../../engine/ports.ts";
import type { RepoLocation } from "../../local/git-workspace.ts";
import type { CommandContext } from "./index.ts";
import { type SessionFlags, sessionOptions } from "./options.ts";

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
      const [{ formatPlan }, { executeRun }, { uncommittedChanges, uncommittedWarning }, session] =
        await Promise.all([
          import("../../engine/plan/index.ts"),
          import("../../engine/run/execute.ts"),
          import("../../local/uncommitted.ts"),
          import("./engine-session.ts"),
        ]);
      const { cliPath, interruptSignal, planFromArgs, portsFor } = session;
      // What the checkout holds, asked of git while the plan is made (the plan never runs git).
      const checkout = flags.dryRun ? undefined : inspectCheckout(root, flags.base === undefined);
      checkout?.catch(() => {});
      const plan = await planFromArgs(ctx, root, flags, scenarioId, args);
      if (!store || !checkout) {
        ctx.io.stdout(formatPlan(plan));
        ctx.io.stdout("(dry run: nothing was changed)\n");
        return;
      }
      const defaultTimeoutMs = parseTimeout(flags.timeout);
      const { head, changes, located } = await checkout;
      const baseBranch = flags.base ?? head?.branch ?? "";
      // The checkout's own edits matter when the run starts from the branch checked out there.
      if (head && baseBranch === head.branch) {
        const warning = uncommittedWarning(changes ?? (await uncommittedChanges(root)), baseBranch, head.sha);
        if (warning) ctx.io.stderr(`${warning}\n`);
      }
      const opened = await store.session();
      // What git has said already: where the repository is and, unless the run may first wait for a
      // lock (the branch can move meanwhile), the base commit the warning above names.
      const startsAtHead = head && baseBranch === head.branch && !flags.wait;
      const known =
        opened.root === root
          ? {
              ...(located ? { located } : {}),
              ...(startsAtHead ? { knownBase: { branch: baseBranch, sha: head.sha } } : {}),
            }
          : {};
      const ports = await portsFor(ctx, opened, plan.runId, flags, known);
      const interrupt = interruptSignal(ctx);
      try {
        const run = await executeRun(plan, ports, {
          repository: root,
          baseBranch,
          cliPath: cliPath(),
          signal: interrupt.signal,
          env: ctx.io.env,
          ...(flags.wait ? { wait: true } : {}),
          ...(defaultTimeoutMs ? { defaultTimeoutMs } : {}),
        });
        ctx.setExitCode(exitCodeOf(run));
      } finally {
        interrupt.dispose();
      }
    } finally {
      await store?.close();
    }
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
