// `scenario resume <run>`: continue after the last checkpoint (also when the store lost the run: the
// branch trailers are enough).
import type { Command } from "commander";
import type { CommandContext } from "./index.ts";
import { type SessionFlags, sessionOptions } from "./options.ts";
import { exitCodeOf } from "./run.ts";

export function registerResume(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("resume")
      .description("Continue a run after its last checkpoint (a waiting manual step goes on once ticked).")
      .argument("<run>", "run id, e.g. 20261124-k3f9qa")
      .option("--wait", "queue behind a run that holds the same target instead of refusing"),
  ).action(async (runId: string, flags: SessionFlags & { wait?: boolean }) => {
    const { resumeRun } = await import("../../engine/run/resume.ts");
    const { cliPath, repoFor, interruptSignal, portsFor, runBranch, withStore } = await import(
      "./engine-session.ts"
    );
    await withStore(ctx, flags, async (session) => {
      const { catalog, config } = await repoFor(ctx, session.root, flags);
      const ports = await portsFor(ctx, session, runId, flags);
      const branch = await runBranch(session, ports.workspace, runId);
      const interrupt = interruptSignal(ctx);
      try {
        const run = await resumeRun(runId, ports, {
          catalog,
          layout: config.layout,
          repository: session.root,
          cliPath: await cliPath(ctx.io.env),
          env: ctx.io.env,
          signal: interrupt.signal,
          branch,
          ...(flags.wait ? { wait: true } : {}),
        });
        ctx.setExitCode(exitCodeOf(run));
      } finally {
        interrupt.dispose();
      }
    });
  });
}
