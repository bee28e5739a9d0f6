// `scenario import <file>... --out <dir>`: loose recipes (markdown how-tos a team already has) into
// draft scenario documents, one `<id>.md` each under --out; an index or a retrospective is declined
// with the reason. Every guess in a draft is an `<!-- import: guessed ... -->` comment for its author.
import type { Command } from "commander";
import type { CommandContext } from "./index.ts";

export function registerImport(program: Command, ctx: CommandContext): void {
  program
    .command("import")
    .description(
      "Draft scenario documents from loose recipes (### numbered steps, checklists, a rollback section); every guess is marked for the author.",
    )
    .argument("<files...>", "markdown recipes to import")
    .requiredOption("--out <dir>", "folder the drafts are written to (created if missing)")
    .option("--force", "overwrite a draft that is already there")
    .action(async (files: string[], flags: { out: string; force?: boolean }) => {
      const { runImport } = await import("./import/run-import.ts");
      await runImport(ctx, files, flags);
    });
}
