// `scenario cancel <run>`: stop a run and undo what it did, by the engine's control table: a run that
// never started is recorded cancelled; a waiting one is rolled back; one that a `scenario` process on
// this machine is driving gets that process interrupted (as Ctrl-C would), and it rolls the run back.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import type { Command } from "commander";
import type { RunDriver } from "../../engine/run/cancel.ts";
import { isProcessAlive } from "../../os/process-alive.ts";
import type { CommandContext } from "./index.ts";
import { type SessionFlags, sessionOptions } from "./options.ts";

export function registerCancel(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("cancel")
      .description("Stop a run and undo what it did (a run still queued is just recorded cancelled).")
      .argument("<run>", "run id"),
  ).action(async (runId: string, flags: SessionFlags) => {
    const { cancelRun } = await import("../../engine/run/cancel.ts");
    const { cliPath, repoFor, portsFor, runBranch, withStore } = await import("./engine-session.ts");
    await withStore(ctx, flags, async (session) => {
      const { catalog, config } = await repoFor(ctx, session.root, flags);
      const ports = await portsFor(ctx, session, runId, flags);
      const stored = await session.store.getRun(runId);
      const branch = stored ? stored.branch : await runBranch(session, ports.workspace, runId);
      const run = await cancelRun(runId, ports, {
        catalog,
        layout: config.layout,
        repository: session.root,
        cliPath: await cliPath(ctx.io.env),
        env: ctx.io.env,
        branch,
        reason: `cancelled${ctx.io.env.USER ? ` by ${ctx.io.env.USER}` : ""}`,
        stopDriver: interruptLocalDriver,
      });
      ctx.setExitCode(run.status === "cancelled" || run.status === "rolled_back" ? 0 : 1);
    });
  });
}

/**
 * Interrupts the `scenario` process on this machine that drives the run, as Ctrl-C would: it stops
 * its step and rolls the run back. Only a live Node process on this host (the pid in a fresh claim
 * could otherwise have been reused by another program).
 */
async function interruptLocalDriver(driver: RunDriver): Promise<boolean> {
  if (driver.host !== hostname() || !isProcessAlive(driver.pid)) return false;
  try {
    const command = readFileSync(`/proc/${driver.pid}/cmdline`, "utf8");
    if (!/node/.test(command)) return false;
  } catch {
    // No /proc (macOS): the claim is fresh and names this host; trust it.
  }
  process.kill(driver.pid, "SIGINT");
  return true;
}
