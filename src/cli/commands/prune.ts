// `scenario prune`: lists the branches and worktrees of finished runs it would remove (rolled back,
// cancelled, succeeded and merged; --succeeded adds succeeded ones not merged) and the spare worktree,
// then removes them with --apply. Nothing is removed without --apply.
import { relative } from "node:path";
import type { Command } from "commander";
import type { PruneItem } from "../../local/prune.ts";
import type { CommandContext } from "./index.ts";
import { type SessionFlags, sessionOptions } from "./options.ts";
import { sessionArgs } from "./run-hints.ts";

export function registerPrune(program: Command, ctx: CommandContext): void {
  sessionOptions(
    program
      .command("prune")
      .description("Remove the branches and worktrees of finished runs (lists them first; --apply removes).")
      .option("--apply", "remove them (without it, only list what would go)")
      .option("--succeeded", "also remove succeeded runs whose branch is not merged"),
  ).action(async (flags: SessionFlags & { apply?: boolean; succeeded?: boolean }) => {
    const { applyPrune, planPrune } = await import("../../local/prune.ts");
    const { withStore } = await import("./engine-session.ts");
    await withStore(ctx, flags, async (session) => {
      const plan = await planPrune({
        repo: session.root,
        store: session.store,
        ...(flags.succeeded ? { succeeded: true } : {}),
      });
      const line = (item: PruneItem) =>
        `  ${item.runId}  ${[item.branch, item.worktree ? "worktree" : ""].filter(Boolean).join(" + ")}  (${item.why})`;
      const lines = plan.remove.map(line);
      if (plan.spare)
        lines.push(
          `  spare worktree  (${relative(session.root, plan.spare)}: a finished run's, kept for the next run)`,
        );
      if (!lines.length) ctx.io.stdout("Nothing to prune.\n");
      else ctx.io.stdout(`${flags.apply ? "Removing" : "Would remove"}:\n${lines.join("\n")}\n`);
      if (plan.keep.length) ctx.io.stdout(`Kept:\n${plan.keep.map(line).join("\n")}\n`);
      if (!flags.apply) {
        if (lines.length) {
          const again = [
            "scenario prune --apply",
            ...(flags.succeeded ? ["--succeeded"] : []),
            ...sessionArgs(flags),
          ];
          ctx.io.stdout(`Nothing was removed. To remove them: ${again.join(" ")}\n`);
        }
        return;
      }
      await applyPrune(session.root, plan);
      const runs = `${plan.remove.length} run${plan.remove.length === 1 ? "" : "s"}`;
      ctx.io.stdout(
        `Removed the branches and worktrees of ${runs}${plan.spare ? ", and the spare worktree" : ""}.\n`,
      );
    });
  });
}
