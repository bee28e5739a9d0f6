// `scenario logs <run> [step]`: the output a run stored for its steps (the last 4 KB of each, secrets
// redacted when stored and again here), and the reason it ended, so a failure can be read after the fact.
import type { Command } from "commander";
import type { CommandContext } from "./index.ts";
import { type SessionFlags, sessionOptions } from "./options.ts";

export function registerLogs(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("logs")
      .description("Print the stored output of a run's steps (or of one step) and why the run ended.")
      .argument("<run>", "run id")
      .argument("[step]", "the step's number as the run shows it (e.g. 3, or create-database-table 1)"),
  ).action(async (runId: string, stepText: string | undefined, flags: SessionFlags) => {
    const { RunNotFoundError, RunStateError } = await import("../../engine/errors.ts");
    const { findStepByNumber, stepNumber } = await import("../../engine/plan/step-number.ts");
    const { redact, stepEnvironment } = await import("../../engine/run/env.ts");
    const { withStore } = await import("./engine-session.ts");
    await withStore(ctx, flags, async ({ store }) => {
      const run = await store.getRun(runId);
      if (!run) throw new RunNotFoundError(runId);
      const steps = await store.listSteps(runId);
      const chosen = stepText === undefined ? steps : [findStepByNumber(steps, stepText, run.scenarioId)];
      if (chosen[0] === undefined) {
        const numbers = steps.map((s) => stepNumber(s, run.scenarioId)).join(", ");
        throw new RunStateError(
          runId,
          run.status,
          `it has no step ${stepText}${numbers ? `; its steps so far: ${numbers}` : "; no step has run yet"}.`,
        );
      }
      // Stored output was redacted when stored; what this environment holds is redacted as well.
      const { secrets } = stepEnvironment(ctx.io.env);
      const lines: string[] = [`Run ${run.id} ${run.status}: ${run.scenarioId} (target ${run.target})`];
      if (run.error) lines.push(`reason: ${redact(run.error, secrets)}`);
      for (const step of chosen) {
        if (!step) continue;
        lines.push(
          "",
          `== step ${stepNumber(step, run.scenarioId)}: ${step.name} (${step.kind}, ${step.status}) ==`,
        );
        if (step.error) lines.push(`error: ${redact(step.error, secrets)}`);
        lines.push(
          step.outputTail ? redact(step.outputTail, secrets).replace(/\n$/, "") : "(no output stored)",
        );
      }
      ctx.io.stdout(`${lines.join("\n")}\n`);
    });
  });
}
