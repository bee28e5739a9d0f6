// Only one process drives a run at a time. The target lock is held by the run (so a resumed run gets it
// back); this claim is held by the process, so two `resume` of the same run cannot both go. The driver
// renews its claim every 30 s. A claim is stale, and taken over (that is the crash being resumed), when
// its process is gone (same host, pid dead) or, from anywhere, when it has not been renewed for
// 5 minutes: a runner lost mid-run on another machine leaves nothing that could renew it.
import { hostname } from "node:os";
import { isProcessAlive } from "../../os/process-alive.ts";
import { RunBusyError } from "../errors.ts";
import type { RunStore } from "../ports.ts";

const HOLDER = /^(.+)@(.+):(\d+)$/;

export interface ClaimTiming {
  /** How often the driver renews its claim (default 30 s). */
  heartbeatMs?: number;
  /** A claim not renewed for this long is taken over (default 5 min). */
  staleMs?: number;
}

export const CLAIM_HEARTBEAT_MS = 30_000;
export const CLAIM_STALE_MS = 5 * 60_000;

/** Renewal timers of the claims this process holds, by run id. */
const heartbeats = new Map<string, NodeJS.Timeout>();

export function claimKey(runId: string): string {
  return `run:${runId}`;
}

function holderName(runId: string): string {
  return `${runId}@${hostname()}:${process.pid}`;
}

/** The host and pid a claim's holder names (`<run>@<host>:<pid>`). */
function processOf(holder: string): { host: string; pid: number } | undefined {
  const match = HOLDER.exec(holder);
  return match ? { host: match[2] as string, pid: Number(match[3]) } : undefined;
}

export async function claimRun(store: RunStore, runId: string, timing: ClaimTiming = {}): Promise<void> {
  const key = claimKey(runId);
  const me = holderName(runId);
  const first = await store.acquireLock(key, me);
  if (first.acquired) return heartbeat(store, runId, timing);
  const holding = processOf(first.holder);
  if (holding?.host === hostname() && !isProcessAlive(holding.pid)) {
    await store.releaseLock(key, first.holder);
    if ((await store.acquireLock(key, me)).acquired) return heartbeat(store, runId, timing);
  }
  const staleMs = timing.staleMs ?? CLAIM_STALE_MS;
  const stale = await store.takeStaleLock(key, me, staleMs);
  if (stale.taken) return heartbeat(store, runId, timing);
  const current = stale.holder ?? first.holder;
  const holder = current.replace(`${runId}@`, "");
  const seen = stale.idleMs === undefined ? "" : `, last seen ${Math.round(stale.idleMs / 1000)} s ago`;
  throw new RunBusyError(
    runId,
    `another process (${holder}${seen}) is driving it right now. Wait for it, or stop that process first; ` +
      `a claim not renewed for ${Math.round(staleMs / 60_000)} minutes is taken over.`,
    processOf(current),
  );
}

/**
 * Who drives a run, as its claim says, without touching it: nobody; a process on this machine, alive
 * or gone (its pid); or one elsewhere, which this machine cannot look at, so how long since its last
 * renewal (stale: `resume` takes it over).
 */
export type RunDriving =
  | { by: "nobody" }
  | { by: "here"; pid: number; alive: boolean }
  | { by: "elsewhere"; holder: string; idleMs: number; stale: boolean };

export async function runDriving(
  store: RunStore,
  runId: string,
  staleMs: number = CLAIM_STALE_MS,
): Promise<RunDriving> {
  const claim = await store.lockHolder(claimKey(runId));
  if (!claim) return { by: "nobody" };
  const driver = processOf(claim.holder);
  // A driver renews its claim every 30 s: behind a claim older than the stale limit, a live pid is
  // another program's now.
  if (driver?.host === hostname())
    return { by: "here", pid: driver.pid, alive: isProcessAlive(driver.pid) && claim.idleMs < staleMs };
  const holder = claim.holder.replace(`${runId}@`, "");
  return { by: "elsewhere", holder, idleMs: claim.idleMs, stale: claim.idleMs >= staleMs };
}

export async function releaseClaim(store: RunStore, runId: string): Promise<void> {
  clearInterval(heartbeats.get(runId));
  heartbeats.delete(runId);
  await store.releaseLock(claimKey(runId), holderName(runId));
}

function heartbeat(store: RunStore, runId: string, timing: ClaimTiming): void {
  clearInterval(heartbeats.get(runId));
  const timer = setInterval(() => {
    // A missed beat (database briefly away) is retried at the next one; the stale limit is 10 beats.
    store.renewLock(claimKey(runId), holderName(runId)).catch(() => undefined);
  }, timing.heartbeatMs ?? CLAIM_HEARTBEAT_MS);
  timer.unref();
  heartbeats.set(runId, timer);
}
