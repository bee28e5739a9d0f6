// `scenario add-export <index-file> <module-path>`: a re-export added to a barrel, once, in the file's
// own quote style and semicolon habit: `export * from './x';` (star, dhg-mono's services index) or
// `export { a } from './x';` (named). The style is --style, else the repository's layout
// (SCENARIO_LAYOUT_EXPORT_STYLE, which the engine gives every step), else what the file already does.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { EXPORT_STYLES } from "../../../scenario/layout.ts";
import type { CommandContext } from "../index.ts";
import { joinLines, splitLines } from "./text-lines.ts";

export type ExportStyle = (typeof EXPORT_STYLES)[number];

export interface AddExportOptions {
  style?: ExportStyle;
  names?: string[];
  /** `export type { ... }` (named style). */
  type?: boolean;
}

export type AddExportOutcome =
  | { changed: true; text: string; line: string }
  | { changed: false; reason: string };

const FROM = /\bfrom\s*(['"])([^'"]+)\1/;

export function addExport(text: string, modulePath: string, options: AddExportOptions): AddExportOutcome {
  const spec = modulePath.startsWith(".") ? modulePath : `./${modulePath}`;
  const file = splitLines(text);
  const same = file.lines.find((l) => {
    const from = FROM.exec(l)?.[2];
    return /^\s*(export\b|\})/.test(l) && from !== undefined && sameModule(from, spec);
  });
  if (same !== undefined) return { changed: false, reason: `already exports from ${spec}: ${same.trim()}` };
  const style = styleFor(text, options);
  if (style === "named" && !options.names?.length)
    throw new Error("the named style needs --names a,b (the names the module exports)");
  const quote = quoteOf(file.lines);
  const semi = semicolonOf(file.lines);
  const what = style === "star" ? "*" : `${options.type ? "type " : ""}{ ${options.names?.join(", ")} }`;
  const line = `export ${what} from ${quote}${spec}${quote}${semi}`;
  let last = -1;
  file.lines.forEach((l, i) => {
    if (/^\s*(export\b.*|\}\s*)from\s*['"]/.test(l)) last = i;
  });
  file.lines.splice(last === -1 ? file.lines.length : last + 1, 0, line);
  return { changed: true, text: joinLines(file), line };
}

/** The style a re-export takes: the option, else `star` where the file has one or no names are given. */
export function styleFor(text: string, options: AddExportOptions): ExportStyle {
  return (
    options.style ??
    (/^\s*export\s+\*\s+from\s/m.test(text) ? "star" : options.names?.length ? "named" : "star")
  );
}

/** Kinds find-export reports that are types only: a named re-export of a value leaves them out. */
const TYPE_KINDS = new Set(["interface", "type"]);

/**
 * The value names a module exports (followed through `export *`), for a named re-export given no
 * --names: a barrel such as `export { teamService } from './teamService';` names what it re-exports.
 */
export async function valueExports(indexFile: string, modulePath: string): Promise<string[]> {
  const { ModuleReader, resolveModule } = await import("./module-exports.ts");
  const spec = modulePath.startsWith(".") ? modulePath : `./${modulePath}`;
  const file = await resolveModule(path.dirname(indexFile), spec);
  if (!file) return [];
  const reader = new ModuleReader();
  const names: string[] = [];
  for (const name of await reader.exportedNames(file)) {
    const found = await reader.find(file, name).catch(() => undefined);
    if (found && !TYPE_KINDS.has(found.kind)) names.push(name);
  }
  return names;
}

/** `./a`, `./a/index`, `./a.js`, `./a/index.ts` are one module. */
function sameModule(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/, "")
      .replace(/\/index$/, "")
      .replace(/\/+$/, "");
  return norm(a) === norm(b);
}

function quoteOf(lines: string[]): string {
  for (const l of lines) {
    const q = /^\s*(?:import|export)\b.*?(['"])/.exec(l)?.[1];
    if (q) return q;
  }
  return "'";
}

function semicolonOf(lines: string[]): string {
  const statements = lines.filter((l) => FROM.test(l) && /^\s*(import|export|\})/.test(l));
  if (statements.length === 0) return ";";
  // `export * from "./x"; // what it is` ends with a semicolon too.
  return statements.some((l) => /;\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(l)) ? ";" : "";
}

interface Flags {
  style?: string;
  names?: string;
  type?: boolean;
}

export function registerAddExport(program: Command, ctx: CommandContext): void {
  program
    .command("add-export")
    .description(
      "Add `export * from './x';` (or a named re-export) to a barrel file, once, in the file's style.",
    )
    .argument("<index-file>", "the barrel (created when missing; its folder must exist)")
    .argument("<module-path>", "the module to re-export, relative to the barrel (./ is added when missing)")
    .option(
      "--style <style>",
      `${EXPORT_STYLES.join(" | ")} (default: $SCENARIO_LAYOUT_EXPORT_STYLE, else the file's)`,
    )
    .option("--names <a,b>", "the names to re-export (named style)")
    .option("--type", "export type { ... } (named style)")
    .action(async (index: string, modulePath: string, flags: Flags) => {
      const abs = path.resolve(ctx.io.cwd, index);
      try {
        const style = flags.style ?? ctx.io.env.SCENARIO_LAYOUT_EXPORT_STYLE ?? undefined;
        if (style !== undefined && style !== "" && !(EXPORT_STYLES as readonly string[]).includes(style))
          throw new Error(`--style must be ${EXPORT_STYLES.join(" or ")}, not ${JSON.stringify(style)}`);
        const text = await readFile(abs, "utf8").catch((error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return "";
          throw new Error(`cannot read it: ${error.code}`);
        });
        let names = flags.names
          ?.split(",")
          .map((n) => n.trim())
          .filter(Boolean);
        const wanted = style ? { style: style as ExportStyle } : {};
        if (!names?.length && styleFor(text, { ...wanted }) === "named") {
          // The index names what it re-exports: the module's own value exports.
          names = await valueExports(abs, modulePath);
          if (names.length === 0)
            throw new Error(
              `the named style needs --names a,b (the names the module exports), and ${modulePath} exports no value to name`,
            );
        }
        const outcome = addExport(text, modulePath, {
          ...wanted,
          ...(names?.length ? { names } : {}),
          ...(flags.type ? { type: true } : {}),
        });
        if (!outcome.changed) {
          ctx.io.stdout(`add-export: ${index} ${outcome.reason}\n`);
          return;
        }
        await writeFile(abs, outcome.text).catch((error: NodeJS.ErrnoException) => {
          throw new Error(
            error.code === "ENOENT" ? "its folder does not exist" : `cannot write it: ${error.code}`,
          );
        });
        ctx.io.stdout(`add-export: ${index}: ${outcome.line}\n`);
      } catch (error) {
        ctx.io.stderr(`add-export: ${index}: ${(error as Error).message}\n`);
        ctx.setExitCode(1);
      }
    });
}
