// Only one process drives a run at a time. The target lock is held by the run (so a resumed run gets it
// back); this claim is held by the process, so two `resume` of the same run cannot both go. A claim
// whose process is gone (same host, pid dead) is stale and taken over: that is the crash being resumed.
import { hostname } from "node:os";
import { isProcessAlive } from "../../os/process-alive.ts";
import { RunStateError } from "../errors.ts";
import type { RunStore } from "../ports.ts";

const HOLDER = /^(.+)@(.+):(\d+)$/;

export function claimKey(runId: string): string {
  return `run:${runId}`;
}

function holderName(runId: string): string {
  return `${runId}@${hostname()}:${process.pid}`;
}

export async function claimRun(store: RunStore, runId: string): Promise<void> {
  const key = claimKey(runId);
  const me = holderName(runId);
  const first = await store.acquireLock(key, me);
  if (first.acquired) return;
  const match = HOLDER.exec(first.holder);
  const host = match?.[2];
  const pid = Number(match?.[3]);
  if (host === hostname() && !isProcessAlive(pid)) {
    await store.releaseLock(key, first.holder);
    if ((await store.acquireLock(key, me)).acquired) return;
  }
  throw new RunStateError(
    runId,
    "busy",
    `another process (${first.holder.replace(`${runId}@`, "")}) is driving it right now. Wait for it, or stop that process first.`,
  );
}

export async function releaseClaim(store: RunStore, runId: string): Promise<void> {
  await store.releaseLock(claimKey(runId), holderName(runId));
}
