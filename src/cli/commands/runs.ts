// `scenario runs`: the latest runs of the repository, newest first (`--json` as data).
import type { Command } from "commander";
import { stepNumber } from "../../engine/plan/step-number.ts";
import type { RunRecord, RunStore, StepRecord } from "../../engine/ports.ts";
import type { RunHint } from "../../errors/index.ts";
import type { CommandContext } from "./index.ts";
import { type SessionFlags, sessionOptions } from "./options.ts";

export function registerRuns(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("runs")
      .description("List the latest runs, newest first.")
      .option("--limit <n>", "how many", "20")
      .option("--json", "print the runs as JSON"),
  ).action(async (flags: SessionFlags & { limit: string; json?: boolean }) => {
    const limit = Number(flags.limit);
    if (!Number.isInteger(limit) || limit <= 0)
      throw new Error(`--limit ${flags.limit}: give a positive whole number`);
    const { withStore } = await import("./engine-session.ts");
    const { cliHint } = await import("./run-hints.ts");
    await withStore(ctx, flags, async ({ store }) => {
      const runs = await store.listRuns({ limit });
      if (flags.json) {
        ctx.io.stdout(`${JSON.stringify(runs.map(runJson), null, 2)}\n`);
        return;
      }
      const notes = await standingNotes(store, runs, cliHint(flags));
      ctx.io.stdout(
        runs.length ? formatRuns(runs, notes) : "No runs yet. Start one with `scenario run <id> k=v`.\n",
      );
    });
  });
}

/** A run as `--json` prints it: the record with ISO dates, fields in a stable order. */
export function runJson(run: RunRecord): Record<string, unknown> {
  return {
    id: run.id,
    scenarioId: run.scenarioId,
    status: run.status,
    target: run.target,
    params: run.params,
    repository: run.repository,
    branch: run.branch,
    baseBranch: run.baseBranch,
    baseSha: run.baseSha ?? null,
    headSha: run.headSha ?? null,
    error: run.error ?? null,
    issueNumber: run.issueNumber ?? null,
    pullRequest: run.pullRequest ?? null,
    triggeredBy: run.triggeredBy ?? null,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
  };
}

/** A step as `status --json` prints it: `step` is the number people see (see stepNumber). */
export function stepJson(step: StepRecord, run: RunRecord): Record<string, unknown> {
  return {
    step: stepNumber(step, run.scenarioId),
    scenarioId: step.scenarioId,
    number: step.number,
    name: step.name,
    kind: step.kind,
    status: step.status,
    commitSha: step.commitSha ?? null,
    startedAt: step.startedAt?.toISOString() ?? null,
    finishedAt: step.finishedAt?.toISOString() ?? null,
    error: step.error ?? null,
  };
}

/**
 * Where each queued or running run stands (src/local/run-standing.ts), as `status <run>` says it: a
 * running run's claim tells whether its process is gone, with the command that resumes it; a queued
 * run (no claim) waits for a process, or for the workflow job a comment's dispatch starts, with the
 * command that cancels it if that never came.
 */
export async function standingNotes(
  store: RunStore,
  runs: readonly RunRecord[],
  hint: (hint: RunHint) => string,
): Promise<Map<string, string>> {
  const { runDriving } = await import("../../engine/run/claim.ts");
  const { runStanding } = await import("../../local/run-standing.ts");
  const notes = new Map<string, string>();
  for (const run of runs) {
    if (run.status !== "running" && run.status !== "queued") continue;
    const standing = runStanding(run, run.status === "running" ? await runDriving(store, run.id) : undefined);
    if (standing)
      notes.set(run.id, standing.hint ? `${standing.text}: ${hint(standing.hint)}` : standing.text);
  }
  return notes;
}

/** The runs as a table; `notes` (by run id) stand in for the first line of a run's error. */
export function formatRuns(runs: RunRecord[], notes: ReadonlyMap<string, string> = new Map()): string {
  const rows = runs.map((r) => [
    r.id,
    r.status,
    r.scenarioId,
    r.target,
    r.updatedAt.toISOString().slice(0, 19).replace("T", " "),
    notes.get(r.id) ?? (r.error ? (r.error.split("\n")[0]?.slice(0, 60) ?? "") : ""),
  ]);
  const header = ["RUN", "STATUS", "SCENARIO", "TARGET", "UPDATED (UTC)", "NOTE"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join("\n")}\n`;
}
