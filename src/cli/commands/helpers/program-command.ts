// A command joins a pipeline's commander program (dhg-mono's classify `index.ts`, document_types
// `cli.ts`, presentations `index.ts`: their wrappers run the program with each command's name) as those
// programs add their own: a module default-exporting its `Command` (document_types' cheatsheet,
// presentations' find-missing-presentations), imported beside the program's other imports and added
// with `program.addCommand(...)` before the program parses. The program's own style is kept: its
// quotes, semicolons and the extension of its relative imports. Pure text in, text out; idempotent.

export type TextEdit = { ok: true; text: string; changed: boolean } | { ok: false; reason: string };

export interface ProgramCommand {
  /** The command's name, e.g. `prune-stale`. */
  command: string;
  /** The module, from the program's folder, without extension: `./commands/prune-stale`. */
  specifier: string;
  /**
   * The extension an import gets when the program has no relative import to copy: `.ts` for a program
   * Node runs itself (its type stripping resolves no extensionless import), none for ts-node or tsx.
   */
  extension?: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** `const program = new Command()` at the top level: the program's variable. */
const PROGRAM_VARIABLE =
  /^(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::\s*Command\s*)?=\s*new\s+Command\s*\(/m;
/** An import statement's source, at the end of its last line. */
const IMPORT_END = /\bfrom\s+(['"])([^'"]+)\1\s*(;?)\s*(?:\/\/.*)?$|^import\s+(['"])([^'"]+)\4\s*(;?)\s*$/;

const camel = (name: string) => name.replace(/[-_]+([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The identifier the program imports the command as: `pruneStaleCommand`. */
export const importNameOf = (command: string) => `${camel(command)}Command`;

interface ImportStatement {
  /** Its first and last lines. */
  start: number;
  end: number;
  source: string;
  quote: string;
  semicolon: boolean;
}

/** The program's top-level import statements (each may span lines: `import {\n a,\n} from '...'`). */
function importsOf(lines: string[]): ImportStatement[] {
  const found: ImportStatement[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^import[\s{'"*]/.test(lines[i] ?? "")) continue;
    // A statement ends within a few dozen lines, or it is not one we can read.
    for (let end = i; end < Math.min(lines.length, i + 64); end++) {
      const m = IMPORT_END.exec(lines[end] ?? "");
      if (!m) continue;
      found.push({
        start: i,
        end,
        source: m[2] ?? m[5] ?? "",
        quote: m[1] ?? m[4] ?? "'",
        semicolon: (m[3] ?? m[6]) === ";",
      });
      i = end;
      break;
    }
  }
  return found;
}

/** What the program's relative imports end in: `.js` or `.ts` (ESM), else nothing (CommonJS ts-node). */
function extensionOf(imports: ImportStatement[], otherwise = ""): string {
  const relative = imports.filter((s) => s.source.startsWith("."));
  if (relative.length === 0) return otherwise;
  const count = (ext: string) => relative.filter((s) => s.source.endsWith(ext)).length;
  const [js, ts] = [count(".js"), count(".ts")];
  if (js * 2 > relative.length) return ".js";
  if (ts * 2 > relative.length) return ".ts";
  return "";
}

/**
 * The folder, from the program's, its imports take most of its commands from (`commands`), else `.`.
 * The new command's module goes there.
 */
export function commandsFolder(programText: string): string {
  const counts = new Map<string, number>();
  for (const { source } of importsOf(programText.split("\n"))) {
    const m = /^\.\/([A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*)\/[^/]+$/.exec(source);
    if (m?.[1]) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  let best = ".";
  for (const [folder, n] of counts) if (n > (counts.get(best) ?? 0)) best = folder;
  return best;
}

/** Whether the program has a command of that name already (`.command('name')`, `new Command('name')`). */
function hasCommand(text: string, command: string): boolean {
  const name = command.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?:\\.command|new\\s+Command)\\(\\s*(['"\`])${name}(?:\\1|\\s)`).test(text);
}

/**
 * The program's variable and the line where it parses, at its top level; else why a command cannot be
 * added to it (prompt_service's manage-output-templates.ts parses inside an `if`).
 */
export function programShape(text: string): { variable: string; parse: number } | string {
  const variable = PROGRAM_VARIABLE.exec(text)?.[1];
  if (!variable) {
    return "it makes no commander program at its top level (`const program = new Command()`) to add the command to";
  }
  const parse = text
    .split("\n")
    .findIndex((l) => new RegExp(`^(?:await\\s+)?${variable}\\s*\\.\\s*parse(?:Async)?\\(`).test(l));
  if (parse < 0) {
    return `it never calls ${variable}.parse(...) at its top level, so where its commands end is unknown`;
  }
  return { variable, parse };
}

/** The names of the commands the program defines itself (`.command('list')`, `new Command('cheatsheet')`). */
export function programCommands(text: string): string[] {
  return [...text.matchAll(/(?:\.command|new\s+Command)\(\s*(['"`])([A-Za-z0-9][\w:-]*)/g)].map(
    (m) => m[2] ?? "",
  );
}

/** The program with the command's module imported and added; unchanged when it has the command. */
export function registerInProgram(text: string, spec: ProgramCommand): TextEdit {
  const lines = text.split("\n");
  const shape = programShape(text);
  if (typeof shape === "string") return { ok: false, reason: shape };
  const { variable, parse } = shape;
  const imports = importsOf(lines);
  const name = importNameOf(spec.command);
  const ext = extensionOf(imports, spec.extension);
  const source = `${spec.specifier}${ext}`;
  if (imports.some((s) => s.source === source || s.source === spec.specifier)) {
    return { ok: true, text, changed: false };
  }
  if (hasCommand(text, spec.command)) return { ok: true, text, changed: false };
  if (!IDENTIFIER.test(name) || new RegExp(`\\b${name.replace(/\$/g, "\\$")}\\b`).test(text)) {
    return { ok: false, reason: `it already uses the name ${name} for something else` };
  }
  const last = imports.at(-1);
  const semi = (last?.semicolon ?? true) ? ";" : "";
  const quote = last?.quote ?? "'";
  // After the imports of its other commands (or its last import); the addCommand after the program's
  // last one, else before it parses (and before the comment that introduces the parse).
  const folder = spec.specifier.slice(0, spec.specifier.lastIndexOf("/") + 1);
  const sibling = imports.filter((s) => s.source.startsWith(folder) && s.end < parse).at(-1);
  const importAt = (sibling ?? imports.filter((s) => s.end < parse).at(-1))?.end;
  const added = lines.findLastIndex(
    (l, i) => i < parse && new RegExp(`^${variable}\\s*\\.\\s*addCommand\\(`).test(l),
  );
  let addAt = added >= 0 ? added + 1 : parse;
  if (added < 0) while (addAt > 0 && /^\s*\/\//.test(lines[addAt - 1] ?? "")) addAt--;
  const addCommand = `${variable}.addCommand(${name})${semi}`;
  const insertions: [number, string[]][] = [
    [addAt, added >= 0 ? [addCommand] : [addCommand, ""]],
    [importAt === undefined ? 0 : importAt + 1, [`import ${name} from ${quote}${source}${quote}${semi}`]],
  ];
  const out = [...lines];
  // The later one first, so the earlier one's index still holds.
  for (const [at, added] of insertions.sort((a, b) => b[0] - a[0])) out.splice(at, 0, ...added);
  return { ok: true, text: out.join("\n"), changed: true };
}

/**
 * A command file written as a program of its own made a module of the pipeline's program: its
 * top-level `program.parse(process.argv)` becomes `export default program`. Unchanged when it exports
 * its command already.
 */
export function asCommandModule(text: string): TextEdit {
  if (/^export\s+default\b/m.test(text)) return { ok: true, text, changed: false };
  const variable = PROGRAM_VARIABLE.exec(text)?.[1];
  const lines = text.split("\n");
  const parse = variable
    ? lines.findIndex((l) =>
        new RegExp(`^${variable}\\s*\\.\\s*parse(?:Async)?\\(\\s*process\\.argv\\s*\\)\\s*;?\\s*$`).test(l),
      )
    : -1;
  if (!variable || parse < 0) {
    return {
      ok: false,
      reason:
        "it has no top-level `program.parse(process.argv)` of a `new Command()` to make it a module the pipeline's program adds",
    };
  }
  const semi = /;\s*$/.test(lines[parse] ?? "") ? ";" : "";
  lines[parse] = `export default ${variable}${semi}`;
  return { ok: true, text: lines.join("\n"), changed: true };
}
