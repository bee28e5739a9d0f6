// Whether a queued or running run is going on, and what ends it if it is not, for status and prune. A
// running run's claim names the process driving it (src/engine/run/claim.ts): on this machine, whether
// that process is alive is known for certain; elsewhere, only when it last renewed its claim. A queued
// run holds no claim (it waits for a process to start it), so only the person can tell; one a comment
// queued waits for the scenario workflow's job that the App dispatched, not for a process here.

import type { RunRecord } from "../engine/ports.ts";
import type { RunDriving } from "../engine/run/claim.ts";
import type { RunHint } from "../errors/index.ts";

export interface RunStanding {
  /** A phrase: "its process (pid 123 on this machine) is gone", "under way in process 123 on this machine". */
  text: string;
  /** What ends it, when it may be stuck. */
  hint?: RunHint;
}

/** Undefined for a run that is neither queued nor running; `driving` as runDriving read it. */
export function runStanding(
  run: Pick<RunRecord, "id" | "status" | "issueNumber" | "triggeredBy">,
  driving?: RunDriving,
): RunStanding | undefined {
  if (run.status === "queued") {
    const cancel = { do: "run", action: "cancel", runId: run.id } as const;
    if (run.issueNumber === undefined)
      return { text: "not started; if its process was killed", hint: cancel };
    const by = run.triggeredBy ? ` by @${run.triggeredBy}` : "";
    return {
      text: `dispatched to the scenario workflow from #${run.issueNumber}${by}; if its job never started`,
      hint: cancel,
    };
  }
  if (run.status !== "running") return undefined;
  const resume = { do: "run", action: "resume", runId: run.id } as const;
  switch (driving?.by) {
    case undefined:
      return { text: "under way; if its process was killed", hint: resume };
    case "nobody":
      return { text: "no process is driving it (its process ended without finishing it)", hint: resume };
    case "here":
      return driving.alive
        ? { text: `under way in process ${driving.pid} on this machine` }
        : { text: `its process (pid ${driving.pid} on this machine) is gone`, hint: resume };
    case "elsewhere": {
      const seen = `last seen ${ago(driving.idleMs)}`;
      return driving.stale
        ? {
            text: `its process (${driving.holder}) has not been seen for ${ago(driving.idleMs, "")}`,
            hint: resume,
          }
        : { text: `under way in process ${driving.holder}, ${seen}` };
    }
  }
}

function ago(ms: number, suffix = " ago"): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s${suffix}` : `${Math.round(s / 60)} min${suffix}`;
}
