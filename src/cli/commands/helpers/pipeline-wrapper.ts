// Adds a command to a CLI pipeline's shell wrapper (`<domain>-cli.sh`) the way the wrapper already does
// it. dhg-mono's wrappers dispatch in three ways, each handled here:
// - a `case "$1" in` (worktree, git, media-processing): the new branch is a copy of an existing branch
//   that tracks its command (`track_command`) and runs a file of the pipeline, name and file swapped;
// - one `if [ "$1" = "name" ]; then ... exit $?; fi` block per command (google_sync, document_types,
//   presentations): the new block is a copy of such a block, among the others;
// - an `if`/`elif` chain whose `else` hands every other command to a commander program (tracking,
//   experts, prompt_service): a new `elif` goes before that `else`.
// The help text gets a line before the one for `help`, aligned like it. Pure text in, text out; idempotent.
// Where the wrapper keeps the scripts its commands run (`commands/` in git, drive_filter,
// media-processing) is read here too, so the new command's file can go beside them, and which
// commander program its branches run with each command's name (classify's `index.ts list`): there the
// new branch runs that program with the new name (pipeline-subcommand.ts adds the command to it).

import escapeRegExp from "escape-string-regexp";
import {
  commandFunctionLines,
  functionCommand,
  functionRefusal,
  hasCommandFunction,
} from "./pipeline-functions.ts";
import {
  type Branch,
  FILE_TEST,
  indentOf,
  PASSES_ARGS,
  RUNNER,
  runnerFor,
  SCRIPT_REF,
  TRACKS,
  tsRunnerOf,
  withContinuations,
} from "./pipeline-shell.ts";

export interface PipelineCommand {
  /** Command name as typed after the wrapper, e.g. `prune-merged`. */
  command: string;
  /** File the command runs, relative to the wrapper's folder, e.g. `prune-merged.ts`. */
  script: string;
  /** One line for the help text. */
  summary: string;
  /**
   * `script` is the pipeline's commander program (dispatchProgram): the branch runs it with the
   * command's name, as the wrapper's other branches run it with theirs.
   */
  subcommand?: boolean;
  /**
   * With `subcommand`, the commands the program has: where the wrapper hands every command to it, the
   * help line goes beside theirs.
   */
  listed?: string[];
}

/** A refusal says what the wrapper lacks, then how to go on (`; add ... by hand`). */
export type WrapperEdit = { ok: true; text: string; changed: boolean } | { ok: false; reason: string };

const byHand = (spec: PipelineCommand) =>
  `; add the command by hand: a branch of the wrapper's dispatch that runs ${spec.script} through track_command, and a line in its help text`;

const LABEL = /^(\s*)((?:"[^"]*"|'[^']*'|[^\s()"']+)(?:\s*\|\s*(?:"[^"]*"|'[^']*'|[^\s()"']+))*)\)\s*(#.*)?$/;
/** The variable a wrapper keeps its first argument in, quoted, as its `case` or `if` tests it. */
const COMMAND_VAR = String.raw`"\$(?:1|\{1\}|COMMAND|CMD|command)"`;

const unquote = (name: string) => name.trim().replace(/^["']|["']$/g, "");

/** The branches of one `case ... in` starting at `caseLine` (nested cases stay inside their branch). */
function branchesFrom(lines: string[], caseLine: number): Branch[] {
  const found: Branch[] = [];
  let labelIndent: number | undefined;
  for (let i = caseLine + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^\s*esac\b/.test(line) && (labelIndent === undefined || indentOf(line) < labelIndent)) break;
    const label = LABEL.exec(line);
    if (!label || (labelIndent !== undefined && indentOf(line) !== labelIndent)) continue;
    labelIndent ??= indentOf(line);
    const body = lines.slice(i + 1).find((l) => l.trim() !== "");
    const bodyIndent = body === undefined ? labelIndent + 1 : indentOf(body);
    let end = i + 1;
    while (
      end < lines.length &&
      !(/^\s*;;/.test(lines[end] ?? "") && indentOf(lines[end] ?? "") <= bodyIndent)
    )
      end++;
    found.push({ start: i, end, names: (label[2] ?? "").split("|").map(unquote) });
    i = end;
  }
  return found;
}

const COMMAND_TEST = /^\s*(?:el)?if\s+\[\[?\s+"\$(?:1|COMMAND)"\s+==?\s+"/;

/** A `case` inside `if [ "$1" = "x" ]` handles the sub-commands of x, one inside a loop parses options. */
function insideCommandTest(lines: string[], caseLine: number): boolean {
  const indent = indentOf(lines[caseLine] ?? "");
  for (let i = caseLine - 1; i >= 0; i--) {
    const line = lines[i] ?? "";
    if (line.trim() === "" || indentOf(line) >= indent) continue;
    if (/^\s*(?:while|for|until)\b/.test(line)) return true; // option parsing
    return COMMAND_TEST.test(line) || (/^\s*else\b/.test(line) && insideCommandTest(lines, i));
  }
  return false;
}

/**
 * The branches of the wrapper's dispatch: the `case` over its first argument with the most branches.
 * None when the wrapper dispatches mostly through `if [ "$1" = ... ]` blocks, where a new branch in
 * some inner `case` would never be reached.
 */
function branches(lines: string[]): Branch[] | undefined {
  let best: Branch[] | undefined;
  lines.forEach((line, index) => {
    if (!/^\s*case\s+"?\$(?:1|\{1(?::-[^}]*)?\}|COMMAND|CMD|command)"?\s+in\b/.test(line)) return;
    if (insideCommandTest(lines, index)) return;
    const found = branchesFrom(lines, index);
    if (!best || found.length > best.length) best = found;
  });
  const ifDispatch = lines.filter((l) =>
    /^\s*(?:el)?if\s+\[\[?\s+"\$(?:1|COMMAND)"\s+==?\s+"/.test(l),
  ).length;
  return best && best.length > ifDispatch ? best : undefined;
}

/**
 * Templates, the plainest first: a file of the same kind, no checks of its own arguments or messages
 * (database's rename-table, servers' register, presentations' generate-summary), nothing between the
 * file and the arguments passed on (development's database runs `table-migrations.ts list`).
 */
function plainestFirst<T extends Branch>(lines: string[], templates: T[], ext: string | undefined): T[] {
  const cost = (b: T) => {
    const body = lines.slice(b.start + 1, b.end);
    const text = body.join("\n");
    const ref = SCRIPT_REF.exec(text);
    const after = ref ? (text.slice((ref.index ?? 0) + ref[0].length).split("\n")[0] ?? "") : "";
    const bare = after
      .replace(/^\\?"?/, "")
      .trim()
      .split(/\s+/)
      .filter((word) => word && !/^\\?"?\$/.test(word) && !b.names.includes(word.replace(/[\\"]/g, "")));
    return (
      body.length +
      (ref?.[1]?.endsWith(`.${ext}`) ? 0 : 100) +
      (body.some((l) => /^\s*(?:if|for|while|case)\b/.test(l)) ? 20 : 0) +
      (body.some((l) => /^\s*echo\b/.test(l)) ? 10 : 0) +
      (bare.length > 0 ? 20 : 0)
    );
  };
  return templates
    .map((b, index) => ({ b, index, cost: cost(b) }))
    .sort((x, y) => x.cost - y.cost || x.index - y.index)
    .map(({ b }) => b);
}

/** The name a template's `track_command` records, and what the new command's line records instead. */
function trackedNames(trackLine: string, names: string[], command: string): [string, string] | undefined {
  const args = [...trackLine.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? "");
  const literal = args.find((arg) => names.includes(arg));
  if (literal !== undefined) return [`"${literal}"`, `"${command}"`];
  // refactor_tracking records `refactor-status` for `status`: keep the prefix.
  for (const arg of args) {
    const name = names.find((n) => n && arg.endsWith(`-${n}`) && /^[A-Za-z0-9_-]+$/.test(arg));
    if (name) return [`"${arg}"`, `"${arg.slice(0, -name.length)}${command}"`];
  }
  // media-processing records `"$COMMAND"`: the branch's own name, written out so it can be found.
  const variable = args.find((arg) => new RegExp(`^${COMMAND_VAR.slice(1, -1)}$`).test(arg));
  return variable === undefined ? undefined : [`"${variable}"`, `"${command}"`];
}

/**
 * The template's body less what belongs to its own command: messages (`echo "Scanning CLI
 * pipelines..."`) and checks of its arguments (`if [ -z "$2" ]; then ... exit 1; fi`) at the body's
 * own indent, which neither track nor run anything.
 */
function withoutOwnChecks(body: string[]): string[] {
  const first = body.find((l) => l.trim() !== "");
  const indent = first === undefined ? 0 : indentOf(first);
  const kept: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const line = body[i] ?? "";
    const own = line.trim() !== "" && indentOf(line) === indent;
    if (own && /^\s*echo\b/.test(line)) continue;
    if (own && /^\s*if\b/.test(line)) {
      let end = i + 1;
      while (end < body.length && !(indentOf(body[end] ?? "") === indent && /^\s*fi\b/.test(body[end] ?? "")))
        end++;
      const block = body.slice(i, end + 1).join("\n");
      if (end < body.length && !/\btrack_command\s/.test(block) && !SCRIPT_REF.test(block)) {
        i = end;
        continue;
      }
    }
    kept.push(line);
  }
  return kept;
}

/**
 * A copy of the template's lines after its first (the label or the `if`), tracking and running the new
 * command. A template that runs the pipeline's commander program with its own name as sub-command
 * (`ts-node $SCRIPT_DIR/cli.ts list $*`) gives a line running the new file without it.
 */
function copiedBody(lines: string[], template: Branch, spec: PipelineCommand): string[] | undefined {
  const body = withoutOwnChecks(lines.slice(template.start + 1, template.end + 1));
  const trackLine = body.find((l) => /\btrack_command\s/.test(l));
  const names = trackLine === undefined ? undefined : trackedNames(trackLine, template.names, spec.command);
  if (!names) return undefined;
  const tsRunner = tsRunnerOf(lines.join("\n"));
  const out: string[] = [];
  for (const line of body) {
    let next = line;
    if (/\btrack_command\s/.test(line)) next = next.replace(names[0], names[1]);
    const ref = SCRIPT_REF.exec(next);
    if (ref) {
      const runner = runnerFor(spec.script, tsRunner);
      const sameKind = (ref[1] ?? "").split(".").pop() === spec.script.split(".").pop();
      const at = (ref.index ?? 0) + ref[0].length - (ref[1] ?? "").length;
      const rest = next.slice(at + (ref[1] ?? "").length);
      const sub = template.names.find(
        (n) => n && new RegExp(`^\\\\?"?\\s+\\\\?"?${escapeRegExp(n)}\\\\?"?(?=\\s|"|$)`).test(rest),
      );
      if (spec.subcommand) {
        // The program, with the new name where the template's stood.
        if (sub === undefined || ref[1] !== spec.script) return undefined;
        next = next.slice(0, at) + spec.script + rest.replace(sub, spec.command);
        out.push(next);
        continue;
      }
      const tail =
        sub === undefined
          ? rest
          : rest.replace(new RegExp(`(\\s+)\\\\?"?${escapeRegExp(sub)}\\\\?"?(?=\\s|"|$)`), "");
      next = next.slice(0, at) + spec.script + tail;
      if (!sameKind) {
        next = RUNNER.test(next)
          ? next.replace(RUNNER, `${runner} `)
          : /\btrack_command\s/.test(next)
            ? next.replace(/\$\{?(?:SCRIPT_DIR|CLI_DIR)/, (m) => `${runner} ${m}`) // inside the tracked command string
            : next.replace(/"?\$\{?(?:SCRIPT_DIR|CLI_DIR)/, (m) => `${runner} ${m}`);
      }
    }
    out.push(next);
  }
  return out;
}

function newBranch(lines: string[], template: Branch, spec: PipelineCommand): string[] | undefined {
  const label = lines[template.start] ?? "";
  const quoted = /^\s*"/.test(label);
  const body = copiedBody(lines, template, spec);
  return body && [`${/^\s*/.exec(label)?.[0] ?? ""}${quoted ? `"${spec.command}"` : spec.command})`, ...body];
}

/**
 * The lines of a branch written from scratch, for wrappers whose branches call functions or inline
 * code: how `track_command` is called (pipeline first, a command string it runs, or the name alone) is
 * read from its calls and its definition.
 */
function generatedBody(text: string, spec: PipelineCommand): string[] | undefined {
  if (!/\bSCRIPT_DIR=/.test(text)) return undefined;
  if (spec.subcommand) return programCall(text, spec);
  const calls = [...text.matchAll(/\btrack_command\s+"([^"]*)"/g)].map((m) => m[1] ?? "");
  const definition = /track_command\s*\(\)\s*\{([\s\S]*?)\n\s*\}/.exec(text)?.[1] ?? "";
  const tsRunner = tsRunnerOf(text);
  const runner = runnerFor(spec.script, tsRunner);
  const file = `"$SCRIPT_DIR/${spec.script}"`;
  if (calls.length >= 2 && calls.every((c) => c === calls[0]) && !calls[0]?.startsWith("$")) {
    return ["shift", `track_command "${calls[0]}" "${spec.command}" "$@"`, `${runner} ${file} "$@"`];
  }
  if (/\beval\b|full_command|shell-command-tracker/.test(definition)) {
    return ["shift", `track_command "${spec.command}" "${runner} $SCRIPT_DIR/${spec.script} $*"`];
  }
  if (calls.length > 0) return ["shift", `track_command "${spec.command}"`, `${runner} ${file} "$@"`];
  return undefined;
}

/**
 * A tracked line running the program with a command's name (classify's `list_command` function:
 * `track_command "list" "cd $PROJECT_ROOT && ts-node $SCRIPT_DIR/index.ts list $@"`), with the new name
 * in both places, after a `shift` unless it passes on `${@:2}` itself.
 */
function programCall(text: string, spec: PipelineCommand): string[] | undefined {
  for (const line of text.split("\n")) {
    const tracked = /^\s*track_command\s+"([A-Za-z0-9_-]+)"\s/.exec(line)?.[1];
    const ref = SCRIPT_REF.exec(line);
    if (!tracked || !ref || ref[1] !== spec.script) continue;
    const at = (ref.index ?? 0) + ref[0].length;
    const named = new RegExp(`^(\\s+)${escapeRegExp(tracked)}(?=\\s|"|$)`);
    if (!named.test(line.slice(at)) || !PASSES_ARGS.test(line.slice(at))) continue;
    const call = `${line.slice(0, at)}${line.slice(at).replace(named, `$1${spec.command}`)}`
      .trim()
      .replace(`"${tracked}"`, `"${spec.command}"`);
    return /\$\{[@*]:2\}/.test(call) ? [call] : ["shift", call];
  }
  return undefined;
}

/** A `case` branch written from scratch in the wrapper's layout (see generatedBody). */
function generatedBranch(lines: string[], all: Branch[], spec: PipelineCommand): string[] | undefined {
  const first = all[0];
  const body = generatedBody(lines.join("\n"), spec);
  if (!first || !body) return undefined;
  const label = lines[first.start] ?? "";
  const labelIndent = /^\s*/.exec(label)?.[0] ?? "";
  const bodyLine = lines.slice(first.start + 1, first.end).find((l) => l.trim() !== "");
  const indent = bodyLine ? (/^\s*/.exec(bodyLine)?.[0] ?? "") : `${labelIndent}  `;
  const endIndent = /^\s*/.exec(lines[first.end] ?? "")?.[0] ?? indent;
  const name = /^\s*"/.test(label) ? `"${spec.command}"` : spec.command;
  return [`${labelIndent}${name})`, ...body.map((l) => indent + l), `${endIndent};;`];
}

/**
 * A help-text line documenting `name`: `  name   Does this`, `echo "  name   Does this"`,
 * `echo -e "  * name   Does this"` (dhg-mono stars its frequent commands), or with `comments`, a
 * header comment `#   name   Does this`.
 */
export function helpLine(line: string, name: string, comments = false): RegExpExecArray | null {
  const lead = comments ? String.raw`#\s+` : String.raw`\s*(?:echo\s+(?:-e\s+)?["'])?\s*(?:\*\s+)?`;
  // Arguments may follow the name: `  add-note <name>     Add a note`.
  const args = String.raw`(?:\s+[<\[][^>\]]*[>\]])*`;
  return new RegExp(`^(${lead})${escapeRegExp(name)}(${args}\\s+)(\\S.*?)(["']?\\s*)$`).exec(line);
}

/**
 * Inserts the help line before the one for `help`, else after the last command listed, in the same
 * shape; else an entry after the last of an array of `"name:description"` entries the help prints.
 */
function withHelpLine(lines: string[], spec: PipelineCommand, names: string[]): string[] | undefined {
  for (const comments of [false, true]) {
    const edited = withHelpLineOf(lines, spec, names, comments);
    if (edited) return edited;
  }
  return withArrayEntry(lines, spec, names);
}

/** An entry of the commands array a framework wrapper's help prints (continuous_docs' `"check-updates:Check..."`). */
function withArrayEntry(lines: string[], spec: PipelineCommand, names: string[]): string[] | undefined {
  const entry = (line: string) => /^(\s*)"([A-Za-z0-9_-]+):[^"]*"\s*$/.exec(line);
  const at = lines.findLastIndex((l) => names.includes(entry(l)?.[2] ?? "\0"));
  if (at < 0) return undefined;
  const summary = spec.summary.replaceAll('"', "");
  return [
    ...lines.slice(0, at + 1),
    `${entry(lines[at] ?? "")?.[1] ?? ""}"${spec.command}:${summary}"`,
    ...lines.slice(at + 1),
  ];
}

function withHelpLineOf(
  lines: string[],
  spec: PipelineCommand,
  names: string[],
  comments: boolean,
): string[] | undefined {
  let at = lines.findIndex((l) => {
    const m = helpLine(l, "help", comments);
    return m !== null && /\s\s$/.test(m[2] ?? "");
  });
  let name = "help";
  let after = false;
  if (at < 0) {
    for (let i = lines.length - 1; i >= 0 && at < 0; i--) {
      const listed = names.find((n) => n && n !== "*" && helpLine(lines[i] ?? "", n, comments));
      if (listed) [at, name, after] = [i, listed, true];
    }
  }
  const match = at < 0 ? null : helpLine(lines[at] ?? "", name, comments);
  if (!match) return undefined;
  const [, star = "", gap = "", , suffix = ""] = match;
  // A new command is not one of the frequent ones: its line has no star, the column stays.
  const prefix = star.replace(/\*(\s+)$/, (_, space: string) => ` ${space}`);
  const width = name.length + gap.length;
  const quote = /echo\s+(?:-e\s+)?"/.test(prefix) ? '"' : /echo\s+(?:-e\s+)?'/.test(prefix) ? "'" : "";
  const summary = quote ? spec.summary.replaceAll(quote, "") : spec.summary;
  const padded = spec.command.length + 1 > width ? `${spec.command}  ` : spec.command.padEnd(width);
  let index = after ? at + 1 : at;
  // A listed command's description, or its options, may go on over the next lines, indented past its name.
  const column = (line: string) => {
    const m = /^(\s*(?:echo\s+(?:-e\s+)?["'])?\s*)\S/.exec(line);
    return m && /^\s*(?:echo\b|$)/.test(m[1] ?? "") === /^\s*echo\b/.test(prefix) ? (m[1] ?? "").length : -1;
  };
  while (after && column(lines[index] ?? "") > prefix.length) index++;
  return [...lines.slice(0, index), `${prefix}${padded}${summary}${suffix}`, ...lines.slice(index)];
}

/** The names an `if` or `elif` line tests its command variable against. */
function testedNames(line: string): string[] {
  return [...line.matchAll(new RegExp(`${COMMAND_VAR}\\s+==?\\s+"([^"]+)"`, "g"))].map((m) => m[1] ?? "");
}

interface IfBlock extends Branch {
  /** Lines of the block's own `elif` and `else`, at its indent. */
  elifs: number[];
  otherwise: number | undefined;
}

/** The `if ... fi` blocks testing the command variable, with their `elif`s and `else`. */
function ifBlocks(lines: string[]): IfBlock[] {
  const found: IfBlock[] = [];
  const header = new RegExp(`^\\s*if\\s+\\[\\[?\\s+${COMMAND_VAR}\\s+==?\\s+"`);
  lines.forEach((line, start) => {
    if (!header.test(line)) return;
    const indent = indentOf(line);
    const elifs: number[] = [];
    let otherwise: number | undefined;
    for (let i = start + 1; i < lines.length; i++) {
      const next = lines[i] ?? "";
      if (next.trim() === "" || indentOf(next) !== indent) continue;
      if (/^\s*elif\b/.test(next)) elifs.push(i);
      else if (/^\s*else\b/.test(next)) otherwise = i;
      else if (/^\s*fi\b/.test(next)) {
        found.push({ start, end: i, names: testedNames(line), elifs, otherwise });
        return;
      }
    }
  });
  return found;
}

/** The new block's `if` (or `elif`) line, in the header's style: `[ "$1" = ` or `[[ "$1" == `. */
function testLine(header: string, keyword: "if" | "elif", command: string): string {
  const variable = new RegExp(COMMAND_VAR).exec(header)?.[0] ?? '"$1"';
  const double = /\[\[/.test(header);
  const test = double ? `[[ ${variable} == "${command}" ]]` : `[ ${variable} = "${command}" ]`;
  return `${/^\s*/.exec(header)?.[0] ?? ""}${keyword} ${test}; then`;
}

const isHelp = (names: string[]) => names.some((n) => n === "help" || n === "--help" || n === "-h");
const CATCH_ALL = new RegExp(`\\btrack_command\\s+${COMMAND_VAR}`);

/** One `if` block per command: a copy of one that tracks, runs a file and exits, before the help block. */
function ifBlockEdit(lines: string[], blocks: IfBlock[], spec: PipelineCommand): string[] | undefined {
  const indent = Math.min(...blocks.map((b) => indentOf(lines[b.start] ?? "")));
  const own = blocks.filter((b) => indentOf(lines[b.start] ?? "") === indent && b.otherwise === undefined);
  const runnable = own.filter((b) => {
    const body = lines.slice(b.start, b.end + 1).join("\n");
    return (
      /\btrack_command\s/.test(body) &&
      SCRIPT_REF.test(body) &&
      PASSES_ARGS.test(body) &&
      /\bexit\b/.test(body)
    );
  });
  const ext = spec.script.split(".").pop();
  const ordered = plainestFirst(lines, runnable, ext);
  let template: IfBlock | undefined;
  let body: string[] | undefined;
  for (const b of ordered) {
    body = copiedBody(lines, b, spec);
    if (body) {
      template = b;
      break;
    }
  }
  if (!template || !body) return undefined;
  const first = own[0]?.start ?? template.start;
  const help = own.find((b) => isHelp(b.names));
  // Among its siblings: before a help block that follows commands (google_sync, document_types), after
  // the last command when the help block leads them (presentations: help, then each command's block).
  const leads = help !== undefined && own.every((b) => b === help || b.start > help.start);
  let insertAt = help && !leads ? help.start : Math.max(...own.map((b) => b.end)) + 1;
  // A top-level line running every command (google_sync's `track_command "$COMMAND" ... index.ts`)
  // ends the dispatch: the block goes before it.
  const inBlock = (i: number) => blocks.some((b) => b.start <= i && i <= b.end);
  for (let i = first; i < insertAt; i++) {
    if (
      !inBlock(i) &&
      indentOf(lines[i] ?? "") === indent &&
      /\b(?:track_command|exit|exec)\b/.test(lines[i] ?? "")
    ) {
      insertAt = Math.max(first, ...own.filter((b) => b.end < i).map((b) => b.end + 1));
      break;
    }
  }
  while (insertAt > first && /^\s*#/.test(lines[insertAt - 1] ?? "")) insertAt--;
  // Right after a block: past the blank lines that part it from what follows, so the new block is
  // parted from that block the same way.
  if (/^\s*fi\b/.test(lines[insertAt - 1] ?? ""))
    while (insertAt < lines.length - 1 && /^\s*$/.test(lines[insertAt] ?? "")) insertAt++;
  const gap: string[] = [];
  for (let i = template.end + 1; i < lines.length && /^\s*$/.test(lines[i] ?? ""); i++)
    gap.push(lines[i] ?? "");
  const block = [testLine(lines[template.start] ?? "", "if", spec.command), ...body];
  const parted = gap.length ? gap : [""];
  const rest = lines.slice(insertAt);
  // A block just before (nothing parted it from the end of the file) gets the siblings' gap too.
  const lead = /^\s*fi\b/.test(lines[insertAt - 1] ?? "") ? parted : [];
  const trail = rest.every((line) => /^\s*$/.test(line)) ? [] : parted;
  return [...lines.slice(0, insertAt), ...lead, ...block, ...trail, ...rest];
}

/** An `if`/`elif` chain whose `else` runs every other command: a new `elif` before that `else`. */
function elseChainEdit(lines: string[], blocks: IfBlock[], spec: PipelineCommand): string[] | undefined {
  // The innermost chain: experts' `else` holds a nested chain whose `else` runs the commander program.
  const chain = blocks.findLast((b) => {
    if (b.otherwise === undefined) return false;
    return CATCH_ALL.test(lines.slice(b.otherwise, b.end).join("\n"));
  });
  if (!chain || chain.otherwise === undefined) return undefined;
  const body = generatedBody(lines.join("\n"), spec);
  if (!body) return undefined;
  const elseBody = lines
    .slice(chain.otherwise + 1, chain.end)
    .find((l) => l.trim() !== "" && !/^\s*#/.test(l));
  const indent = /^\s*/.exec(elseBody ?? "")?.[0] ?? `${/^\s*/.exec(lines[chain.start] ?? "")?.[0] ?? ""}  `;
  const header = testLine(lines[chain.start] ?? "", "elif", spec.command);
  return [
    ...lines.slice(0, chain.otherwise),
    header,
    ...body.map((l) => indent + l),
    ...lines.slice(chain.otherwise),
  ];
}

const NO_DISPATCH =
  'it dispatches its commands through no `case "$1" in`, no `if [ "$1" = "name" ]; then ... exit $?; fi` blocks and no `if`/`elif` chain whose `else` runs every other command with track_command';

/** Why a helper stops when the wrapper it was given cannot be read, and what to give instead. */
export const UNREADABLE_WRAPPER =
  "cannot read it; give the path of the pipeline's <domain>-cli.sh from the repository root";

/** A folder under the wrapper's: names only, no `.` or `..`. */
const SUBFOLDER = /^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*$/;

/**
 * The folder, relative to the wrapper's, holding most of the scripts its tracked commands run
 * (`commands` for dhg-mono's git pipeline), else `.` (the wrapper's own folder, also on a tie or when
 * it runs none).
 */
export function scriptsFolder(text: string): string {
  const counts = new Map<string, number>([[".", 0]]);
  // The framework's wrappers put the file on the line the tracking call continues onto, or run it in a
  // command's function whose branch tracks it (continuous_docs).
  const lines = withContinuations(text).split("\n");
  const inFunction = commandFunctionLines(lines);
  for (const [i, line] of lines.entries()) {
    if (!TRACKS.test(line) && !(inFunction.has(i) && !FILE_TEST.test(line))) continue;
    const script = SCRIPT_REF.exec(line)?.[1];
    const folder =
      script === undefined
        ? undefined
        : script.includes("/")
          ? script.slice(0, script.lastIndexOf("/"))
          : ".";
    if (folder !== undefined && (folder === "." || SUBFOLDER.test(folder)))
      counts.set(folder, (counts.get(folder) ?? 0) + 1);
  }
  let best = ".";
  for (const [folder, n] of counts) if (n > (counts.get(best) ?? 0)) best = folder;
  return best;
}

/**
 * The commander program, relative to the wrapper's folder, most of the wrapper's tracked commands run
 * with their own name as sub-command (`ts-node $SCRIPT_DIR/index.ts list $@`: dhg-mono's classify,
 * document_types and presentations), or the one a wrapper with no dispatch of its own hands every
 * command to (forwardedFile); undefined when most run a script of their own (google_sync runs index.ts
 * for 10 of its 103).
 */
export function dispatchProgram(text: string): string | undefined {
  const counts = new Map<string, number>();
  let runs = 0;
  for (const line of text.split("\n")) {
    const tracked = /\btrack_command\s+"([A-Za-z0-9_-]+)"/.exec(line)?.[1];
    const ref = SCRIPT_REF.exec(line);
    if (!tracked || !ref?.[1]) continue;
    runs++;
    const after = line.slice((ref.index ?? 0) + ref[0].length);
    if (new RegExp(`^\\s+${escapeRegExp(tracked)}(?=\\s|"|$)`).test(after))
      counts.set(ref[1], (counts.get(ref[1]) ?? 0) + 1);
  }
  for (const [program, n] of counts) if (n >= 2 && n * 2 > runs) return program;
  return forwardedFile(text);
}

export function addPipelineCommand(text: string, spec: PipelineCommand): WrapperEdit {
  const lines = text.split("\n");
  const all = branches(lines);
  if (!all || all.length === 0) return ifDispatchEdit(lines, spec);
  if (all.some((b) => b.names.includes(spec.command)) || hasCommandFunction(lines, spec.command))
    return { ok: true, text, changed: false };
  const runnable = all.filter((b) => {
    const body = lines.slice(b.start, b.end + 1).join("\n");
    return /\btrack_command\s/.test(body) && SCRIPT_REF.test(body) && PASSES_ARGS.test(body);
  });
  const ext = spec.script.split(".").pop();
  const ordered = plainestFirst(lines, runnable, ext);
  let template: Branch | undefined;
  let branch: string[] | undefined;
  for (const b of ordered) {
    branch = newBranch(lines, b, spec);
    if (branch) {
      template = b;
      break;
    }
  }
  const names = all.flatMap((b) => b.names);
  if (!branch && runnable.length === 0) {
    const viaFunction = functionCommand(lines, all, spec);
    if (viaFunction) {
      const { fn, branch: called } = viaFunction;
      const withFunction = [...lines.slice(0, fn.after + 1), ...fn.lines, ...lines.slice(fn.after + 1)];
      // The function goes before the dispatch, so the branches move down by its lines.
      const moved = (b: Branch) =>
        b.start > fn.after ? { ...b, start: b.start + fn.lines.length, end: b.end + fn.lines.length } : b;
      const edited = called
        ? withBranch(withFunction, all.map(moved), moved(called.template), called.lines)
        : withFunction;
      return helpEdit(edited, spec, [...names, ...viaFunction.listed]);
    }
  }
  branch ??= generatedBranch(lines, all, spec);
  if (!branch) {
    return {
      ok: false,
      reason:
        functionRefusal(lines, spec) ??
        `it calls no track_command (or defines no SCRIPT_DIR) to track the new command with${byHand(spec)}`,
    };
  }
  return helpEdit(withBranch(lines, all, template, branch), spec, names);
}

/** The branch inserted before the help or catch-all branch, else after the last, spaced as `template` is from the next. */
function withBranch(
  lines: string[],
  all: Branch[],
  template: Branch | undefined,
  branch: string[],
): string[] {
  const gap: string[] = [];
  const after = (template ?? all[0])?.end ?? lines.length;
  for (let i = after + 1; i < lines.length && /^\s*$/.test(lines[i] ?? ""); i++) gap.push(lines[i] ?? "");
  const fallback = all.find((b) => b.names.some((n) => n === "help" || n === "*" || n === ""));
  const before = fallback ?? all[all.length - 1];
  let insertAt = fallback ? (before?.start ?? 0) : (before?.end ?? 0) + 1;
  // A comment right above the help branch belongs to it.
  while (fallback && insertAt > 0 && /^\s*#/.test(lines[insertAt - 1] ?? "")) insertAt--;
  return [...lines.slice(0, insertAt), ...branch, ...gap, ...lines.slice(insertAt)];
}

/**
 * The commander program a wrapper with no dispatch of its own hands every command to, as written
 * (development's deployment, document_archiving, media-analytics: `ts-node deployment-cli.ts "$@"`).
 */
function forwardedProgram(lines: string[]): string | undefined {
  for (const line of lines) {
    const m =
      /^\s*(?:exec\s+)?(?:npx\s+)?(?:ts-node|tsx|node)\b[^|;&#]*?\s("?[^\s"]*(?:\.[cm]?[jt]s|_SCRIPT|_CLI)\}?"?)\s+"\$@"\s*$/.exec(
        line,
      );
    if (m) return m[1];
  }
  return undefined;
}

/**
 * The file, from the wrapper's folder, a wrapper with no dispatch of its own hands every command to:
 * `deployment-cli.ts`, or what `"$CLI_SCRIPT"` is set to (`CLI_SCRIPT="$SCRIPT_DIR/media-analytics-cli.ts"`).
 */
export function forwardedFile(text: string): string | undefined {
  const lines = text.split("\n");
  if ((branches(lines)?.length ?? 0) > 0 || ifBlocks(lines).length > 0) return undefined;
  let file = forwardedProgram(lines)?.replace(/^"|"$/g, "");
  const variable = /^\$\{?([A-Za-z_]\w*)\}?$/.exec(file ?? "")?.[1];
  if (variable) {
    const set = new RegExp(`^\\s*(?:export\\s+)?${variable}=(["']?)([^"'\\s]+)\\1\\s*(?:#.*)?$`, "m");
    file = set.exec(text)?.[2];
  }
  file = file?.replace(/^\$\{?(?:SCRIPT_DIR|CLI_DIR)\}?\//, "");
  return file && /^[A-Za-z0-9_][A-Za-z0-9_./-]*\.[cm]?[jt]s$/.test(file) && !file.split("/").includes("..")
    ? file
    : undefined;
}

/**
 * A wrapper handing every command to the program has nothing to branch: the program has the command
 * (pipeline-subcommand.ts). Its help text, where it lists the program's commands (deployment's
 * `show_help`), gets the new one beside them; where the program prints the help (media-analytics runs
 * it with `--help`), it stays as it is.
 */
function forwardedHelpEdit(lines: string[], spec: PipelineCommand): WrapperEdit {
  const listed = spec.listed ?? [];
  const text = lines.join("\n");
  if (listed.includes(spec.command)) return { ok: true, text, changed: false };
  const withHelp = listed.length > 0 ? withHelpLine(lines, spec, listed) : undefined;
  return withHelp
    ? { ok: true, text: withHelp.join("\n"), changed: true }
    : { ok: true, text, changed: false };
}

function ifDispatchEdit(lines: string[], spec: PipelineCommand): WrapperEdit {
  const blocks = ifBlocks(lines);
  const program = forwardedProgram(lines);
  if (blocks.length === 0 && program && spec.subcommand) return forwardedHelpEdit(lines, spec);
  if (blocks.length === 0 && program) {
    return {
      ok: false,
      reason: `it has no dispatch of its own: it hands every command to the commander program ${program} ("$@"), so its commands are that program's: add \`program.command('${spec.command}')\` to it by hand (the wrapper has no branch to add)`,
    };
  }
  if (blocks.length === 0) return { ok: false, reason: NO_DISPATCH + byHand(spec) };
  const names = blocks.flatMap((b) => [...b.names, ...b.elifs.flatMap((i) => testedNames(lines[i] ?? ""))]);
  if (names.includes(spec.command)) return { ok: true, text: lines.join("\n"), changed: false };
  const edited =
    (blocks.filter((b) => b.otherwise === undefined).length >= 2
      ? ifBlockEdit(lines, blocks, spec)
      : undefined) ?? elseChainEdit(lines, blocks, spec);
  if (!edited) {
    return {
      ok: false,
      reason: `${NO_DISPATCH} (its \`if [ "$1" = ... ]\` blocks track and run no file of the pipeline to copy, or define no SCRIPT_DIR)${byHand(spec)}`,
    };
  }
  return helpEdit(edited, spec, names);
}

function helpEdit(edited: string[], spec: PipelineCommand, names: string[]): WrapperEdit {
  const withHelp = withHelpLine(edited, spec, names);
  if (!withHelp)
    return {
      ok: false,
      reason: `its help text lists no command (a line for \`help\` or for an existing command) to put the new one beside; add the command by hand, or give the help text a line per command first`,
    };
  return { ok: true, text: withHelp.join("\n"), changed: true };
}
