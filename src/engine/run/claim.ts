// Only one process drives a run at a time. The target lock is held by the run (so a resumed run gets it
// back); this claim is held by the process, so two `resume` of the same run cannot both go. A claim
// whose process is gone (same host, pid dead) is stale and taken over: that is the crash being resumed.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
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
  if (host === hostname() && !alive(pid)) {
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

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  return !isZombie(pid);
}

// A killed process nobody has reaped yet (a container whose PID 1 never reaps) still answers kill 0.
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
  } catch {
    return false;
  }
}
