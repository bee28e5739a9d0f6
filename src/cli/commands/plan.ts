// `scenario plan <id> k=v...`: the plan, as `run` would execute it. Opens no database, changes nothing.
import type { Command } from "commander";
import type { CommandContext } from "./index.ts";
import { REPO_OPTION, type SessionFlags } from "./options.ts";

export function registerPlan(program: Command, ctx: CommandContext): void {
  program
    .command("plan")
    .description("Print what `scenario run` would do, step by step, without changing anything.")
    .argument("<scenario>", "scenario id")
    .argument("[params...]", "parameters as name=value")
    .option(...REPO_OPTION)
    .option("--scenarios <dir>", "folder of scenario documents")
    .action(async (scenarioId: string, args: string[], flags: SessionFlags) => {
      const { formatPlan } = await import("../../engine/plan/index.ts");
      const { planFromArgs, repoRootOf } = await import("./engine-session.ts");
      const plan = await planFromArgs(ctx, repoRootOf(ctx, flags), flags, scenarioId, args);
      ctx.io.stdout(formatPlan(plan));
    });
}
