// `scenario pipeline-scripts-folder <wrapper>`: where a CLI pipeline keeps the scripts its commands run,
// relative to its shell wrapper's folder (`commands`, or `.`), so a document can put a new command's
// file beside them (add-cli-command).
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
    .action(async (wrapper: string) => {
      const { scriptsFolder } = await import("./pipeline-wrapper.ts");
      let text: string;
      try {
        text = readFileSync(path.resolve(ctx.io.cwd, wrapper), "utf8");
      } catch {
        ctx.io.stderr(
          `pipeline-scripts-folder: ${wrapper}: cannot read it; give the path of the pipeline's <domain>-cli.sh from the repository root.\n`,
        );
        ctx.setExitCode(1);
        return;
      }
      ctx.io.stdout(`${scriptsFolder(text)}\n`);
    });
}
