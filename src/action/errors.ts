// Errors the action reports as a failed step with a message that says what is wrong and how to fix it.
// Anything else is a bug and is reported with its message (and the stack in the log).

/** A bad `with:` input or a missing runner variable: the workflow file needs fixing. */
export class ActionInputError extends Error {
  override name = "ActionInputError";
  readonly input: string;
  constructor(input: string, message: string) {
    super(`input '${input}': ${message}`);
    this.input = input;
  }
}

/** A request the action refuses (no permission, fork, unknown run): the person gets the reason. */
export class ActionRefusedError extends Error {
  override name = "ActionRefusedError";
  readonly reason: string;
  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/** A run the action was asked to continue that cannot be found in the store, the branch or the PR. */
export class RunNotFoundError extends Error {
  override name = "RunNotFoundError";
  readonly runId: string;
  constructor(runId: string, where: string) {
    super(
      `run ${runId}: not found in ${where}. Check the run-id input (it is the last part of the branch scenario/<id>/<run>), or start a new run.`,
    );
    this.runId = runId;
  }
}
