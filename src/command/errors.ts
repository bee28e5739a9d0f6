// Named errors of the comment grammar. Messages say where (the comment line) and how to fix it.

/** A `/scenario` line that does not follow the grammar. */
export class CommandSyntaxError extends Error {
  override readonly name = "CommandSyntaxError";
  /** 1-based line of the comment the command is on. */
  readonly line: number;
  /** What to write instead, e.g. an example command. */
  readonly hint: string;

  constructor(line: number, problem: string, hint: string) {
    super(`line ${line}: ${problem}. ${hint}`);
    this.line = line;
    this.hint = hint;
  }
}
