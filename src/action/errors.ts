// Errors only the Action raises: a bad `with:` input or runner variable, and a request it refuses.
import { type ErrorKind, type Hint, ScenarioBotError } from "../errors/index.ts";

/** A bad `with:` input or a missing runner variable: the workflow file needs fixing. */
export class ActionInputError extends ScenarioBotError {
  override name = "ActionInputError";
  readonly kind = "input";
  readonly input: string;
  constructor(input: string, message: string) {
    super(`input '${input}': ${message}`);
    this.input = input;
  }
}

/** A request the action refuses (no permission, fork, a run in the wrong state): the person gets the reason. */
export class ActionRefusedError extends ScenarioBotError {
  override name = "ActionRefusedError";
  readonly kind: ErrorKind;
  readonly reason: string;
  constructor(reason: string, kind: ErrorKind = "state", hints: Hint[] = []) {
    super(reason, { hints });
    this.reason = reason;
    this.kind = kind;
  }
}
