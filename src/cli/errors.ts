// One place that turns any error into the line a person sees: known errors print their message
// (which says where and how to fix it); anything else prints its message and, with DEBUG, its stack.
export class UserError extends Error {
  override name = "UserError";
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function formatCliError(error: unknown): string {
  if (error instanceof Error) {
    if (process.env.DEBUG && !(error instanceof UserError)) return `error: ${error.stack ?? error.message}`;
    return `error: ${error.message}`;
  }
  return `error: ${String(error)}`;
}
