// Named errors carrying their context; each message says where and how to fix it.
import { formatProblem, sortProblems } from "./problems.ts";
import type { DocumentProblem, SourcePosition } from "./types.ts";

/** A document (or a catalog) has problems; `problems` holds every one of them. */
export class ScenarioDocumentError extends Error {
  override name = "ScenarioDocumentError";
  readonly problems: DocumentProblem[];
  constructor(problems: DocumentProblem[]) {
    const sorted = sortProblems(problems);
    const plural = sorted.length === 1 ? "problem" : "problems";
    super(`${sorted.length} ${plural} in scenario documents:\n${sorted.map(formatProblem).join("\n")}`);
    this.problems = sorted;
  }
}

export class UnknownScenarioError extends Error {
  override name = "UnknownScenarioError";
  readonly id: string;
  readonly closest: string[];
  constructor(id: string, closest: string[]) {
    const suggestion = closest.length ? `; did you mean ${closest.join(", ")}?` : "";
    super(`unknown scenario "${id}"${suggestion} (run \`scenario list\` to see every id)`);
    this.id = id;
    this.closest = closest;
  }
}

export class DependencyCycleError extends Error {
  override name = "DependencyCycleError";
  readonly cycle: string[];
  readonly position: SourcePosition | undefined;
  constructor(cycle: string[], position?: SourcePosition) {
    const where = position ? `${position.file}:${position.line}:${position.column}: ` : "";
    super(`${where}dependency cycle ${cycle.join(" -> ")}; remove one of these dependencies`);
    this.cycle = cycle;
    this.position = position;
  }
}

/** A placeholder has no value at render time, or cannot be expanded where it stands. */
export class PlaceholderError extends Error {
  override name = "PlaceholderError";
  readonly placeholder: string;
  constructor(placeholder: string, message: string) {
    super(message);
    this.placeholder = placeholder;
  }
}

/** A filter cannot turn this value into what it promises (e.g. a SQL identifier holding NUL). */
export class FilterError extends Error {
  override name = "FilterError";
  readonly filter: string;
  readonly value: string;
  constructor(filter: string, value: string, reason: string) {
    super(`filter "${filter}" cannot handle ${JSON.stringify(value.slice(0, 80))}: ${reason}`);
    this.filter = filter;
    this.value = value;
  }
}

/** A rendered path would leave the workspace. */
export class PathOutsideWorkspaceError extends Error {
  override name = "PathOutsideWorkspaceError";
  readonly path: string;
  constructor(path: string) {
    super(
      `path "${path}" leaves the repository; file paths and cwd must stay inside it (no "..", not absolute)`,
    );
    this.path = path;
  }
}
