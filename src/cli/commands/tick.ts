// `scenario tick <run> <step>`: mark every item of a manual step done (the task file is ticked too),
// then resume with `scenario resume <run>` (or pass --resume).
import type { Command } from "commander";
import { RunNotFoundError, RunStateError } from "../../engine/errors.ts";
import { resumeRun } from "../../engine/run/resume.ts";
import {
  CLI_PATH,
  catalogFor,
  portsFor,
  type SessionFlags,
  sessionOptions,
  taskSink,
  withStore,
} from "./engine-session.ts";
import type { CommandContext } from "./index.ts";
import { exitCodeOf } from "./run.ts";

export function registerTick(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("tick")
      .description("Mark a manual step's checklist done.")
      .argument("<run>", "run id")
      .argument("<step>", "step number as shown in the run (n of n/N)")
      .option("--resume", "resume the run right after"),
  ).action(async (runId: string, stepText: string, flags: SessionFlags & { resume?: boolean }) => {
    await withStore(ctx, flags, async (session) => {
      const run = await session.store.getRun(runId);
      if (!run) throw new RunNotFoundError(runId);
      const steps = await session.store.listSteps(runId);
      const number = Number(stepText);
      const step = steps.find((s) => s.index === number - 1);
      const manual = steps.filter((s) => s.kind === "manual").map((s) => s.index + 1);
      if (!Number.isInteger(number) || !step || step.kind !== "manual") {
        throw new RunStateError(
          runId,
          run.status,
          `step ${stepText} is not a manual step of this run. ${manual.length ? `Manual steps: ${manual.join(", ")}.` : "It has no manual step reached yet."}`,
        );
      }
      const by = ctx.io.env.USER ?? "cli";
      const changed = await taskSink(ctx, session).tick(runId, step.index, by);
      ctx.io.stdout(`ticked ${changed} item(s) of step ${number} (${step.name}) as ${by}\n`);
      if (!flags.resume) {
        ctx.io.stdout(`continue with: scenario resume ${runId}\n`);
        return;
      }
      const resumed = await resumeRun(runId, await portsFor(ctx, session, runId), {
        catalog: await catalogFor(ctx, session.root, flags),
        repository: session.root,
        cliPath: CLI_PATH,
        env: ctx.io.env,
      });
      ctx.setExitCode(exitCodeOf(resumed));
    });
  });
}
