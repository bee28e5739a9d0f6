// Named errors carrying their context; each message says where, and its hints what to do next.
import { ScenarioBotError } from "../errors/index.ts";
import { formatProblem, sortProblems } from "./problems.ts";
import type { DocumentProblem, SourcePosition } from "./types.ts";

/** A document (or a catalog) has problems; `problems` holds every one of them. */
export class ScenarioDocumentError extends ScenarioBotError {
  override name = "ScenarioDocumentError";
  readonly kind = "input";
  readonly problems: DocumentProblem[];
  constructor(problems: DocumentProblem[]) {
    const sorted = sortProblems(problems);
    const plural = sorted.length === 1 ? "problem" : "problems";
    super(`${sorted.length} ${plural} in scenario documents:\n${sorted.map(formatProblem).join("\n")}`, {
      hints: [{ do: "validate" }],
    });
    this.problems = sorted;
  }
}

export class UnknownScenarioError extends ScenarioBotError {
  override name = "UnknownScenarioError";
  readonly kind = "not-found";
  readonly id: string;
  readonly closest: string[];
  constructor(id: string, closest: string[]) {
    const suggestion = closest.length ? `; did you mean ${closest.join(", ")}?` : "";
    super(`unknown scenario "${id}"${suggestion}`, { hints: [{ do: "list-scenarios" }] });
    this.id = id;
    this.closest = closest;
  }
}

export class DependencyCycleError extends ScenarioBotError {
  override name = "DependencyCycleError";
  readonly kind = "input";
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
export class PlaceholderError extends ScenarioBotError {
  override name = "PlaceholderError";
  readonly kind = "input";
  readonly placeholder: string;
  constructor(placeholder: string, message: string) {
    super(message);
    this.placeholder = placeholder;
  }
}

/** A filter cannot turn this value into what it promises (e.g. a SQL identifier holding NUL). */
export class FilterError extends ScenarioBotError {
  override name = "FilterError";
  readonly kind = "input";
  readonly filter: string;
  readonly value: string;
  constructor(filter: string, value: string, reason: string) {
    super(`filter "${filter}" cannot handle ${JSON.stringify(value.slice(0, 80))}: ${reason}`);
    this.filter = filter;
    this.value = value;
  }
}

/** A rendered path would leave the workspace. */
export class PathOutsideWorkspaceError extends ScenarioBotError {
  override name = "PathOutsideWorkspaceError";
  readonly kind = "input";
  readonly path: string;
  constructor(path: string) {
    super(
      `path "${path}" leaves the repository; file paths and cwd must stay inside it (no "..", not absolute)`,
    );
    this.path = path;
  }
}
