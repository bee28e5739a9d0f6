import { describe, expect, it } from "vitest";
import { isOutage, OutageTolerantReporter } from "../../src/action/adapters/outage-tolerant-reporter.ts";
import type { Reporter, RunRecord, StepRecord } from "../../src/engine/ports.ts";

const failing = (error: Error): Reporter => ({
  runStarted: () => Promise.reject(error),
  stepStarted: () => Promise.reject(error),
  stepFinished: () => Promise.reject(error),
  runFinished: () => Promise.reject(error),
  log: () => {},
});
/** What Octokit throws for an HTTP error: an Error with the status. */
const http = (status: number) => Object.assign(new Error(`status ${status}`), { name: "HttpError", status });
const run = { id: "r" } as RunRecord;

describe("OutageTolerantReporter", () => {
  it("once steps run, warns and goes on when GitHub answers 5xx or the connection drops", async () => {
    const warnings: string[] = [];
    const reporter = new OutageTolerantReporter({ inner: failing(http(502)), warn: (m) => warnings.push(m) });
    const step = { index: 1 } as StepRecord;
    await reporter.stepStarted({ run, step, total: 2 });
    await reporter.stepFinished({ run, step, total: 2 });
    await reporter.runFinished(run, []);
    expect(warnings).toEqual([
      "GitHub failed while reporting step 2's check run (status 502); the run goes on and the next report catches up.",
      "GitHub failed while reporting step 2's verdict (status 502); the run goes on and the next report catches up.",
      "GitHub failed while reporting the run's verdict (status 502); the run goes on and the next report catches up.",
    ]);
    const reset = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    expect(isOutage(reset)).toBe(true);
  });

  it("stops the run before any step on any failure, and always on a 4xx (missing permission, bad token)", async () => {
    const outage = new OutageTolerantReporter({ inner: failing(http(502)), warn: () => {} });
    await expect(outage.runStarted(run, { total: 1 })).rejects.toMatchObject({ status: 502 });
    const reporter = new OutageTolerantReporter({ inner: failing(http(403)), warn: () => {} });
    await expect(reporter.runFinished(run, [])).rejects.toMatchObject({ status: 403 });
    expect(isOutage(new Error("a bug"))).toBe(false);
  });
});
