// `scenario rollback <run>`: run the scenario's rollback steps and reset the run branch to its base.
import type { Command } from "commander";
import { rollbackRun } from "../../engine/run/rollback.ts";
import {
  CLI_PATH,
  catalogFor,
  portsFor,
  runBranch,
  type SessionFlags,
  sessionOptions,
  withStore,
} from "./engine-session.ts";
import type { CommandContext } from "./index.ts";

export function registerRollback(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("rollback")
      .description(
        "Undo a run (finished, waiting or interrupted): rollback steps, then its branch back to base.",
      )
      .argument("<run>", "run id"),
  ).action(async (runId: string, flags: SessionFlags) => {
    await withStore(ctx, flags, async (session) => {
      const catalog = await catalogFor(ctx, session.root, flags);
      const ports = await portsFor(ctx, session, runId, flags);
      const branch = await runBranch(session, ports.workspace, runId);
      const run = await rollbackRun(runId, ports, {
        catalog,
        repository: session.root,
        cliPath: CLI_PATH,
        env: ctx.io.env,
        branch,
      });
      ctx.setExitCode(run.status === "rolled_back" ? 0 : 1);
    });
  });
}
