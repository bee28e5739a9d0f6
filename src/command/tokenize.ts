// Splits the text after `/scenario` into words, the way a shell would for the simple cases people
// type in a comment: whitespace separates, "double" and 'single' quotes group, a backslash escapes
// the next character (inside either quote too, so `"say \"hi\""` works).
import { CommandSyntaxError } from "./errors.ts";

/** Longest command line accepted, in UTF-8 bytes. */
export const MAX_LINE_BYTES = 4096;

// Characters that make a value look different from what it is (Trojan Source, CVE-2021-42574).
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
// C0 controls except tab, and DEL; NUL is reported on its own as the most common attack.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROLS = /[\u0001-\u0008\u000B-\u001F\u007F]/u;

export interface Word {
  /** The word with quotes and escapes resolved. */
  value: string;
  /** Where the first `=` outside quotes is, in `value`; -1 when none. */
  equals: number;
  /** Whether any part of the word was quoted (a quoted `--dry-run` is a value, not a flag). */
  quoted: boolean;
}

export function checkLine(line: string, lineNumber: number): void {
  if (Buffer.byteLength(line, "utf8") > MAX_LINE_BYTES) {
    throw new CommandSyntaxError(
      lineNumber,
      `the command is longer than ${MAX_LINE_BYTES} bytes`,
      "Shorten the values, or put long text in the issue body instead of the command.",
    );
  }
  if (line.includes("\u0000")) {
    throw new CommandSyntaxError(
      lineNumber,
      "the command contains a NUL character",
      "Retype the command without invisible characters.",
    );
  }
  if (CONTROLS.test(line)) {
    throw new CommandSyntaxError(
      lineNumber,
      "the command contains a control character",
      "Retype the command without invisible characters.",
    );
  }
  if (BIDI_CONTROLS.test(line)) {
    throw new CommandSyntaxError(
      lineNumber,
      "the command contains a bidirectional text control character, which can make it read differently from what it does",
      "Retype the command without invisible characters.",
    );
  }
}

export function tokenize(text: string, lineNumber: number): Word[] {
  const words: Word[] = [];
  let current: Word | undefined;
  let quote: '"' | "'" | undefined;
  let wordStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "\\") {
      const next = text[i + 1];
      if (next === undefined) {
        throw new CommandSyntaxError(
          lineNumber,
          "the command ends with a lone backslash",
          'Remove it, or write `\\\\` for a literal backslash, e.g. `path="C:\\\\temp"`.',
        );
      }
      if (!current) wordStart = i;
      current ??= { value: "", equals: -1, quoted: false };
      current.value += next;
      i++;
      continue;
    }
    if (quote) {
      if (ch === quote) quote = undefined;
      else (current as Word).value += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      if (!current) wordStart = i;
      current ??= { value: "", equals: -1, quoted: false };
      current.quoted = true;
      continue;
    }
    if (ch === " " || ch === "\t") {
      if (current) words.push(current);
      current = undefined;
      continue;
    }
    if (!current) wordStart = i;
    current ??= { value: "", equals: -1, quoted: false };
    if (ch === "=" && current.equals === -1) current.equals = current.value.length;
    current.value += ch;
  }
  if (quote) {
    throw new CommandSyntaxError(
      lineNumber,
      `the quote ${quote} in \`${text.slice(wordStart, wordStart + 40).replace(/`/g, "?")}\` is never closed`,
      `Close it, e.g. \`title=${quote}two words${quote}\`, or escape it with a backslash.`,
    );
  }
  if (current) words.push(current);
  return words;
}
