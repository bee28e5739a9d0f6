// Document problems -> check-run annotations, sent 50 per request (GitHub's limit per call).
import type { DocumentProblem } from "../../scenario/index.ts";

export const ANNOTATIONS_PER_REQUEST = 50;

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "failure" | "warning" | "notice";
  message: string;
  title?: string;
}

/** A problem fails the check; a note (a file that is no scenario, documentation) is a notice. */
export function annotationOf(problem: DocumentProblem, level: "failure" | "notice" = "failure"): Annotation {
  const line = Math.max(1, problem.position.line);
  return {
    path: problem.position.file,
    start_line: line,
    end_line: line,
    start_column: Math.max(1, problem.position.column),
    end_column: Math.max(1, problem.position.column),
    annotation_level: level,
    message: `${problem.message}${problem.hint ? `\n${problem.hint}` : ""}`.slice(0, 64 * 1024),
    title: level === "notice" ? "scenario document: note" : "scenario document",
  };
}

export function batches<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
