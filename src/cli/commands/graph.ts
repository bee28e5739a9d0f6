// `scenario graph [id]`: the dependency graph as Mermaid flowchart text.
import type { Command } from "commander";
import type { CommandContext } from "./index.ts";
import { REPO_OPTION, SCENARIOS_OPTION } from "./options.ts";

export function registerGraph(program: Command, ctx: CommandContext): void {
  program
    .command("graph")
    .description(
      "Print the dependency graph as a Mermaid flowchart (an arrow runs from a dependency to what needs it).",
    )
    .argument("[id]", "only this scenario and what it depends on")
    .option(...REPO_OPTION)
    .option(...SCENARIOS_OPTION)
    .action(async (id: string | undefined, flags: { repo?: string; scenarios?: string }) => {
      const { toMermaid } = await import("../../scenario/index.ts");
      const { readCatalog, warnProblems } = await import("./read-catalog.ts");
      const catalog = await readCatalog(ctx, flags);
      warnProblems(ctx, catalog);
      if (id !== undefined) catalog.require(id);
      ctx.io.stdout(toMermaid(catalog.scenarios, id));
    });
}
