// The journal's rows written behind or later: the store gets them in order, a row made moot before its
// moment is never written, and durable() leaves nothing pending.
import { describe, expect, it } from "vitest";
import { buildPlan } from "../../../src/engine/plan/build-plan.ts";
import type { StepRecord } from "../../../src/engine/ports.ts";
import { RunJournal } from "../../../src/engine/run/journal.ts";
import { MemoryRunStore } from "../../../src/store/memory-run-store.ts";
import { file, scenario, step } from "../../support/engine-scenarios.ts";

const oneStep = scenario("one-step", { steps: [step("Write", "automated", [file("a.txt", "a\n")])] });

async function journalWithWrites() {
  const store = new MemoryRunStore();
  const writes: string[] = [];
  const saveStep = store.saveStep.bind(store);
  store.saveStep = (row) => {
    writes.push(row.status);
    return saveStep(row);
  };
  const plan = buildPlan({
    catalog: [oneStep],
    scenarioId: "one-step",
    rawParams: {},
    runId: "r1",
    now: new Date(),
  });
  const run = await store.createRun({
    id: "r1",
    scenarioId: "one-step",
    params: {},
    repository: "/repo",
    target: plan.target,
    branch: plan.branch,
    baseBranch: "main",
  });
  const journal = RunJournal.fresh(store, plan, run);
  const planned = plan.steps[0];
  if (!planned) throw new Error("no step");
  const running: StepRecord = { ...journal.newRecord(planned), status: "running", startedAt: new Date() };
  return { store, writes, journal, running };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("RunJournal rows written later", () => {
  it("never writes a running row that the step's next row made moot", async () => {
    const { store, writes, journal, running } = await journalWithWrites();
    journal.saveLater(running, 30);
    expect(journal.step(0)?.status).toBe("running");
    journal.saveBehind({ ...running, status: "succeeded", finishedAt: new Date() });
    await journal.durable();
    await sleep(60);
    expect(writes).toEqual(["succeeded"]);
    expect((await store.listSteps("r1")).map((s) => s.status)).toEqual(["succeeded"]);
  });

  it("writes it once its moment comes, for a step that is still going", async () => {
    const { store, writes, journal, running } = await journalWithWrites();
    journal.saveLater(running, 10);
    await sleep(40);
    expect(writes).toEqual(["running"]);
    expect((await store.listSteps("r1"))[0]?.startedAt).toBeDefined();
  });

  it("durable() writes a row still waiting for its moment", async () => {
    const { store, writes, journal, running } = await journalWithWrites();
    journal.saveLater(running, 60_000);
    await journal.durable();
    expect(writes).toEqual(["running"]);
    expect((await store.listSteps("r1")).map((s) => s.status)).toEqual(["running"]);
  });

  it("a failed row replaces a waiting running row, which is then never written over it", async () => {
    const { store, writes, journal, running } = await journalWithWrites();
    journal.saveLater(running, 20);
    await journal.save({ ...running, status: "failed", error: "boom" });
    await sleep(50);
    expect(writes).toEqual(["failed"]);
    expect((await store.listSteps("r1")).map((s) => s.status)).toEqual(["failed"]);
  });
});
