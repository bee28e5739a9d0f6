// The job's log reads like the run: one collapsible group per step, holding its output and verdict.
import { describe, expect, it } from "vitest";
import { RunnerLogReporter } from "../../src/action/adapters/runner-log-reporter.ts";
import type { Reporter, RunRecord, StepRecord } from "../../src/engine/ports.ts";
import { recordingIo } from "../support/recording-io.ts";

const quiet: Reporter = {
  runStarted: async () => {},
  stepStarted: async () => {},
  stepFinished: async () => {},
  runFinished: async () => {},
  log: () => {},
};

const run = { id: "r1", scenarioId: "s", branch: "scenario/s/r1", status: "running" } as RunRecord;
const step = (index: number, status: StepRecord["status"], extra: Partial<StepRecord> = {}): StepRecord => ({
  runId: "r1",
  index,
  scenarioId: "s",
  number: index + 1,
  name: `step ${index + 1}`,
  kind: "automated",
  status,
  ...extra,
});

describe("RunnerLogReporter", () => {
  it("puts each step's output and verdict in a group of its own", async () => {
    const io = recordingIo();
    const log = new RunnerLogReporter({
      inner: quiet,
      info: (m) => io.info(m),
      group: { start: (n) => io.startGroup(n), end: () => io.endGroup() },
    });
    await log.runStarted(run, { total: 2 });
    await log.stepStarted({ run, step: step(0, "running"), total: 2 });
    log.log("pushed abc1234");
    await log.stepFinished({ run, step: step(0, "succeeded", { outputTail: "wrote a.ts" }), total: 2 });
    await log.stepStarted({ run, step: step(1, "running"), total: 2 });
    await log.stepFinished({
      run,
      step: step(1, "failed", { error: "exit 1", outputTail: "boom" }),
      total: 2,
    });
    await log.runFinished({ ...run, status: "rolled_back" }, []);
    expect(io.logs).toEqual([
      "scenario s: run r1 on scenario/s/r1, 2 steps",
      "::group::[1/2] step 1 (automated)",
      "pushed abc1234",
      "wrote a.ts",
      "[1/2] step 1: succeeded",
      "::endgroup::",
      "::group::[2/2] step 2 (automated)",
      "boom",
      "[2/2] step 2: failed (exit 1)",
      "::endgroup::",
      "run r1: rolled_back",
    ]);
  });
});
