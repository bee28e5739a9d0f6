// What the pipeline-wrapper edits read in a wrapper's shell text, written once: a branch of its
// dispatch, the file of the pipeline a line runs, the arguments it passes on, indents, and lines a
// trailing backslash continues.

export interface Branch {
  /** Index of the first line (the label, the `if`, the function's header) and of the last. */
  start: number;
  end: number;
  names: string[];
}

/** A file of the pipeline a line runs: `$SCRIPT_DIR/commands/list-worktrees.ts` gives `commands/list-worktrees.ts`. */
export const SCRIPT_REF = /\$\{?(?:SCRIPT_DIR|CLI_DIR)\}?\/([A-Za-z0-9_./-]+\.(?:ts|js|mjs|cjs|sh))/;
/** What runs the script, with its options (git's `node --loader ts-node/esm "$SCRIPT_DIR/..."`). */
export const RUNNER =
  /(?:npx\s+)?(?:ts-node|node|bash|tsx)(?:\s+--?[A-Za-z][\w-]*(?:=\S+|\s+(?!-)[^\s"$]+)?)*\s+(?=\\?"?\$\{?(?:SCRIPT_DIR|CLI_DIR))/;

/** The runner a file of this extension needs, given how the wrapper runs TypeScript. */
export function runnerFor(script: string, tsRunner: string): string {
  if (script.endsWith(".ts")) return tsRunner;
  if (script.endsWith(".sh")) return "bash";
  return "node";
}

/** How the wrapper runs TypeScript: `npx ts-node` where any of its lines does, else `ts-node`. */
export const tsRunnerOf = (text: string) => (/npx\s+ts-node/.test(text) ? "npx ts-node" : "ts-node");

/** The arguments passed on: `"$@"`, `$*`, `${@:2}`. */
export const PASSES_ARGS = /\$\{?[@*]/;
/**
 * A call that records the command: the wrapper's own `track_command`, or `track_and_execute` of the
 * CLI Pipeline Framework its wrappers source (dhg-mono's scripts/cli-pipeline/base-classes).
 */
export const TRACKS = /\btrack_(?:command|and_execute)\s/;

/** `if [ -f "$SCRIPT_DIR/prioritize-docs.ts" ]; then`: a test that the file is there, not a run of it. */
export const FILE_TEST =
  /^\s*(?:el)?if\s+\[\[?\s+-[efx]\s+"?\$\{?(?:SCRIPT_DIR|CLI_DIR)\}?\/[^"\s]+"?\s+\]\]?\s*;\s*then\s*$/;

/** A command's name as the framework's snake-case wrappers write it: `prune-merged` gives `prune_merged`. */
export const snake = (name: string) => name.replaceAll("-", "_");

export const indentOf = (line: string) => /^\s*/.exec(line)?.[0].length ?? 0;

/** The text with each line a trailing backslash continues joined to it (one command per line). */
export function withContinuations(text: string): string {
  return text.replace(/\\\r?\n\s*/g, " ");
}
