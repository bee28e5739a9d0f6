// A text file as lines, for the helpers that edit one: its line ending kept (CRLF stays CRLF) and a
// final newline always written, so a line added to a file that had none is never glued to its last line.

export interface TextLines {
  lines: string[];
  eol: "\n" | "\r\n";
}

export function splitLines(text: string): TextLines {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return { lines, eol };
}

export function joinLines({ lines, eol }: TextLines): string {
  return lines.length === 0 ? "" : `${lines.join(eol)}${eol}`;
}
