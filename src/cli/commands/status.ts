// `scenario status [run]`: one run in detail (steps, durations, commits, what waits on people), or
// the runs still in progress. `--json` prints the same as data.
import type { Command } from "commander";
import type { CommandContext } from "./index.ts";
import { type SessionFlags, sessionOptions } from "./options.ts";
import { cliHint } from "./run-hints.ts";
import { formatRuns, runJson, standingNotes, stepJson } from "./runs.ts";

export function registerStatus(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("status")
      .description("Show a run's steps and state, or the runs in progress.")
      .argument("[run]", "run id")
      .option("--json", "print the run (or the runs in progress) as JSON"),
  ).action(async (runId: string | undefined, flags: SessionFlags & { json?: boolean }) => {
    const { RunNotFoundError } = await import("../../engine/errors.ts");
    const { stepNumber } = await import("../../engine/plan/step-number.ts");
    const { runDriving } = await import("../../engine/run/claim.ts");
    const { colorEnabled, formatSummary, painter } = await import("../../local/console-reporter.ts");
    const { withStore } = await import("./engine-session.ts");
    await withStore(ctx, flags, async ({ store }) => {
      if (!runId) {
        const active = await store.listRuns({ status: ["queued", "running", "waiting"], limit: 50 });
        if (flags.json) ctx.io.stdout(`${JSON.stringify(active.map(runJson), null, 2)}\n`);
        else {
          const notes = await standingNotes(store, active, cliHint(flags));
          ctx.io.stdout(
            active.length
              ? formatRuns(active, notes)
              : "No run in progress. `scenario runs` lists past runs.\n",
          );
        }
        return;
      }
      const run = await store.getRun(runId);
      if (!run) throw new RunNotFoundError(runId);
      const steps = await store.listSteps(runId);
      // Only a waiting run waits on people: the checklist of a run that was undone is over with it.
      const open = run.status === "waiting" ? (await store.listTasks(runId)).filter((t) => !t.done) : [];
      // A running run's claim says which process drives it, and whether that one is gone.
      const driving = run.status === "running" ? await runDriving(store, run.id) : undefined;
      const numberOf = (index: number) => {
        const step = steps.find((s) => s.index === index);
        return step ? stepNumber(step, run.scenarioId) : String(index + 1);
      };
      if (flags.json) {
        const tasks = open.map((t) => ({ step: numberOf(t.stepIndex), item: t.item + 1, text: t.text }));
        const json = {
          ...runJson(run),
          steps: steps.map((s) => stepJson(s, run)),
          openTasks: tasks,
          ...(driving ? { driving } : {}),
        };
        ctx.io.stdout(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      const paint = painter(colorEnabled(ctx.io));
      ctx.io.stdout(
        `${formatSummary(run, steps, { hint: cliHint(flags), paint, ...(driving ? { driving } : {}) })}\n`,
      );
      for (const task of open) ctx.io.stdout(`  [ ] step ${numberOf(task.stepIndex)}: ${task.text}\n`);
    });
  });
}
