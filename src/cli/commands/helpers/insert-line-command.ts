// `scenario insert-line`: the command's definition; its work (insert-line.ts, with the RE2 engine)
// loads only when it runs.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import type { CommandContext } from "../index.ts";
import type { InsertLineOptions } from "./insert-line.ts";

export function registerInsertLine(program: Command, ctx: CommandContext): void {
  program
    .command("insert-line")
    .description(
      "Insert a line into a file after/before the line an RE2 expression matches, or at the end; once.",
    )
    .argument("<file>", "the file to change (it must exist)")
    .requiredOption("--line <text>", "the line to insert")
    .option("--after <regex>", "after the last line matching it")
    .option("--before <regex>", "before the first line matching it")
    .option("--end", "at the end of the file")
    .option("--literal", "the anchor is plain text, not a regular expression")
    .option("--indent", "indent like the deeper of the two lines it goes between")
    .action(async (file: string, options: InsertLineOptions) => {
      const abs = path.resolve(ctx.io.cwd, file);
      try {
        const text = await readFile(abs, "utf8").catch((error: NodeJS.ErrnoException) => {
          throw new Error(error.code === "ENOENT" ? "no such file" : `cannot read it: ${error.code}`);
        });
        const { insertLine } = await import("./insert-line.ts");
        const outcome = insertLine(text, options);
        if (!outcome.changed) {
          ctx.io.stdout(`insert-line: ${file} ${outcome.reason}\n`);
          return;
        }
        await writeFile(abs, outcome.text);
        ctx.io.stdout(`insert-line: ${file}:${outcome.at} inserted\n`);
      } catch (error) {
        ctx.io.stderr(`insert-line: ${file}: ${(error as Error).message}\n`);
        ctx.setExitCode(1);
      }
    });
}
