// `scenario status [run]`: one run in detail (steps, durations, commits, what waits on people), or
// the runs still in progress.
import type { Command } from "commander";
import { RunNotFoundError } from "../../engine/errors.ts";
import { formatSummary } from "../../local/console-reporter.ts";
import { type SessionFlags, sessionOptions, withStore } from "./engine-session.ts";
import type { CommandContext } from "./index.ts";
import { formatRuns } from "./runs.ts";

export function registerStatus(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("status")
      .description("Show a run's steps and state, or the runs in progress.")
      .argument("[run]", "run id"),
  ).action(async (runId: string | undefined, flags: SessionFlags) => {
    await withStore(ctx, flags, async ({ store }) => {
      if (!runId) {
        const active = await store.listRuns({ status: ["queued", "running", "waiting"], limit: 50 });
        ctx.io.stdout(
          active.length ? formatRuns(active) : "No run in progress. `scenario runs` lists past runs.\n",
        );
        return;
      }
      const run = await store.getRun(runId);
      if (!run) throw new RunNotFoundError(runId);
      ctx.io.stdout(`${formatSummary(run, await store.listSteps(runId))}\n`);
      const open = (await store.listTasks(runId)).filter((t) => !t.done);
      for (const task of open) ctx.io.stdout(`  [ ] step ${task.stepIndex + 1}: ${task.text}\n`);
    });
  });
}
