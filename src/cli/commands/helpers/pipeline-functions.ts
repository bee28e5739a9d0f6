// Wrappers written on dhg-mono's CLI Pipeline Framework (scripts/cli-pipeline/base-classes, 18 of the 48
// wrappers at 5e9e240a) run each command in a function of its own, `command_<name>() { ... }`, which
// tracks it with the framework's `track_and_execute` and runs a file of the pipeline; their `case "$1"`
// branches only call that function (git's `list-worktrees) shift; command_list_worktrees "$@";;`), or
// track it themselves (`track_and_execute "lint" command_lint "$@"`). A new command there is a copy of
// such a function and of a branch calling it, names, file and description swapped.
import escapeRegExp from "escape-string-regexp";
import {
  type Branch,
  FILE_TEST,
  indentOf,
  PASSES_ARGS,
  RUNNER,
  runnerFor,
  SCRIPT_REF,
  snake,
  TRACKS,
  tsRunnerOf,
  withContinuations,
} from "./pipeline-shell.ts";
import type { PipelineCommand } from "./pipeline-wrapper.ts";

interface CommandFunction {
  /** The header line and the line of its closing brace. */
  start: number;
  end: number;
  /** What follows `command_` (`list_worktrees`, or registry's `scan-apps`). */
  name: string;
}

const HEADER = /^(\s*)(?:function\s+)?command_([A-Za-z0-9_-]+)\s*\(\)\s*\{\s*$/;
const CALL = /\bcommand_([A-Za-z0-9_-]+)\b/;
/** A line only saying something (`log_info "Scanning..."`, `echo`, `print_info`): the template's own. */
const MESSAGE = /^\s*(?:echo|printf|log_\w+|print_\w+)\b/;
const DESCRIPTION = /^(\s*(?:local\s+)?description=)(["']).*\2\s*$/;
const basename = (path: string) => path.slice(path.lastIndexOf("/") + 1);

function commandFunctions(lines: string[]): CommandFunction[] {
  const found: CommandFunction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header = HEADER.exec(lines[i] ?? "");
    if (!header) continue;
    const indent = (header[1] ?? "").length;
    let end = i + 1;
    while (
      end < lines.length &&
      !(/^\s*\}\s*$/.test(lines[end] ?? "") && indentOf(lines[end] ?? "") === indent)
    )
      end++;
    if (end >= lines.length) break;
    found.push({ start: i, end, name: header[2] ?? "" });
    i = end;
  }
  return found;
}

/** The indexes of the lines inside the wrapper's `command_<name>` functions. */
export function commandFunctionLines(lines: string[]): Set<number> {
  const inside = new Set<number>();
  for (const f of commandFunctions(lines)) for (let i = f.start + 1; i < f.end; i++) inside.add(i);
  return inside;
}

/** Whether the wrapper has a function for the command, as typed or in snake case. */
export function hasCommandFunction(lines: string[], command: string): boolean {
  return commandFunctions(lines).some((f) => f.name === command || f.name === snake(command));
}

/** The name a template records or calls, in the new command's form: as typed, or in snake case. */
function renamed(old: string, template: string, command: string): string | undefined {
  if (old === template) return command;
  if (old === snake(template)) return snake(command);
  return undefined;
}

/**
 * The new command's function name, in the form of the template's (`list_worktrees`: snake case,
 * `scan-apps`: as typed); a one-word template (`sync`) says neither, so the wrapper's other functions do.
 */
function functionName(templateFn: string, template: string, command: string, functions: CommandFunction[]) {
  const name = renamed(templateFn, template, command);
  if (name === undefined || templateFn !== template || /[-_]/.test(templateFn)) return name;
  const snakes = functions.filter((f) => f.name.includes("_")).length;
  const kebabs = functions.filter((f) => f.name.includes("-")).length;
  return snakes > kebabs ? snake(command) : command;
}

/** The tracked name (the first quoted argument) and a literal description after it, swapped. */
function retracked(line: string, template: string, spec: PipelineCommand): string | undefined {
  const call = /(\btrack_(?:command|and_execute)\s+)"([^"]*)"(\s+"([^"$]*)")?/.exec(line);
  if (!call) return line;
  const name = renamed(call[2] ?? "", template, spec.command);
  if (name === undefined) return undefined;
  const summary = spec.summary.replaceAll('"', "");
  const description = call[3] === undefined ? "" : ` "${summary}"`;
  return line.replace(call[0], `${call[1]}"${name}"${description}`);
}

/**
 * The file the line runs swapped for the new one when nothing but arguments follows it, and its runner
 * for one of the kind the new file is (`bash` for a `.sh`, the wrapper's own for a `.ts`).
 */
function rerun(line: string, spec: PipelineCommand, tsRunner: string): string | undefined {
  const ref = SCRIPT_REF.exec(line);
  if (!ref) return line;
  const file = ref[1] ?? "";
  const next = line.replace(ref[0], ref[0].slice(0, ref[0].length - file.length) + spec.script);
  // system's and living_docs' functions first check that their file is there.
  if (FILE_TEST.test(line)) return next;
  const rest = line.slice((ref.index ?? 0) + ref[0].length);
  if (!/^"?(?:\s+"?\$\{?[@*][^\s]*)*\s*$/.test(rest)) return undefined;
  if (file.split(".").pop() === spec.script.split(".").pop()) return next;
  return RUNNER.test(next) ? next.replace(RUNNER, `${runnerFor(spec.script, tsRunner)} `) : undefined;
}

/** A copy of lines `from..to`, or undefined when one of them cannot be made the new command's. */
function copied(
  lines: string[],
  from: number,
  to: number,
  template: { command: string; fn: string; tsRunner: string },
  spec: PipelineCommand,
  fn: string,
): string[] | undefined {
  const body = lines.slice(from, to + 1);
  const own = indentOf(body.find((l, i) => i > 0 && l.trim() !== "") ?? "");
  // What else names the template's file (`print_error "prioritize-docs.ts not found"`) names the new one.
  const file = SCRIPT_REF.exec(body.join("\n"))?.[1];
  const named = file && new RegExp(`(?<![\\w./-])${escapeRegExp(basename(file))}(?![\\w.-])`, "g");
  const out: string[] = [];
  let dropped = false;
  for (const [i, line] of body.entries()) {
    const continued = i > 0 && /\\\s*$/.test(body[i - 1] ?? "");
    if (!continued && i > 0 && indentOf(line) === own && MESSAGE.test(line) && !TRACKS.test(line)) {
      dropped = true;
      continue;
    }
    // The blank line that parted a dropped message from the rest goes with it.
    if (dropped && out.length === 1 && line.trim() === "") continue;
    let next: string | undefined = line.replace(
      new RegExp(`\\bcommand_${escapeRegExp(template.fn)}\\b`),
      `command_${fn}`,
    );
    next = DESCRIPTION.test(next)
      ? next.replace(DESCRIPTION, (_, lead: string) => `${lead}"${spec.summary.replaceAll('"', "")}"`)
      : next;
    if (named && !SCRIPT_REF.test(next)) next = next.replace(named, basename(spec.script));
    next = retracked(next, template.command, spec);
    next = next === undefined ? undefined : rerun(next, spec, template.tsRunner);
    if (next === undefined) return undefined;
    out.push(next);
  }
  return out;
}

/**
 * What goes before the new function: the blank lines that part the template from what precedes it, and
 * its comment when it names its command (git's `# Command: list-worktrees - List all git worktrees`).
 */
function leadOf(lines: string[], start: number, command: string, spec: PipelineCommand): string[] {
  const above = lines[start - 1] ?? "";
  const named = new RegExp(`^(\\s*#.*?)\\b${escapeRegExp(command)}\\b(.*)$`).exec(above);
  const comment = named
    ? [`${named[1]}${spec.command}${(named[2] ?? "").replace(/(\s[-:]\s).*$/, `$1${spec.summary}`)}`]
    : [];
  let first = named ? start - 1 : start;
  const gap: string[] = [];
  while (first > 0 && /^\s*$/.test(lines[first - 1] ?? "")) gap.push(lines[--first] ?? "");
  return [...(gap.length ? gap : [""]), ...comment];
}

export interface FunctionCommand {
  /**
   * The new `case` branch, and the branch it copies (its place and spacing are the template's); none
   * where the framework's `route_command` calls `command_<what was typed>` (registry's).
   */
  branch?: { lines: string[]; template: Branch };
  /** The new function, to go after line `after` (the last command function's closing brace). */
  fn: { after: number; lines: string[] };
  /** The commands the wrapper's functions run, as typed: where its help text may list them. */
  listed: string[];
}

/** A function that tracks its command, runs a file of the pipeline and passes on its arguments. */
function runsFile(lines: string[], f: CommandFunction, alsoTracked = ""): string | undefined {
  const text = withContinuations(lines.slice(f.start, f.end + 1).join("\n"));
  const ext = SCRIPT_REF.exec(text)?.[1]?.split(".").pop();
  return ext && PASSES_ARGS.test(text) && (TRACKS.test(text) || TRACKS.test(alsoTracked)) ? ext : undefined;
}

/** The wrapper hands the commands it has no branch for to the framework's `route_command` (`command_$1`). */
const routes = (lines: string[]) => lines.some((l) => /^\s*route_command\s+"\$@"/.test(l));

/**
 * The new command's function and branch, copied from the plainest pair of a branch calling a function
 * that runs a file of the pipeline and passes on its arguments, one of the two tracking it; undefined
 * when the wrapper has no such pair.
 */
export function functionCommand(
  lines: string[],
  all: Branch[],
  spec: PipelineCommand,
): FunctionCommand | undefined {
  if (spec.subcommand) return undefined;
  const functions = commandFunctions(lines);
  const byName = new Map(functions.map((f) => [f.name, f]));
  const last = functions.at(-1);
  if (!last) return undefined;
  const ext = spec.script.split(".").pop();
  const pairs = all.flatMap((branch) => {
    const body = lines.slice(branch.start + 1, branch.end + 1).join("\n");
    const called = byName.get(CALL.exec(body)?.[1] ?? "");
    const command = branch.names[0];
    if (!called || !command || functionName(called.name, command, spec.command, functions) === undefined)
      return [];
    const runs = runsFile(lines, called, body);
    if (!runs) return [];
    const cost = branch.end - branch.start + called.end - called.start + (runs === ext ? 0 : 100);
    return [{ branch: branch as Branch | undefined, called, command, cost }];
  });
  // Routed by name: the function's name is the command as typed.
  if (pairs.length === 0 && routes(lines)) {
    for (const f of functions) {
      const runs = runsFile(lines, f);
      if (runs)
        pairs.push({
          branch: undefined,
          called: f,
          command: f.name,
          cost: f.end - f.start + (runs === ext ? 0 : 100),
        });
    }
  }
  pairs.sort((x, y) => x.cost - y.cost || x.called.start - y.called.start);
  const listed = functions.map((f) => f.name.replaceAll("_", "-"));
  const tsRunner = tsRunnerOf(lines.join("\n"));
  for (const { branch, called, command } of pairs) {
    const fn = functionName(called.name, command, spec.command, functions) as string;
    const template = { command, fn: called.name, tsRunner };
    const fnLines = copied(lines, called.start, called.end, template, spec, fn);
    const body = branch && copied(lines, branch.start + 1, branch.end, template, spec, fn);
    if (!fnLines || (branch && !body)) continue;
    const fnPart = { after: last.end, lines: [...leadOf(lines, called.start, command, spec), ...fnLines] };
    if (!branch || !body) return { fn: fnPart, listed };
    const label = lines[branch.start] ?? "";
    const name = /^\s*"/.test(label) ? `"${spec.command}"` : spec.command;
    return {
      branch: { lines: [`${/^\s*/.exec(label)?.[0] ?? ""}${name})`, ...body], template: branch },
      fn: fnPart,
      listed,
    };
  }
  return undefined;
}

/**
 * Why a wrapper that runs its commands in functions gets no copy of one (git_workflow's run inline
 * code, not a file of the pipeline), with how to add the command by hand; undefined for other wrappers.
 */
export function functionRefusal(lines: string[], spec: PipelineCommand): string | undefined {
  const functions = commandFunctions(lines);
  if (functions.length < 2 || !lines.some((l) => /\btrack_and_execute\s/.test(l))) return undefined;
  const fn = `command_${snake(spec.command)}`;
  return `it runs its commands in functions (command_<name>, tracked with track_and_execute) of which none runs a file of the pipeline and passes on its arguments, to copy for the new command; add the command by hand: a ${fn} function running ${spec.script} with "$@", a branch of the wrapper's case calling it through track_and_execute, and a line in its help text`;
}
