// Whether a pipeline's wrapper tracks a command and its help lists it, read from the wrapper (and, for
// a wrapper handing every command to its commander program, that program) without running either:
// dhg-mono's wrappers load .env files, install dependencies (monitoring) or stop when an environment
// file is missing (documentation) before they answer `help`. A tracked name may keep the wrapper's
// prefix (`refactor-<command>`), or be in snake case where the CLI Pipeline Framework's
// `track_and_execute` records it (git's `prune_merged`); a help line may be an `echo`, a line of a
// here-document, an entry `"name:description"` of the commands array a framework wrapper's help prints,
// or a header comment for wrappers whose commander program prints the help.
import escapeRegExp from "escape-string-regexp";
import { snake } from "./pipeline-shell.ts";
import { forwardedFile } from "./pipeline-wrapper.ts";
import { importNameOf, programCommands } from "./program-command.ts";

export interface Wiring {
  /** How the wrapper tracks the command, or why it does not. */
  tracked: { ok: boolean; how: string };
  listed: { ok: boolean; how: string };
}

/** A wrapper tracking its first argument (`track_command "deployment" "$1"`, `"$COMMAND"` set from it). */
function tracksFirstArgument(text: string): boolean {
  if (/\btrack_command\s[^\n]*"\$\{?1\}?"/.test(text)) return true;
  const variable = /^\s*([A-Za-z_]\w*)="\$\{?1(?::-[^}"]*)?\}?"\s*$/m.exec(text)?.[1];
  return variable !== undefined && new RegExp(`\\btrack_command\\s+"\\$\\{?${variable}\\}?"`).test(text);
}

export function commandWiring(wrapperText: string, command: string, programText?: string): Wiring {
  const name = escapeRegExp(command);
  const forwarded = forwardedFile(wrapperText);
  const program =
    forwarded !== undefined && programText !== undefined
      ? programCommands(programText).includes(command) ||
        new RegExp(`\\.addCommand\\(\\s*${importNameOf(command)}\\s*\\)`).test(programText)
      : false;
  const snakeName = escapeRegExp(snake(command));
  const tracked = new RegExp(`track_command .*"([A-Za-z0-9_]+-)?${name}"`).test(wrapperText)
    ? { ok: true, how: "a branch tracks it" }
    : new RegExp(`track_and_execute\\s+"(?:${name}|${snakeName})"`).test(wrapperText)
      ? { ok: true, how: "the CLI Pipeline Framework's track_and_execute tracks it" }
      : program && tracksFirstArgument(wrapperText)
        ? {
            ok: true,
            how: `it tracks every command by its first argument and hands it to ${forwarded}, which has it`,
          }
        : { ok: false, how: "does not track" };
  const helpLine = new RegExp(`^\\s*(((echo\\s+(-e\\s+)?["'])|#)?\\s*${name}\\s|"${name}:)`, "m");
  const listed = helpLine.test(wrapperText)
    ? { ok: true, how: "its help text lists it" }
    : program && /\b(?:ts-node|tsx|node)\b[^\n]*\s--help\b/.test(wrapperText)
      ? { ok: true, how: `${forwarded} prints the help, and has it` }
      : { ok: false, how: "does not list" };
  return { tracked, listed };
}
