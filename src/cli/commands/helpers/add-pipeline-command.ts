// `scenario add-pipeline-command <wrapper>`: wires a command into a CLI pipeline's shell wrapper, with
// command tracking and a help line in the wrapper's own style, then checks the wrapper with `bash -n`.
// Documents call it as "$SCENARIO_CLI" add-pipeline-command, so targets need no script of their own.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { CommandContext } from "../index.ts";

interface Flags {
  command: string;
  script: string;
  summary: string;
  check?: boolean;
}

export function registerAddPipelineCommand(program: Command, ctx: CommandContext): void {
  program
    .command("add-pipeline-command")
    .description(
      "Add a command to a CLI pipeline's shell wrapper: a tracked case branch copied from an existing one, and a help line.",
    )
    .argument("<wrapper>", "the pipeline's shell wrapper, e.g. scripts/cli-pipeline/worktree/worktree-cli.sh")
    .requiredOption("--command <name>", "the command's name after the wrapper")
    .requiredOption("--script <file>", "the file it runs, relative to the wrapper's folder")
    .requiredOption("--summary <text>", "one line for the wrapper's help text")
    .option(
      "--check",
      "change nothing: exit 1, saying why, when the command cannot be added (or is there already)",
    )
    .action(async (wrapper: string, flags: Flags) => {
      // The edit (and its packages) loads when the command runs, not for every `--help`.
      const { addPipelineCommand, UNREADABLE_WRAPPER } = await import("./pipeline-wrapper.ts");
      const file = path.resolve(ctx.io.cwd, wrapper);
      const fail = (reason: string) => {
        ctx.io.stderr(`add-pipeline-command: ${wrapper}: ${reason}.\n`);
        ctx.setExitCode(1);
      };
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        return fail(UNREADABLE_WRAPPER);
      }
      const edit = addPipelineCommand(text, flags);
      if (!edit.ok) return fail(edit.reason);
      if (!edit.changed && flags.check) {
        return fail(`${flags.command} is already one of its commands; choose another name`);
      }
      if (!edit.changed) {
        ctx.io.stdout(`${wrapper}: ${flags.command} is already a command; nothing to do\n`);
        return;
      }
      const syntax = spawnSync("bash", ["-n"], { input: edit.text, encoding: "utf8" });
      if (syntax.status !== 0) return fail(`the edited wrapper would not parse (${syntax.stderr.trim()})`);
      if (flags.check) {
        ctx.io.stdout(`${wrapper}: ${flags.command} can be added (runs ${flags.script})\n`);
        return;
      }
      writeFileSync(file, edit.text);
      ctx.io.stdout(`${wrapper}: added ${flags.command} (runs ${flags.script})\n`);
    });
}
