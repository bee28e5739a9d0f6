// Adds a command to a CLI pipeline's shell wrapper (`<domain>-cli.sh`) the way the wrapper already does
// it: the new `case` branch is a copy of an existing branch that tracks its command (`track_command`)
// and runs a file of the pipeline, with the command name and the file swapped; the help text gets a
// line before the one for `help`, aligned like it. Pure text in, text out; idempotent.

export interface PipelineCommand {
  /** Command name as typed after the wrapper, e.g. `prune-merged`. */
  command: string;
  /** File the command runs, relative to the wrapper's folder, e.g. `prune-merged.ts`. */
  script: string;
  /** One line for the help text. */
  summary: string;
}

export type WrapperEdit = { ok: true; text: string; changed: boolean } | { ok: false; reason: string };

interface Branch {
  /** Index of the label line and of the `;;` line. */
  start: number;
  end: number;
  names: string[];
}

const LABEL = /^(\s*)((?:"[^"]*"|'[^']*'|[^\s()"']+)(?:\s*\|\s*(?:"[^"]*"|'[^']*'|[^\s()"']+))*)\)\s*(#.*)?$/;
const SCRIPT_REF = /\$\{?SCRIPT_DIR\}?\/([A-Za-z0-9_./-]+\.(?:ts|js|mjs|cjs|sh))/;
const RUNNER = /(?:npx\s+)?(?:ts-node|node|bash)\s+(?="?\$\{?SCRIPT_DIR)/;

const indentOf = (line: string) => /^\s*/.exec(line)?.[0].length ?? 0;
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
    if (!/^\s*case\s+"?\$(?:1|\{1\}|COMMAND|CMD|command)"?\s+in\b/.test(line)) return;
    if (insideCommandTest(lines, index)) return;
    const found = branchesFrom(lines, index);
    if (!best || found.length > best.length) best = found;
  });
  const ifDispatch = lines.filter((l) =>
    /^\s*(?:el)?if\s+\[\[?\s+"\$(?:1|COMMAND)"\s+==?\s+"/.test(l),
  ).length;
  return best && best.length > ifDispatch ? best : undefined;
}

/** The runner a file of this extension needs, given how the wrapper runs TypeScript. */
function runnerFor(script: string, tsRunner: string): string {
  if (script.endsWith(".ts")) return tsRunner;
  if (script.endsWith(".sh")) return "bash";
  return "node";
}

function newBranch(lines: string[], template: Branch, spec: PipelineCommand): string[] | undefined {
  const body = lines.slice(template.start, template.end + 1);
  const trackLine = body.findIndex((l) => /\btrack_command\s/.test(l));
  const tracked = [...(body[trackLine] ?? "").matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? "");
  const trackedName = tracked.find((arg) => template.names.includes(arg));
  if (trackedName === undefined) return undefined;
  const label = body[0] ?? "";
  const quoted = /^\s*"/.test(label);
  const tsRunner = /npx\s+ts-node/.test(lines.join("\n")) ? "npx ts-node" : "ts-node";
  const out = [`${/^\s*/.exec(label)?.[0] ?? ""}${quoted ? `"${spec.command}"` : spec.command})`];
  for (const line of body.slice(1)) {
    let next = line;
    if (/\btrack_command\s/.test(line)) next = next.replace(`"${trackedName}"`, `"${spec.command}"`);
    const ref = SCRIPT_REF.exec(next);
    if (ref) {
      const runner = runnerFor(spec.script, tsRunner);
      const sameKind = (ref[1] ?? "").split(".").pop() === spec.script.split(".").pop();
      next = next.replace(ref[1] ?? "", spec.script);
      if (!sameKind) {
        next = RUNNER.test(next)
          ? next.replace(RUNNER, `${runner} `)
          : /\btrack_command\s/.test(next)
            ? next.replace(/\$\{?SCRIPT_DIR/, (m) => `${runner} ${m}`) // inside the tracked command string
            : next.replace(/"?\$\{?SCRIPT_DIR/, (m) => `${runner} ${m}`);
      }
    }
    out.push(next);
  }
  return out;
}

/**
 * A branch written from scratch in the wrapper's layout, for wrappers whose branches call functions or
 * inline code: how `track_command` is called (pipeline first, a command string it runs, or the name
 * alone) is read from its calls and its definition.
 */
function generatedBranch(lines: string[], all: Branch[], spec: PipelineCommand): string[] | undefined {
  const text = lines.join("\n");
  if (!/\bSCRIPT_DIR=/.test(text)) return undefined;
  const first = all[0];
  if (!first) return undefined;
  const label = lines[first.start] ?? "";
  const labelIndent = /^\s*/.exec(label)?.[0] ?? "";
  const bodyLine = lines.slice(first.start + 1, first.end).find((l) => l.trim() !== "");
  const indent = bodyLine ? (/^\s*/.exec(bodyLine)?.[0] ?? "") : `${labelIndent}  `;
  const endIndent = /^\s*/.exec(lines[first.end] ?? "")?.[0] ?? indent;
  const calls = [...text.matchAll(/\btrack_command\s+"([^"]*)"/g)].map((m) => m[1] ?? "");
  const definition = /track_command\s*\(\)\s*\{([\s\S]*?)\n\s*\}/.exec(text)?.[1] ?? "";
  const tsRunner = /npx\s+ts-node/.test(text) ? "npx ts-node" : "ts-node";
  const runner = runnerFor(spec.script, tsRunner);
  const file = `"$SCRIPT_DIR/${spec.script}"`;
  const name = /^\s*"/.test(label) ? `"${spec.command}"` : spec.command;
  let body: string[];
  if (calls.length >= 2 && calls.every((c) => c === calls[0])) {
    body = ["shift", `track_command "${calls[0]}" "${spec.command}" "$@"`, `${runner} ${file} "$@"`];
  } else if (/\beval\b|full_command|shell-command-tracker/.test(definition)) {
    body = ["shift", `track_command "${spec.command}" "${runner} $SCRIPT_DIR/${spec.script} $*"`];
  } else if (calls.length > 0) {
    body = ["shift", `track_command "${spec.command}"`, `${runner} ${file} "$@"`];
  } else {
    return undefined;
  }
  return [`${labelIndent}${name})`, ...body.map((l) => indent + l), `${endIndent};;`];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A help-text line documenting `name`: `  name   Does this` or `echo "  name   Does this"`. */
function helpLine(line: string, name: string): RegExpExecArray | null {
  return new RegExp(`^(\\s*(?:echo\\s+["'])?\\s*)${escapeRegExp(name)}(\\s+)(\\S.*?)(["']?\\s*)$`).exec(line);
}

/** Inserts the help line before the one for `help`, else after the last command listed, in the same shape. */
function withHelpLine(lines: string[], spec: PipelineCommand, names: string[]): string[] | undefined {
  let at = lines.findIndex((l) => {
    const m = helpLine(l, "help");
    return m !== null && (m[2] ?? "").length >= 2;
  });
  let name = "help";
  let after = false;
  if (at < 0) {
    for (let i = lines.length - 1; i >= 0 && at < 0; i--) {
      const listed = names.find((n) => n && n !== "*" && helpLine(lines[i] ?? "", n));
      if (listed) [at, name, after] = [i, listed, true];
    }
  }
  const match = at < 0 ? null : helpLine(lines[at] ?? "", name);
  if (!match) return undefined;
  const [, prefix = "", gap = "", , suffix = ""] = match;
  const width = name.length + gap.length;
  const quote = /echo\s+"/.test(prefix) ? '"' : /echo\s+'/.test(prefix) ? "'" : "";
  const summary = quote ? spec.summary.replaceAll(quote, "") : spec.summary;
  const padded = spec.command.length + 1 > width ? `${spec.command}  ` : spec.command.padEnd(width);
  let index = after ? at + 1 : at;
  // A listed command's description may go on over the next lines, indented past its name.
  const column = prefix.length + width;
  while (
    after &&
    /^\s*(?:echo\s+["'])?\s*$/.test((lines[index] ?? "").slice(0, column)) &&
    (lines[index] ?? "").length > column
  )
    index++;
  return [...lines.slice(0, index), `${prefix}${padded}${summary}${suffix}`, ...lines.slice(index)];
}

export function addPipelineCommand(text: string, spec: PipelineCommand): WrapperEdit {
  const lines = text.split("\n");
  const all = branches(lines);
  if (!all || all.length === 0) {
    return {
      ok: false,
      reason: 'it dispatches its commands through no `case "$1" in` (or mostly through `if [ "$1" = ... ]`)',
    };
  }
  if (all.some((b) => b.names.includes(spec.command))) return { ok: true, text, changed: false };
  const runnable = all.filter((b) => {
    const body = lines.slice(b.start, b.end + 1).join("\n");
    return /\btrack_command\s/.test(body) && SCRIPT_REF.test(body) && /\$[@*]/.test(body);
  });
  const ext = spec.script.split(".").pop();
  const template =
    runnable.find((b) =>
      (SCRIPT_REF.exec(lines.slice(b.start, b.end + 1).join("\n"))?.[1] ?? "").endsWith(`.${ext}`),
    ) ?? runnable[0];
  const branch = template ? newBranch(lines, template, spec) : generatedBranch(lines, all, spec);
  if (!branch) {
    return {
      ok: false,
      reason: "it calls no track_command (or defines no SCRIPT_DIR) to track the new command with",
    };
  }
  // Keep the spacing the wrapper puts between branches.
  const gap: string[] = [];
  const after = (template ?? all[0])?.end ?? lines.length;
  for (let i = after + 1; i < lines.length && /^\s*$/.test(lines[i] ?? ""); i++) gap.push(lines[i] ?? "");
  const fallback = all.find((b) => b.names.some((n) => n === "help" || n === "*" || n === ""));
  const before = fallback ?? all[all.length - 1];
  let insertAt = fallback ? (before?.start ?? 0) : (before?.end ?? 0) + 1;
  // A comment right above the help branch belongs to it.
  while (fallback && insertAt > 0 && /^\s*#/.test(lines[insertAt - 1] ?? "")) insertAt--;
  const edited = [...lines.slice(0, insertAt), ...branch, ...gap, ...lines.slice(insertAt)];
  const withHelp = withHelpLine(
    edited,
    spec,
    all.flatMap((b) => b.names),
  );
  if (!withHelp)
    return {
      ok: false,
      reason:
        "its help text lists no command (a line for `help` or for an existing command) to put the new one beside",
    };
  return { ok: true, text: withHelp.join("\n"), changed: true };
}
