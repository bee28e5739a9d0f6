// The one error family. Every error a person can cause or fix is a ScenarioBotError: a kind that says
// what sort of trouble it is, a message that says what went wrong and where, and hints (data, not
// text) that say what to do next. Each front door renders the hints in its own words (CLI flags,
// Action inputs, `/scenario` commands); anything that is not a ScenarioBotError is a bug.
import type { Hint } from "./hints.ts";

export const ERROR_KINDS = ["input", "not-found", "conflict", "state", "environment"] as const;
/**
 * - input: what someone gave is wrong (a parameter, a command, a document, a config file);
 * - not-found: what it names does not exist (a scenario, a run, a folder);
 * - conflict: something else holds what it needs (a run on the same target, a busy database);
 * - state: the thing exists but is not in a state that allows it (resume a finished run);
 * - environment: the world around failed (database, git, GitHub, the file system).
 */
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ErrorOptions {
  hints?: Hint[];
  cause?: unknown;
}

export abstract class ScenarioBotError extends Error {
  abstract readonly kind: ErrorKind;
  /** What to do next, most useful first; rendered by each front door's presenter. */
  readonly hints: readonly Hint[];

  constructor(message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hints = options.hints ?? [];
  }
}

/** An error that says where and how to fix it (shown without a stack), as opposed to a bug. */
export function isExpected(error: unknown): error is ScenarioBotError {
  return error instanceof ScenarioBotError;
}

/** Message of an unknown thrown value, for wrapping. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
