// `scenario check-syntax <file>...`: every syntax error of TypeScript, JavaScript and JSON files as
// `file:line:col message` (src/syntax/check.ts), exit 1 on any.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { CHECKED_EXTENSIONS, loadParser, type SyntaxProblem, syntaxErrors } from "../../../syntax/check.ts";
import type { CommandContext } from "../index.ts";

export function registerCheckSyntax(program: Command, ctx: CommandContext): void {
  program
    .command("check-syntax")
    .description(
      `Parse files (${CHECKED_EXTENSIONS.join(" ")}) and print every syntax error as file:line:col message; exit 1 on any.`,
    )
    .argument("<files...>", "files to parse, relative to the working directory")
    .action(async (files: string[]) => {
      let failed = false;
      for (const file of files) {
        const problems = await check(ctx, file);
        for (const p of problems) ctx.io.stdout(`${file}:${p.line}:${p.column} ${p.message}\n`);
        if (problems.length > 0) failed = true;
      }
      if (failed) {
        ctx.io.stderr("check-syntax: syntax errors found\n");
        ctx.setExitCode(1);
      } else {
        ctx.io.stdout(`check-syntax: ${files.length} file${files.length === 1 ? "" : "s"} parse\n`);
      }
    });
}

async function check(ctx: CommandContext, file: string): Promise<SyntaxProblem[]> {
  let text: string;
  try {
    text = await readFile(path.resolve(ctx.io.cwd, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return [{ line: 1, column: 1, message: code === "ENOENT" ? "no such file" : `cannot read: ${code}` }];
  }
  await loadParser();
  return (
    syntaxErrors(file, text) ?? [
      {
        line: 1,
        column: 1,
        message: `not a file kind check-syntax parses (${CHECKED_EXTENSIONS.join(", ")})`,
      },
    ]
  );
}
