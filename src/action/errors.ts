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

/**
 * The run-state marker in a pull request's body whose body someone else last wrote: read, it would
 * let that person change the run's scenario or parameters between a wait and its resume.
 */
export class UntrustedRunMarkerError extends ScenarioBotError {
  override name = "UntrustedRunMarkerError";
  readonly kind = "state";
  readonly runId: string;
  readonly pullRequest: number;
  /** Who last wrote the body, as REST spells the login; undefined for a deleted account. */
  readonly editor: string | undefined;
  constructor(input: { runId: string; pullRequest: number; editor: string | undefined; own: string }) {
    const who = input.editor ? `@${input.editor}` : "a deleted account";
    super(
      `run ${input.runId}: the body of pull request #${input.pullRequest} was last edited by ${who}, not by ${input.own} (the identity this job's token acts as). ` +
        "Its run-state marker (the run's scenario and parameters) is read only as scenario-bot wrote it, so the run was not rebuilt from it and nothing was changed.",
      {
        hints: [
          {
            do: "say",
            text:
              "To go on, delete the marker line (<!-- scenario-run-state: ... -->) from the body and ask again: the run is then rebuilt from its commits on the run branch, and the job writes a new marker. " +
              "Restoring scenario-bot's version from the edit history does not help (whoever restores it becomes the last editor). Or start a new run. Keep notes in a comment rather than in the body.",
          },
        ],
      },
    );
    this.runId = input.runId;
    this.pullRequest = input.pullRequest;
    this.editor = input.editor;
  }
}
