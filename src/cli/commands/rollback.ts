// `scenario rollback <run>`: run the scenario's rollback steps and reset the run branch to its base.
import type { Command } from "commander";
import type { CommandContext } from "./index.ts";
import { type SessionFlags, sessionOptions } from "./options.ts";

export function registerRollback(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("rollback")
      .description(
        "Undo a run (finished, waiting or interrupted): rollback steps, then its branch back to base.",
      )
      .argument("<run>", "run id"),
  ).action(async (runId: string, flags: SessionFlags) => {
    const { rollbackRun } = await import("../../engine/run/rollback.ts");
    const { cliPath, repoFor, portsFor, runBranch, withStore } = await import("./engine-session.ts");
    await withStore(ctx, flags, async (session) => {
      const { catalog, config } = await repoFor(ctx, session.root, flags);
      const ports = await portsFor(ctx, session, runId, flags);
      const branch = await runBranch(session, ports.workspace, runId);
      const run = await rollbackRun(runId, ports, {
        catalog,
        layout: config.layout,
        repository: session.root,
        cliPath: await cliPath(ctx.io.env),
        env: ctx.io.env,
        branch,
      });
      ctx.setExitCode(run.status === "rolled_back" ? 0 : 1);
    });
  });
}
