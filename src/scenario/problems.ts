// Problems are collected, never thrown one by one: a writer fixes a whole document in one pass.
import type { DocumentProblem, SourcePosition } from "./types.ts";

export class ProblemList {
  readonly items: DocumentProblem[] = [];

  add(position: SourcePosition, message: string, hint?: string): void {
    this.items.push(hint === undefined ? { position, message } : { position, message, hint });
  }

  get size(): number {
    return this.items.length;
  }
}

/** `path:line:column: message`, then the hint on its own indented line. */
export function formatProblem(problem: DocumentProblem): string {
  const { file, line, column } = problem.position;
  const head = `${file}:${line}:${column}: ${problem.message}`;
  return problem.hint ? `${head}\n  hint: ${problem.hint}` : head;
}

/** Stable order: by file, then line, then column. */
export function sortProblems(problems: readonly DocumentProblem[]): DocumentProblem[] {
  return [...problems].sort(
    (a, b) =>
      a.position.file.localeCompare(b.position.file) ||
      a.position.line - b.position.line ||
      a.position.column - b.position.column,
  );
}
