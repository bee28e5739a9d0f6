// A signal that aborts at a deadline, or earlier when the caller's own signal does: every GitHub request
// of the App and the Action gets one, so a server that accepts and never answers cannot hold them.

export function deadlineSignal(ms: number, given?: AbortSignal | null): AbortSignal {
  const deadline = AbortSignal.timeout(ms);
  return given ? AbortSignal.any([given, deadline]) : deadline;
}

export interface Deadline {
  signal: AbortSignal;
  /** Ends the deadline (the work is done): its timer stops, and nothing is aborted later. */
  clear(): void;
}

/**
 * A deadline that can be ended: `AbortSignal.timeout` cannot be, so each finished request would still
 * be aborted when its timer fires, which cost the App's deliveries about as much as a request (issue 16).
 * The reason is the one `AbortSignal.timeout` gives.
 */
export function clearableDeadline(ms: number, given?: AbortSignal | null): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
    ms,
  );
  timer.unref();
  return {
    signal: given ? AbortSignal.any([given, controller.signal]) : controller.signal,
    clear: () => clearTimeout(timer),
  };
}
