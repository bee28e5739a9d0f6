// The comment grammar: which lines are commands, and what each one asks for.
//   /scenario <id> k=v ... [--dry-run]   /scenario plan <id> k=v ...   /scenario list [type]
//   /scenario help [id]   /scenario status|resume|rollback|cancel [run]   /scenario suggest <text>
//   /scenario learn
import { liveLines, MAX_COMMENT_CHARS } from "./command-lines.ts";
import { CommandSyntaxError } from "./errors.ts";
import { checkLine, tokenize, type Word } from "./tokenize.ts";
import { type Command, type RunSubcommand, SUBCOMMANDS } from "./types.ts";

// ASCII only on purpose: look-alikes (fullwidth solidus, Cyrillic letters) never match.
const COMMAND_LINE = /^[ \t]*\/scenario(?=[ \t]|$)(.*)$/;
export const SCENARIO_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const PARAM_NAME = /^[a-z][a-z0-9_]*$/;
export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;

const EXAMPLE_RUN = "`/scenario add-rls-policies table=users`";

/** Commands read from one comment; the lines after them get one reply saying they were ignored. */
export const MAX_COMMANDS_PER_COMMENT = 5;

/**
 * Every command of a comment, in order, at most MAX_COMMANDS_PER_COMMENT (then one `invalid` naming
 * the lines left unread). Malformed ones are kept as `invalid` so their author gets a reply.
 */
export function parseComment(body: string): Command[] {
  if (!body.includes("/scenario")) return [];
  const lines = body.split(/\r\n|\r|\n/);
  const isCommand = (line: string) => COMMAND_LINE.test(line);
  if (body.length > MAX_COMMENT_CHARS) {
    const at = lines.findIndex(isCommand);
    return at === -1 ? [] : [tooLong(at + 1, (lines[at] as string).trim(), body.length)];
  }
  const found = liveLines(lines, isCommand);
  const commands: Command[] = [];
  for (const lineNumber of found.slice(0, MAX_COMMANDS_PER_COMMENT)) {
    const line = lines[lineNumber - 1] as string;
    const match = COMMAND_LINE.exec(line) as RegExpExecArray;
    const text = line.trim();
    try {
      commands.push(parseArguments(match[1] as string, lineNumber, text));
    } catch (error) {
      if (!(error instanceof CommandSyntaxError)) throw error;
      commands.push({ kind: "invalid", line: lineNumber, text, error });
    }
  }
  const ignored = found.slice(MAX_COMMANDS_PER_COMMENT);
  if (ignored.length > 0)
    commands.push(tooMany(ignored, (lines[(ignored[0] as number) - 1] as string).trim()));
  return commands;
}

function tooLong(line: number, text: string, chars: number): Command {
  const error = new CommandSyntaxError(
    line,
    `the comment is ${chars} characters long, more than GitHub's ${MAX_COMMENT_CHARS}, so none of its commands was read`,
    "Post the command in a short comment of its own.",
  );
  return { kind: "invalid", line, text: printable(text), error };
}

function tooMany(ignored: number[], text: string): Command {
  const shown = ignored.slice(0, 10).join(", ") + (ignored.length > 10 ? ", ..." : "");
  const line = ignored[0] as number;
  const error = new CommandSyntaxError(
    line,
    `only the first ${MAX_COMMANDS_PER_COMMENT} commands of a comment are read; ${ignored.length} more ${ignored.length === 1 ? "was" : "were"} ignored (line${ignored.length === 1 ? "" : "s"} ${shown})`,
    `Post the others in another comment, at most ${MAX_COMMANDS_PER_COMMENT} per comment.`,
  );
  return { kind: "invalid", line, text: printable(text), error };
}

/** Parses what follows `/scenario` on one line; throws `CommandSyntaxError`. */
export function parseArguments(rest: string, line: number, text = `/scenario${rest}`.trim()): Command {
  checkLine(rest, line);
  const words = tokenize(rest, line);
  const first = words[0];
  if (!first) return { kind: "help", line, text };
  const head = first.quoted ? undefined : (SUBCOMMANDS as readonly string[]).find((s) => s === first.value);
  const args = words.slice(1);
  switch (head) {
    case "plan": {
      const id = args[0];
      if (!id) {
        throw new CommandSyntaxError(
          line,
          "`plan` needs a scenario id",
          "Example: `/scenario plan add-rls-policies table=users`.",
        );
      }
      return {
        kind: "plan",
        line,
        text,
        scenarioId: scenarioId(id, line),
        params: params(args.slice(1), line, false).params,
      };
    }
    case "list":
      atMost(args, 1, "list", "`/scenario list database`", line);
      return args[0] ? { kind: "list", line, text, objectType: args[0].value } : { kind: "list", line, text };
    case "help":
      atMost(args, 1, "help", "`/scenario help add-rls-policies`", line);
      return args[0]
        ? { kind: "help", line, text, scenarioId: scenarioId(args[0], line) }
        : { kind: "help", line, text };
    case "suggest": {
      const query = rest.trim().slice("suggest".length).trim();
      if (!query) {
        throw new CommandSyntaxError(
          line,
          "`suggest` needs some text to match",
          "Example: `/scenario suggest protect the users table`.",
        );
      }
      return { kind: "suggest", line, text, query };
    }
    case "learn":
      if (args.length > 0) {
        throw new CommandSyntaxError(
          line,
          "`learn` takes no arguments: it drafts a scenario from the merged pull request it is commented on",
          "Comment `/scenario learn` alone on that pull request.",
        );
      }
      return { kind: "learn", line, text };
    case undefined:
      break;
    default: {
      const kind = head as RunSubcommand;
      atMost(args, 1, kind, `\`/scenario ${kind} <run-id>\``, line);
      return args[0] ? { kind, line, text, runId: runId(args[0], line) } : { kind, line, text };
    }
  }
  const parsed = params(args, line, true);
  return {
    kind: "run",
    line,
    text,
    scenarioId: scenarioId(first, line),
    params: parsed.params,
    dryRun: parsed.dryRun,
  };
}

function scenarioId(word: Word, line: number): string {
  if (!SCENARIO_ID.test(word.value)) {
    throw new CommandSyntaxError(
      line,
      `\`${printable(word.value)}\` is not a scenario id or a subcommand (ids are kebab-case, like \`add-rls-policies\`)`,
      `Subcommands: ${SUBCOMMANDS.join(", ")}. Example: ${EXAMPLE_RUN}; \`/scenario list\` shows the scenarios.`,
    );
  }
  return word.value;
}

function runId(word: Word, line: number): string {
  if (!RUN_ID.test(word.value)) {
    throw new CommandSyntaxError(
      line,
      `\`${printable(word.value)}\` is not a run id (letters, digits, \`-\`, \`_\`, \`.\`, at most 80)`,
      "Copy the run id from the run's plan reply, or leave it out to mean this issue's latest run.",
    );
  }
  return word.value;
}

function params(
  words: Word[],
  line: number,
  allowDryRun: boolean,
): { params: Record<string, string>; dryRun: boolean } {
  const out: Record<string, string> = Object.create(null);
  let dryRun = false;
  for (const word of words) {
    if (!word.quoted && word.value.startsWith("--")) {
      if (word.value === "--dry-run" && allowDryRun) {
        dryRun = true;
        continue;
      }
      throw new CommandSyntaxError(
        line,
        `unknown option \`${printable(word.value)}\``,
        allowDryRun
          ? "The only option is `--dry-run`."
          : "`plan` takes no options: it never changes anything.",
      );
    }
    if (word.equals === -1) {
      throw new CommandSyntaxError(
        line,
        `\`${printable(word.value)}\` is not a parameter (expected \`name=value\`)`,
        `Quote values with spaces, e.g. \`title="two words"\`. Example: ${EXAMPLE_RUN}.`,
      );
    }
    const key = word.value.slice(0, word.equals);
    const value = word.value.slice(word.equals + 1);
    if (key === "") {
      throw new CommandSyntaxError(
        line,
        `\`${printable(word.value)}\` has no parameter name before \`=\``,
        `Write \`name=value\`, e.g. ${EXAMPLE_RUN}.`,
      );
    }
    if (!PARAM_NAME.test(key)) {
      throw new CommandSyntaxError(
        line,
        `\`${printable(key)}\` is not a parameter name (names are snake_case, like \`owner_column\`)`,
        "`/scenario help <id>` lists a scenario's parameters.",
      );
    }
    if (Object.hasOwn(out, key)) {
      throw new CommandSyntaxError(line, `parameter \`${key}\` is given twice`, "Keep one of them.");
    }
    out[key] = value;
  }
  return { params: { ...out }, dryRun };
}

function atMost(args: Word[], n: number, kind: string, example: string, line: number): void {
  if (args.length > n) {
    throw new CommandSyntaxError(
      line,
      `\`${kind}\` takes at most ${n} argument, got ${args.length}`,
      `Example: ${example}.`,
    );
  }
}

/** A value as it can be shown back in a reply: bounded, one line, no backticks breaking the code span. */
export function printable(value: string): string {
  const flat = value.replace(/[`\r\n]/g, "?");
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
