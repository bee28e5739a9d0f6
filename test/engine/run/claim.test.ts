// What a run's claim says about the process driving it, read without taking it over: on this machine
// whether the process is alive, elsewhere how long since it renewed the claim.
import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import {
  CLAIM_STALE_MS,
  claimKey,
  claimRun,
  releaseClaim,
  runDriving,
} from "../../../src/engine/run/claim.ts";
import { MemoryRunStore } from "../../../src/store/memory-run-store.ts";

/** The pid of a process that has exited (and been reaped). */
function deadPid(): number {
  const child = spawnSync("sh", ["-c", "echo $$"], { encoding: "utf8" });
  return Number(child.stdout.trim());
}

describe("runDriving", () => {
  it("names this process while it drives the run, and nobody once it lets go", async () => {
    const store = new MemoryRunStore();
    const run = "20261130-drivee";
    expect(await runDriving(store, run)).toEqual({ by: "nobody" });
    await claimRun(store, run);
    expect(await runDriving(store, run)).toEqual({ by: "here", pid: process.pid, alive: true });
    await releaseClaim(store, run);
    expect(await runDriving(store, run)).toEqual({ by: "nobody" });
  });

  it("knows a process on this machine is gone, and leaves its claim where it is", async () => {
    const store = new MemoryRunStore();
    const run = "20261130-killed";
    const pid = deadPid();
    const holder = `${run}@${hostname()}:${pid}`;
    await store.acquireLock(claimKey(run), holder);
    expect(await runDriving(store, run)).toEqual({ by: "here", pid, alive: false });
    expect((await store.lockHolder(claimKey(run)))?.holder).toBe(holder);
  });

  it("takes a live pid behind a claim not renewed for 5 minutes for another program's", async () => {
    let now = Date.parse("2026-11-30T07:00:00Z");
    const store = new MemoryRunStore({ now: () => new Date(now) });
    const run = "20261130-reused";
    await store.acquireLock(claimKey(run), `${run}@${hostname()}:${process.pid}`);
    expect(await runDriving(store, run)).toEqual({ by: "here", pid: process.pid, alive: true });
    now += CLAIM_STALE_MS;
    expect(await runDriving(store, run)).toEqual({ by: "here", pid: process.pid, alive: false });
  });

  it("cannot look at a process elsewhere: it says when the claim was renewed, stale after 5 minutes", async () => {
    let now = Date.parse("2026-11-30T07:00:00Z");
    const store = new MemoryRunStore({ now: () => new Date(now) });
    const run = "20261130-runner";
    await store.acquireLock(claimKey(run), `${run}@runner-7:88`);
    now += 12_000;
    expect(await runDriving(store, run)).toEqual({
      by: "elsewhere",
      holder: "runner-7:88",
      idleMs: 12_000,
      stale: false,
    });
    now += CLAIM_STALE_MS;
    expect(await runDriving(store, run)).toMatchObject({ by: "elsewhere", stale: true });
  });
});
