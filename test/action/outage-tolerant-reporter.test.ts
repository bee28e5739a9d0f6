import { describe, expect, it } from "vitest";
import { isOutage, OutageTolerantReporter } from "../../src/action/adapters/outage-tolerant-reporter.ts";
import type { Reporter, RunRecord } from "../../src/engine/ports.ts";

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
  it("warns and goes on when GitHub answers 5xx or the connection drops", async () => {
    const warnings: string[] = [];
    const reporter = new OutageTolerantReporter({ inner: failing(http(502)), warn: (m) => warnings.push(m) });
    await reporter.runStarted(run, { total: 1 });
    await reporter.runFinished(run, []);
    expect(warnings).toEqual([
      "GitHub failed while reporting the run's check run (status 502); the run goes on and the next report catches up.",
      "GitHub failed while reporting the run's verdict (status 502); the run goes on and the next report catches up.",
    ]);
    const reset = Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNRESET" } });
    expect(isOutage(reset)).toBe(true);
  });

  it("stops the run on a 4xx (missing permission, bad token): that will not heal", async () => {
    const reporter = new OutageTolerantReporter({ inner: failing(http(403)), warn: () => {} });
    await expect(reporter.runStarted(run, { total: 1 })).rejects.toMatchObject({ status: 403 });
    expect(isOutage(new Error("a bug"))).toBe(false);
  });
});
