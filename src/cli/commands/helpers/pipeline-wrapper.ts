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

/** The top-level branches of the wrapper's `case` over its first argument. */
function branches(lines: string[]): Branch[] | undefined {
  const caseLine = lines.findIndex((l) => /^\s*case\s+"?\$(?:1|\{1\}|COMMAND|CMD|command)"?\s+in\b/.test(l));
  if (caseLine < 0) return undefined;
  const found: Branch[] = [];
  let labelIndent: number | undefined;
  for (let i = caseLine + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (/^\s*esac\b/.test(line) && (labelIndent === undefined || indentOf(line) < labelIndent)) break;
    const label = LABEL.exec(line);
    if (!label || (labelIndent !== undefined && indentOf(line) !== labelIndent)) continue;
    labelIndent ??= indentOf(line);
    let end = i + 1;
    while (end < lines.length && !/^\s*;;/.test(lines[end] ?? "")) end++;
    found.push({ start: i, end, names: (label[2] ?? "").split("|").map(unquote) });
    i = end;
  }
  return found;
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
  const index = after ? at + 1 : at;
  return [...lines.slice(0, index), `${prefix}${padded}${summary}${suffix}`, ...lines.slice(index)];
}

export function addPipelineCommand(text: string, spec: PipelineCommand): WrapperEdit {
  const lines = text.split("\n");
  const all = branches(lines);
  if (!all || all.length === 0) {
    return { ok: false, reason: 'it has no `case "$1" in` over its commands' };
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
  if (!template) {
    return {
      ok: false,
      reason: "no command branch calls track_command and runs a file under $SCRIPT_DIR to copy",
    };
  }
  const branch = newBranch(lines, template, spec);
  if (!branch) return { ok: false, reason: "its track_command calls do not name the command they track" };
  // Keep the spacing the wrapper puts between branches.
  const gap: string[] = [];
  for (let i = template.end + 1; i < lines.length && /^\s*$/.test(lines[i] ?? ""); i++)
    gap.push(lines[i] ?? "");
  const fallback = all.find((b) => b.names.some((n) => n === "help" || n === "*" || n === ""));
  const before = fallback ?? all[all.length - 1];
  const insertAt = fallback ? (before?.start ?? 0) : (before?.end ?? 0) + 1;
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
