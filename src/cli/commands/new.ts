// `scenario new <id> --type <object type>`: a scenario document to fill in, from the template of its
// object type (scenarios/templates in scenario-bot's shipped catalog; proxy has a built-in skeleton),
// written to `<scenarios>/<type>/<id>.md` (or --out) and checked by the parser before it is written.
import type { Command } from "commander";
import { OBJECT_TYPES } from "../../scenario/types.ts";
import type { CommandContext } from "./index.ts";
import type { NewFlags } from "./new/run-new.ts";

export function registerNew(program: Command, ctx: CommandContext): void {
  program
    .command("new")
    .description("Start a scenario document from the template of its object type; it validates as written.")
    .argument("<id>", "the new scenario's id, kebab-case (e.g. add-search-proxy)")
    .requiredOption("--type <type>", `object type: ${OBJECT_TYPES.join(", ")}`)
    .option("--out <file>", "where to write it (default: <scenarios folder>/<type>/<id>.md)")
    .option("--stdout", "print the document instead of writing it")
    .option("--force", "overwrite a file that is already there")
    .action(async (id: string, flags: NewFlags) => {
      const { runNew } = await import("./new/run-new.ts");
      await runNew(ctx, id, flags);
    });
}
