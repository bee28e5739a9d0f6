// `scenario tick <run> <step>`: mark every item of a manual step done (the task file is ticked too),
// then resume with `scenario resume <run>` (or pass --resume). Only a waiting run waits on people.
import type { Command } from "commander";
import type { CommandContext } from "./index.ts";
import { type SessionFlags, sessionOptions } from "./options.ts";
import { exitCodeOf } from "./run.ts";
import { cliHint } from "./run-hints.ts";

export function registerTick(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("tick")
      .description("Mark a manual step's checklist done.")
      .argument("<run>", "run id")
      .argument("<step>", "the step's number as the run shows it (e.g. 3, or create-database-table 1)")
      .option("--resume", "resume the run right after"),
  ).action(async (runId: string, stepText: string, flags: SessionFlags & { resume?: boolean }) => {
    const { RunNotFoundError, RunStateError } = await import("../../engine/errors.ts");
    const { findStepByNumber, stepNumber } = await import("../../engine/plan/step-number.ts");
    const { resumeRun } = await import("../../engine/run/resume.ts");
    const { cliPath, repoFor, portsFor, taskSink, withStore } = await import("./engine-session.ts");
    const hint = cliHint(flags);
    await withStore(ctx, flags, async (session) => {
      const run = await session.store.getRun(runId);
      if (!run) throw new RunNotFoundError(runId);
      if (run.status !== "waiting") {
        throw new RunStateError(
          runId,
          run.status,
          `nothing waits on people; ticking changes nothing. \`${hint({ do: "run", action: "status", runId })}\` shows where it is.`,
        );
      }
      const steps = await session.store.listSteps(runId);
      const step = findStepByNumber(steps, stepText, run.scenarioId);
      const manual = steps.filter((s) => s.kind === "manual").map((s) => stepNumber(s, run.scenarioId));
      if (step?.kind !== "manual") {
        throw new RunStateError(
          runId,
          run.status,
          `step ${stepText} is not a manual step of this run. ${manual.length ? `Manual steps: ${manual.join(", ")}.` : "It has no manual step reached yet."}`,
        );
      }
      const by = ctx.io.env.USER ?? "cli";
      const number = stepNumber(step, run.scenarioId);
      const changed = await taskSink(ctx, session, flags).tick(runId, step.index, by);
      ctx.io.stdout(`ticked ${changed} item(s) of step ${number} (${step.name}) as ${by}\n`);
      if (!flags.resume) {
        ctx.io.stdout(`continue with: ${hint({ do: "run", action: "resume", runId })}\n`);
        return;
      }
      const { catalog, config } = await repoFor(ctx, session.root, flags);
      const resumed = await resumeRun(runId, await portsFor(ctx, session, runId, flags), {
        catalog,
        layout: config.layout,
        repository: session.root,
        cliPath: await cliPath(ctx.io.env),
        env: ctx.io.env,
      });
      ctx.setExitCode(exitCodeOf(resumed));
    });
  });
}
