// Named errors of the engine. Each carries the context a caller needs to map it to an outcome or a
// reply, a message that starts with where, and hints (data) that each front door words its own way.
import { type RunHint, ScenarioBotError } from "../errors/index.ts";
import type { SourcePosition } from "../scenario/types.ts";

export interface ParameterProblem {
  parameter: string;
  /** The rule that failed: required, unknown, type, pattern, min, max, enum. */
  rule: string;
  message: string;
  /** Where the parameter is declared in its document (set by the application layer's planRun). */
  position?: SourcePosition;
}

export class ParameterError extends ScenarioBotError {
  override name = "ParameterError";
  readonly kind = "input";
  readonly scenarioId: string;
  readonly problems: ParameterProblem[];
  constructor(scenarioId: string, problems: ParameterProblem[]) {
    super(
      `${scenarioId}: ${problems.length === 1 ? "a parameter is" : `${problems.length} parameters are`} not valid:\n` +
        problems.map((p) => `  - ${p.message}`).join("\n"),
      { hints: [{ do: "show-scenario", scenarioId }] },
    );
    this.scenarioId = scenarioId;
    this.problems = problems;
  }
}

export class NotRunnableError extends ScenarioBotError {
  override name = "NotRunnableError";
  readonly kind = "input";
  readonly scenarioId: string;
  constructor(scenarioId: string, file: string) {
    super(
      `${scenarioId} (${file}) is a template: it is validated but never run. Copy it out of templates/ to use it.`,
    );
    this.scenarioId = scenarioId;
  }
}

export class DependencyError extends ScenarioBotError {
  override name = "DependencyError";
  readonly kind = "input";
  readonly scenarioId: string;
  constructor(scenarioId: string, message: string) {
    super(`${scenarioId}: ${message}`, { hints: [{ do: "validate" }] });
    this.scenarioId = scenarioId;
  }
}

export class PathEscapeError extends ScenarioBotError {
  override name = "PathEscapeError";
  readonly kind = "input";
  readonly scenarioId: string;
  readonly path: string;
  readonly where: string;
  constructor(scenarioId: string, where: string, path: string, why: string) {
    super(
      `${where}: the path "${truncate(path)}" ${why}. Paths must stay inside the repository: check the parameters used in it.`,
    );
    this.scenarioId = scenarioId;
    this.path = path;
    this.where = where;
  }
}

export class LockHeldError extends ScenarioBotError {
  override name = "LockHeldError";
  readonly kind = "conflict";
  readonly key: string;
  readonly holder: string;
  /** Hints: wait for the holder (its status), roll it back, or queue behind it. */
  constructor(key: string, holder: string) {
    super(
      `another run (${holder}) is already changing ${key}; two runs never write the same target at once`,
      {
        hints: [
          { do: "run", action: "status", runId: holder },
          { do: "run", action: "rollback", runId: holder },
          { do: "wait", holder },
        ],
      },
    );
    this.key = key;
    this.holder = holder;
  }
}

/** A run that is in neither the store nor, where it was looked for, git or GitHub. */
export class RunNotFoundError extends ScenarioBotError {
  override name = "RunNotFoundError";
  readonly kind = "not-found";
  readonly runId: string;
  /** `detail` says where else it was looked for, e.g. " in the store, nor as a branch scenario/*\/<run>". */
  constructor(runId: string, detail = "") {
    super(`run ${runId} was not found${detail}`, { hints: [{ do: "list-runs" }] });
    this.runId = runId;
  }
}

/** A tick of a checklist item the run does not have. */
export class ChecklistItemNotFoundError extends ScenarioBotError {
  override name = "ChecklistItemNotFoundError";
  readonly kind = "not-found";
  readonly runId: string;
  constructor(runId: string, stepIndex: number, item: number) {
    super(`run ${runId} has no checklist item ${item} in step ${stepIndex}`, {
      hints: [{ do: "run", action: "status", runId }],
    });
    this.runId = runId;
  }
}

export class RunStateError extends ScenarioBotError {
  override name = "RunStateError";
  readonly kind = "state";
  readonly runId: string;
  readonly status: string;
  constructor(runId: string, status: string, message: string, hints: ScenarioBotError["hints"] = []) {
    super(`run ${runId} is ${status}: ${message}`, { hints: [...hints] });
    this.runId = runId;
    this.status = status;
  }
}

/**
 * `resume`, `rollback` or `cancel` refused for the run's status (see run/control.ts): one reason every
 * front door shows, and what helps instead as data, which each front door words itself.
 */
export class RunControlError extends RunStateError {
  override name = "RunControlError";
  readonly control: "resume" | "rollback" | "cancel";
  /** The reason alone, without "run <id> is <status>". */
  readonly why: string;
  /** What helps instead (also the first of `hints`). */
  readonly hint: RunHint | undefined;
  constructor(
    runId: string,
    status: string,
    control: "resume" | "rollback" | "cancel",
    why: string,
    hint?: RunHint,
  ) {
    super(runId, status, why, hint ? [hint] : []);
    this.control = control;
    this.why = why;
    this.hint = hint;
  }
}

/** Another live process drives the run (it holds the run's claim): who, as the claim names it. */
export class RunBusyError extends RunStateError {
  override name = "RunBusyError";
  /** Host and pid of the driving process, when its claim names them. */
  readonly driver: { host: string; pid: number } | undefined;
  constructor(runId: string, message: string, driver?: { host: string; pid: number }) {
    super(runId, "busy", message);
    this.driver = driver;
  }
}

/** The workspace could not be prepared (e.g. the base branch does not exist); nothing was changed. */
export class WorkspaceError extends ScenarioBotError {
  override name = "WorkspaceError";
  readonly kind = "environment";
  readonly runId: string;
  constructor(runId: string, message: string, hints: ScenarioBotError["hints"] = []) {
    super(message, { hints: [...hints] });
    this.runId = runId;
  }
}

export class StepFailedError extends ScenarioBotError {
  override name = "StepFailedError";
  readonly kind = "environment";
  readonly stepIndex: number;
  readonly outputTail: string;
  constructor(stepIndex: number, message: string, outputTail: string) {
    super(message);
    this.stepIndex = stepIndex;
    this.outputTail = outputTail;
  }
}

export class RunCancelledError extends ScenarioBotError {
  override name = "RunCancelledError";
  readonly kind = "state";
  constructor(message = "the run was cancelled") {
    super(message);
  }
}

function truncate(text: string): string {
  const oneLine = JSON.stringify(text).slice(1, -1);
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}
