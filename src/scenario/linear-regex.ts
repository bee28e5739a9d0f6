// Regular expressions written in documents (parameter patterns, trigger content) run over text other
// people choose: values in comments, the lines a pull request adds. They are matched by RE2 (re2js), in
// time linear in the text, so no pattern can stall the App or a runner with catastrophic backtracking.
// RE2 has no lookaround and no backreferences: a document using them gets a validation error.
import { RE2JS } from "re2js";

export interface LinearRegexOptions {
  ignoreCase?: boolean;
  /** `^` and `$` match at line breaks too. */
  multiline?: boolean;
}

export interface LinearRegex {
  /** The whole text matches (as `^(?:pattern)$`). */
  matchesWhole(text: string): boolean;
  /** The first match anywhere: its capture groups (unmatched groups as ""), or undefined. */
  firstGroups(text: string): string[] | undefined;
  test(text: string): boolean;
}

/** Trigger `content` and `unless` read the added lines of a pull request: case-insensitive, line by line. */
export const TRIGGER_REGEX: LinearRegexOptions = { ignoreCase: true, multiline: true };

const compiled = new Map<string, LinearRegex>();
const MAX_COMPILED = 1000;

/** Compiles `source`; throws an Error saying what RE2 cannot read. Compiled patterns are kept. */
export function linearRegex(source: string, options: LinearRegexOptions = {}): LinearRegex {
  const flags = (options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) | (options.multiline ? RE2JS.MULTILINE : 0);
  const key = `${flags}/${source}`;
  let regex = compiled.get(key);
  if (!regex) {
    regex = wrap(RE2JS.compile(source, flags));
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(key, regex);
  }
  return regex;
}

/** Why `source` cannot be used, or undefined when it can. */
export function linearRegexProblem(source: string, options: LinearRegexOptions = {}): string | undefined {
  try {
    linearRegex(source, options);
    return undefined;
  } catch (error) {
    // re2js quotes the expression with the flags it prepended (`(?m)(?i)(`): show what the author wrote.
    const message = (error as Error).message
      .replace(/^error parsing regexp: /, "")
      .replace(/`(?:\(\?[im]\))+/, "`");
    return /unsupported Perl syntax|invalid escape sequence: `\\\d/.test(message)
      ? `${message} (lookaround and backreferences are not supported: patterns are matched in linear time)`
      : message;
  }
}

function wrap(re: RE2JS): LinearRegex {
  return {
    matchesWhole: (text) => re.matches(text),
    test: (text) => re.matcher(text).find(),
    firstGroups(text) {
      const m = re.matcher(text);
      if (!m.find()) return undefined;
      return Array.from({ length: m.groupCount() }, (_, i) => m.group(i + 1) ?? "");
    },
  };
}
