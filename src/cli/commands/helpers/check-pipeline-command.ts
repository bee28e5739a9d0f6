// `scenario check-pipeline-command <wrapper> <command>`: exit 0 when the pipeline's wrapper tracks the
// command and its help lists it (pipeline-wiring.ts), else 1 saying which is missing. add-cli-command's
// checks after it adds a command.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { CommandContext } from "../index.ts";

export function registerCheckPipelineCommand(program: Command, ctx: CommandContext): void {
  program
    .command("check-pipeline-command")
    .description(
      "Exit 0 when a CLI pipeline's shell wrapper tracks a command and its help lists it, else 1 saying which is missing.",
    )
    .argument("<wrapper>", "the pipeline's shell wrapper, e.g. scripts/cli-pipeline/git/git-cli.sh")
    .argument("<command>", "the command's name after the wrapper")
    .action(async (wrapper: string, command: string) => {
      const { forwardedFile, UNREADABLE_WRAPPER } = await import("./pipeline-wrapper.ts");
      const { commandWiring } = await import("./pipeline-wiring.ts");
      const { programOf } = await import("./pipeline-subcommand.ts");
      const file = path.resolve(ctx.io.cwd, wrapper);
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        ctx.io.stderr(`check-pipeline-command: ${wrapper}: ${UNREADABLE_WRAPPER}.\n`);
        ctx.setExitCode(1);
        return;
      }
      const forwarded = forwardedFile(text);
      const program = forwarded === undefined ? undefined : programOf(file, forwarded);
      const programText = typeof program === "object" ? program.text : undefined;
      const { tracked, listed } = commandWiring(text, command, programText);
      if (!tracked.ok) ctx.io.stderr(`${wrapper} does not track ${command}\n`);
      if (!listed.ok) ctx.io.stderr(`the help text of ${wrapper} does not list ${command}\n`);
      if (!tracked.ok || !listed.ok) return ctx.setExitCode(1);
      ctx.io.stdout(`${wrapper}: ${command}: ${tracked.how}; ${listed.how}\n`);
    });
}
