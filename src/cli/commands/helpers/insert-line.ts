// `scenario insert-line <file> --line <text> (--after <re> | --before <re> | --end)`: one line into an
// existing file, once. A second call finds the line and changes nothing; the file keeps (or gains) its
// final newline. The anchor is user text: an RE2 expression (linear time) or, with --literal, plain text.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { linearRegex, linearRegexProblem } from "../../../scenario/linear-regex.ts";
import type { CommandContext } from "../index.ts";
import { joinLines, splitLines } from "./text-lines.ts";

export interface InsertLineOptions {
  line: string;
  after?: string;
  before?: string;
  end?: boolean;
  literal?: boolean;
  /** Take the anchor line's leading whitespace. */
  indent?: boolean;
}

export type InsertOutcome = { changed: true; text: string; at: number } | { changed: false; reason: string };

/** What the file becomes, or why nothing changes; throws an Error whose message says what is wrong. */
export function insertLine(text: string, options: InsertLineOptions): InsertOutcome {
  const anchors = [options.after, options.before, options.end ? "" : undefined].filter(
    (a) => a !== undefined,
  );
  if (anchors.length !== 1) throw new Error("give exactly one of --after <regex>, --before <regex>, --end");
  if (/[\r\n]/.test(options.line)) throw new Error("--line holds a newline: insert one line per call");
  const file = splitLines(text);
  if (file.lines.some((l) => l.trim() === options.line.trim()))
    return { changed: false, reason: "already has the line" };
  let at = file.lines.length;
  let anchorLine: string | undefined;
  if (!options.end) {
    const pattern = (options.after ?? options.before) as string;
    const matches = matcher(pattern, options.literal);
    const found = file.lines.map((l, i) => (matches(l) ? i : -1)).filter((i) => i !== -1);
    if (found.length === 0) {
      const flag = options.after !== undefined ? "--after" : "--before";
      throw new Error(
        `no line matches ${flag} ${JSON.stringify(pattern)}${options.literal ? " (literal)" : ""}`,
      );
    }
    const index = options.after !== undefined ? (found[found.length - 1] as number) : (found[0] as number);
    anchorLine = file.lines[index];
    at = options.after !== undefined ? index + 1 : index;
  }
  const indent = options.indent && anchorLine !== undefined ? (/^\s*/.exec(anchorLine)?.[0] ?? "") : "";
  file.lines.splice(at, 0, indent + (options.indent ? options.line.trimStart() : options.line));
  return { changed: true, text: joinLines(file), at: at + 1 };
}

function matcher(pattern: string, literal: boolean | undefined): (line: string) => boolean {
  if (literal) return (line) => line.includes(pattern);
  const problem = linearRegexProblem(pattern);
  if (problem)
    throw new Error(
      `the anchor ${JSON.stringify(pattern)} is not a regular expression RE2 reads: ${problem}`,
    );
  const re = linearRegex(pattern);
  return (line) => re.test(line);
}

export function registerInsertLine(program: Command, ctx: CommandContext): void {
  program
    .command("insert-line")
    .description(
      "Insert a line into a file after/before the line an RE2 expression matches, or at the end; once.",
    )
    .argument("<file>", "the file to change (it must exist)")
    .requiredOption("--line <text>", "the line to insert")
    .option("--after <regex>", "after the last line matching it")
    .option("--before <regex>", "before the first line matching it")
    .option("--end", "at the end of the file")
    .option("--literal", "the anchor is plain text, not a regular expression")
    .option("--indent", "take the anchor line's leading whitespace")
    .action(async (file: string, options: InsertLineOptions) => {
      const abs = path.resolve(ctx.io.cwd, file);
      try {
        const text = await readFile(abs, "utf8").catch((error: NodeJS.ErrnoException) => {
          throw new Error(error.code === "ENOENT" ? "no such file" : `cannot read it: ${error.code}`);
        });
        const outcome = insertLine(text, options);
        if (!outcome.changed) {
          ctx.io.stdout(`insert-line: ${file} ${outcome.reason}\n`);
          return;
        }
        await writeFile(abs, outcome.text);
        ctx.io.stdout(`insert-line: ${file}:${outcome.at} inserted\n`);
      } catch (error) {
        ctx.io.stderr(`insert-line: ${file}: ${(error as Error).message}\n`);
        ctx.setExitCode(1);
      }
    });
}
