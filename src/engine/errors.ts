// Named errors of the engine. Each carries the context a caller needs to map it to an outcome or a
// reply, and a message that starts with where and ends with how to fix it. What to do next, where a
// front door words it differently (a CLI command, a `/scenario` comment), is a RunHint, not text.
import type { RunHint } from "./hints.ts";

export interface ParameterProblem {
  parameter: string;
  /** The rule that failed: required, unknown, type, pattern, min, max, enum. */
  rule: string;
  message: string;
}

export class ParameterError extends Error {
  override name = "ParameterError";
  readonly scenarioId: string;
  readonly problems: ParameterProblem[];
  constructor(scenarioId: string, problems: ParameterProblem[]) {
    super(
      `${scenarioId}: ${problems.length === 1 ? "a parameter is" : `${problems.length} parameters are`} not valid:\n` +
        problems.map((p) => `  - ${p.message}`).join("\n"),
    );
    this.scenarioId = scenarioId;
    this.problems = problems;
  }
}

export class NotRunnableError extends Error {
  override name = "NotRunnableError";
  readonly scenarioId: string;
  constructor(scenarioId: string, file: string) {
    super(
      `${scenarioId} (${file}) is a template: it is validated but never run. Copy it out of templates/ to use it.`,
    );
    this.scenarioId = scenarioId;
  }
}

export class DependencyError extends Error {
  override name = "DependencyError";
  readonly scenarioId: string;
  constructor(scenarioId: string, message: string) {
    super(`${scenarioId}: ${message}`);
    this.scenarioId = scenarioId;
  }
}

export class PathEscapeError extends Error {
  override name = "PathEscapeError";
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

export class LockHeldError extends Error {
  override name = "LockHeldError";
  readonly key: string;
  readonly holder: string;
  /** What helps, in order: wait for the holder, roll it back, or queue behind it. */
  readonly hints: RunHint[];
  constructor(key: string, holder: string) {
    super(
      `another run (${holder}) is already changing ${key}; two runs never write the same target at once.`,
    );
    this.key = key;
    this.holder = holder;
    this.hints = [
      { action: "status", runId: holder },
      { action: "rollback", runId: holder },
      { action: "wait", holder },
    ];
  }
}

export class RunNotFoundError extends Error {
  override name = "RunNotFoundError";
  readonly runId: string;
  constructor(runId: string, detail = "") {
    super(`run ${runId} was not found${detail}. List the runs with \`scenario runs\`.`);
    this.runId = runId;
  }
}

export class RunStateError extends Error {
  override name = "RunStateError";
  readonly runId: string;
  readonly status: string;
  constructor(runId: string, status: string, message: string) {
    super(`run ${runId} is ${status}: ${message}`);
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
  readonly hint: RunHint | undefined;
  constructor(
    runId: string,
    status: string,
    control: "resume" | "rollback" | "cancel",
    why: string,
    hint?: RunHint,
  ) {
    super(runId, status, why);
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
export class WorkspaceError extends Error {
  override name = "WorkspaceError";
  readonly runId: string;
  constructor(runId: string, message: string) {
    super(message);
    this.runId = runId;
  }
}

export class StepFailedError extends Error {
  override name = "StepFailedError";
  readonly stepIndex: number;
  readonly outputTail: string;
  constructor(stepIndex: number, message: string, outputTail: string) {
    super(message);
    this.stepIndex = stepIndex;
    this.outputTail = outputTail;
  }
}

export class RunCancelledError extends Error {
  override name = "RunCancelledError";
  constructor(message = "the run was cancelled") {
    super(message);
  }
}

function truncate(text: string): string {
  const oneLine = JSON.stringify(text).slice(1, -1);
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine;
}
