// A signal that aborts at a deadline, or earlier when the caller's own signal does: every GitHub request
// of the App and the Action gets one, so a server that accepts and never answers cannot hold them.
export function deadlineSignal(ms: number, given?: AbortSignal | null): AbortSignal {
  const deadline = AbortSignal.timeout(ms);
  return given ? AbortSignal.any([given, deadline]) : deadline;
}
