// `scenario pipeline-scripts-folder <wrapper> [file]`: where a CLI pipeline keeps the scripts its commands
// run, relative to its shell wrapper's folder (`commands`, or `.`), or the path a file gets there, so a
// document can put a new command's file beside them (add-cli-command, migrate-script-to-pipeline). With
// --subcommand, in a pipeline whose wrapper runs one commander program with each command's name: where
// that program's command modules are.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { CommandContext } from "../index.ts";

export function registerPipelineScriptsFolder(program: Command, ctx: CommandContext): void {
  program
    .command("pipeline-scripts-folder")
    .description(
      "Print the folder, relative to a CLI pipeline's shell wrapper, holding most of the scripts its tracked commands run (`.` for the wrapper's own).",
    )
    .argument("<wrapper>", "the pipeline's shell wrapper, e.g. scripts/cli-pipeline/git/git-cli.sh")
    .argument("[file]", "a file name: print the path it gets in that folder, from the wrapper's path")
    .option(
      "--subcommand",
      "where the wrapper runs one commander program with each command's name: the folder that program imports its commands from",
    )
    .action(async (wrapper: string, file: string | undefined, flags: { subcommand?: boolean }) => {
      const { scriptsFolder, UNREADABLE_WRAPPER } = await import("./pipeline-wrapper.ts");
      const fail = (reason: string) => {
        ctx.io.stderr(`pipeline-scripts-folder: ${reason}.\n`);
        ctx.setExitCode(1);
      };
      const wrapperFile = path.resolve(ctx.io.cwd, wrapper);
      let text: string;
      try {
        text = readFileSync(wrapperFile, "utf8");
      } catch {
        return fail(`${wrapper}: ${UNREADABLE_WRAPPER}`);
      }
      const subcommand = flags.subcommand ? await import("./pipeline-subcommand.ts") : undefined;
      const program = subcommand?.subcommandProgram({ file: wrapperFile, text });
      const folder =
        subcommand && program ? subcommand.subcommandFolder(wrapperFile, program) : scriptsFolder(text);
      if (file === undefined) return ctx.io.stdout(`${folder}\n`);
      if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(file))
        return fail(`${file}: give a file name, without a folder`);
      ctx.io.stdout(`${path.posix.join(path.posix.dirname(wrapper), folder, file)}\n`);
    });
}
