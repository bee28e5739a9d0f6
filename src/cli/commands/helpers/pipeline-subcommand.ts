// A new command in a pipeline whose wrapper runs one commander program with each command's name
// (dhg-mono's classify, document_types, presentations), or hands every command to (development's
// deployment): the command's file becomes a module of that program, the program adds it, and the
// wrapper's new branch runs the program with the command's name (a forwarding wrapper gets only its
// help line).
// Every edit is made in memory first; nothing is written unless all three can be. A program a command
// cannot be added to (no top-level `new Command()` and parse) leaves the pipeline to its branches: the
// command runs its own file, as without --subcommand.
import { readFileSync } from "node:fs";
import path from "node:path";
import escapeRegExp from "escape-string-regexp";
import { addPipelineCommand, dispatchProgram, type PipelineCommand } from "./pipeline-wrapper.ts";
import {
  asCommandModule,
  commandsFolder,
  programCommands,
  programShape,
  registerInProgram,
} from "./program-command.ts";

export type SubcommandEdits =
  | { ok: true; writes: { file: string; text: string }[] }
  | { ok: false; reason: string };

const readable = (file: string): string | undefined => {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

/** The program's path from the wrapper's folder, and its text; a reason when it cannot be read. */
export function programOf(wrapperFile: string, program: string): { file: string; text: string } | string {
  const file = path.resolve(path.dirname(wrapperFile), program);
  const text = readable(file);
  return text === undefined
    ? `its commands run the commander program ${program}, which cannot be read beside it`
    : { file, text };
}

/**
 * The program, from the wrapper's folder, a new command joins: the one the wrapper runs with each
 * command's name (dispatchProgram), when it can be read and has a command added to it.
 */
export function subcommandProgram(wrapper: { file: string; text: string }): string | undefined {
  const program = dispatchProgram(wrapper.text);
  const found = program === undefined ? undefined : programOf(wrapper.file, program);
  return found && typeof found !== "string" && typeof programShape(found.text) !== "string"
    ? program
    : undefined;
}

/**
 * Where a new command's module goes, from the wrapper's folder: the folder the program imports its
 * commands from (`commands` beside classify's index.ts).
 */
export function subcommandFolder(wrapperFile: string, program: string): string {
  const found = programOf(wrapperFile, program);
  if (typeof found === "string") throw new Error(found);
  return path.posix.join(path.posix.dirname(program), commandsFolder(found.text));
}

/**
 * The edits adding `spec.command`, whose file is `spec.script` (from the wrapper's folder), to the
 * program the wrapper runs (`program`, from dispatchProgram). With `check`, the command's file is not
 * read (it need not exist yet).
 */
export function subcommandEdits(
  wrapper: { file: string; text: string },
  program: string,
  spec: PipelineCommand,
  check: boolean,
): SubcommandEdits {
  const found = programOf(wrapper.file, program);
  if (typeof found === "string") return { ok: false, reason: found };
  const moduleFile = path.resolve(path.dirname(wrapper.file), spec.script);
  let specifier = path
    .relative(path.dirname(found.file), moduleFile)
    .split(path.sep)
    .join("/")
    .replace(/\.[cm]?[jt]s$/, "");
  if (!specifier.startsWith("../")) specifier = `./${specifier}`;
  // Run by Node itself (`node deployment-cli.ts`), not ts-node or tsx: an import needs its extension.
  const file = escapeRegExp(path.posix.basename(program));
  const byNode = new RegExp(`(?:^|[\\s;&|])node\\s+(?:--?\\S+\\s+)*["']?[^\\s"']*\\b${file}\\b`, "m");
  const extension = byNode.test(wrapper.text) ? ".ts" : "";
  const registered = registerInProgram(found.text, { command: spec.command, specifier, extension });
  if (!registered.ok) return { ok: false, reason: `its program ${program}: ${registered.reason}` };
  // A command the program has already is not a new one, whether or not the wrapper branches to it.
  if (!registered.changed) return { ok: true, writes: [] };
  const listed = programCommands(found.text);
  const branch = addPipelineCommand(wrapper.text, { ...spec, script: program, subcommand: true, listed });
  if (!branch.ok) return branch;
  const writes = [
    { file: found.file, text: registered.text },
    ...(branch.changed ? [{ file: wrapper.file, text: branch.text }] : []),
  ];
  if (!check) {
    const moduleText = readable(moduleFile);
    if (moduleText === undefined) return { ok: false, reason: `${spec.script} cannot be read` };
    const asModule = asCommandModule(moduleText);
    if (!asModule.ok) return { ok: false, reason: `${spec.script}: ${asModule.reason}` };
    if (asModule.changed) writes.unshift({ file: moduleFile, text: asModule.text });
  }
  return { ok: true, writes };
}
