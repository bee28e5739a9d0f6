// The deferred write the run's check and the pull request's body share: requests that come together
// make one write, made later; writes never overlap; a final write drops the one still waiting.
import { describe, expect, it } from "vitest";
import { LatestWrite } from "../../../src/action/adapters/latest-write.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A write that records when it runs, taking `ms`. */
function recorder(ms = 0) {
  const log: string[] = [];
  let n = 0;
  return {
    log,
    write: async () => {
      const i = ++n;
      log.push(`start ${i}`);
      await sleep(ms);
      log.push(`end ${i}`);
    },
  };
}

describe("LatestWrite", () => {
  it("makes one write for requests that come together, after the wait", async () => {
    const r = recorder();
    const w = new LatestWrite(r.write, 30, () => {});
    await w.request();
    await w.request();
    await w.request();
    expect(r.log).toEqual([]);
    await sleep(80);
    expect(r.log).toEqual(["start 1", "end 1"]);
  });

  it("writes at once, each time, with no wait", async () => {
    const r = recorder();
    const w = new LatestWrite(r.write, 0, () => {});
    await w.request();
    await w.request();
    expect(r.log).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  it("settle drops a write still waiting", async () => {
    const r = recorder();
    const w = new LatestWrite(r.write, 50, () => {});
    await w.request();
    await w.settle();
    await sleep(100);
    expect(r.log).toEqual([]);
  });

  it("never overlaps writes, and settle waits for the one being made", async () => {
    const r = recorder(60);
    const w = new LatestWrite(r.write, 10, () => {});
    await w.request();
    await sleep(30); // the first write is being made
    await w.request(); // its own wait ends while the first is still being made
    await sleep(30);
    await w.settle(); // the second was waiting behind the first: both end
    expect(r.log).toEqual(["start 1", "end 1", "start 2", "end 2"]);
  });

  it("hands a failed write to `failed`, and writes again on the next request", async () => {
    const failures: unknown[] = [];
    let calls = 0;
    const w = new LatestWrite(
      async () => {
        if (++calls === 1) throw new Error("GitHub said 502");
      },
      10,
      (error) => failures.push(error),
    );
    await w.request();
    await sleep(40);
    expect(failures.map(String)).toEqual(["Error: GitHub said 502"]);
    await w.request();
    await w.settle();
    await sleep(40);
    expect(calls).toBe(1); // settled before its wait ended: dropped
    await w.request();
    await sleep(40);
    expect(calls).toBe(2);
  });
});
