// One run per repository + scenario + target. A second run is refused with the holder's id, or, asked
// to wait, polls until the holder finishes (the lock lives in the store, so it holds across processes)
// or until the waiting run is cancelled.
import { setTimeout as sleep } from "node:timers/promises";
import { LockHeldError, RunCancelledError } from "../errors.ts";
import type { Reporter, RunStore } from "../ports.ts";

export interface LockRequest {
  key: string;
  runId: string;
  wait?: boolean;
  pollMs?: number;
  signal?: AbortSignal;
  reporter?: Reporter;
}

export async function acquireRunLock(store: RunStore, request: LockRequest): Promise<void> {
  let announced = false;
  for (;;) {
    const result = await store.acquireLock(request.key, request.runId);
    if (result.acquired) return;
    if (!request.wait) throw new LockHeldError(request.key, result.holder);
    if (!announced) {
      request.reporter?.log(`queued: run ${result.holder} holds ${request.key}; waiting for it to finish`);
      announced = true;
    }
    if (request.signal?.aborted) throw new RunCancelledError("cancelled while waiting for the lock");
    // A queued run can be cancelled from elsewhere (`cancel` records it): it stops queueing.
    if ((await store.getRun(request.runId))?.status === "cancelled")
      throw new RunCancelledError("cancelled while waiting for the lock");
    await sleep(
      request.pollMs ?? 1000,
      undefined,
      request.signal ? { signal: request.signal } : undefined,
    ).catch(() => {
      throw new RunCancelledError("cancelled while waiting for the lock");
    });
  }
}
