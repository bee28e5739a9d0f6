// `scenario runs`: the latest runs of the repository, newest first.
import type { Command } from "commander";
import type { RunRecord } from "../../engine/ports.ts";
import { type SessionFlags, sessionOptions, withStore } from "./engine-session.ts";
import type { CommandContext } from "./index.ts";

export function registerRuns(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("runs")
      .description("List the latest runs, newest first.")
      .option("--limit <n>", "how many", "20"),
  ).action(async (flags: SessionFlags & { limit: string }) => {
    const limit = Number(flags.limit);
    if (!Number.isInteger(limit) || limit <= 0)
      throw new Error(`--limit ${flags.limit}: give a positive whole number`);
    await withStore(ctx, flags, async ({ store }) => {
      const runs = await store.listRuns({ limit });
      ctx.io.stdout(
        runs.length ? formatRuns(runs) : "No runs yet. Start one with `scenario run <id> k=v`.\n",
      );
    });
  });
}

export function formatRuns(runs: RunRecord[]): string {
  const rows = runs.map((r) => [
    r.id,
    r.status,
    r.scenarioId,
    r.target,
    r.updatedAt.toISOString().slice(0, 19).replace("T", " "),
    r.error ? (r.error.split("\n")[0]?.slice(0, 60) ?? "") : "",
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
