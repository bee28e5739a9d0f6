// `scenario insert-line <file> --line <text> (--after <re> | --before <re> | --end)`: one line into an
// existing file, once. A second call finds the line and changes nothing; the file keeps (or gains) its
// final newline. The anchor is user text: an RE2 expression (linear time) or, with --literal, plain text.
import { linearRegex, linearRegexProblem } from "../../../scenario/linear-regex.ts";
import { joinLines, splitLines } from "./text-lines.ts";

export interface InsertLineOptions {
  line: string;
  after?: string;
  before?: string;
  end?: boolean;
  literal?: boolean;
  /** Take the leading whitespace of the deeper of the two lines the new one goes between. */
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
    at = options.after !== undefined ? index + 1 : index;
  }
  const indent = options.indent ? deeperIndent(file.lines[at - 1], file.lines[at]) : "";
  file.lines.splice(at, 0, indent + (options.indent ? options.line.trimStart() : options.line));
  return { changed: true, text: joinLines(file), at: at + 1 };
}

/** The leading whitespace of whichever neighbour is indented deeper (a route before `</Routes>` sits with its siblings). */
function deeperIndent(above: string | undefined, below: string | undefined): string {
  const of = (l: string | undefined) =>
    l === undefined || l.trim() === "" ? "" : (/^\s*/.exec(l)?.[0] ?? "");
  const [a, b] = [of(above), of(below)];
  return b.length > a.length ? b : a;
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
