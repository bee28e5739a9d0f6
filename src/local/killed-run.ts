// A queued or running run in the store may be under way, or its process may have been killed: the
// store cannot tell, the person can. What ends each, for prune and status to offer.
import type { RunRecord } from "../engine/ports.ts";
import type { RunHint } from "../errors/index.ts";

export function ifKilled(run: Pick<RunRecord, "id" | "status">): RunHint | undefined {
  if (run.status === "queued") return { do: "run", action: "cancel", runId: run.id };
  if (run.status === "running") return { do: "run", action: "resume", runId: run.id };
  return undefined;
}
