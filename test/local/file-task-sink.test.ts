import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { RunRecord, StepRecord } from "../../src/engine/ports.ts";
import { FileTaskSink } from "../../src/local/file-task-sink.ts";
import { makeRepo, useMemoryStore } from "../support/engine-harness.ts";

const memory = useMemoryStore();
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function setup() {
  const repo = makeRepo();
  cleanups.push(repo.cleanup);
  const runs = memory.store;
  const run: RunRecord = await runs.createRun({
    id: "20261124-tasks1",
    scenarioId: "add-rls-policies",
    params: { table: "users" },
    repository: repo.dir,
    target: "users",
    branch: "scenario/add-rls-policies/20261124-tasks1",
    baseBranch: "main",
    status: "running",
  });
  const step: StepRecord = {
    runId: run.id,
    index: 3,
    scenarioId: "add-rls-policies",
    number: 4,
    name: "Review",
    kind: "manual",
    status: "waiting",
  };
  await runs.saveStep(step);
  const sink = new FileTaskSink({
    dir: path.join(repo.dir, ".scenario", "tasks"),
    store: runs,
    tickedBy: "alice",
  });
  return { sink, run, step, runs, file: sink.fileOf(run.id) };
}

describe("FileTaskSink", () => {
  it("publishes a step's items once, as boxes with hidden markers", async () => {
    const { sink, run, step, runs, file } = await setup();
    await sink.publish(run, step, ["Policies fit", "Owner column\nindexed"]);
    await sink.publish(run, step, ["Policies fit", "Owner column\nindexed"]);
    expect(readFileSync(file, "utf8")).toMatchInlineSnapshot(`
      "# Tasks for run 20261124-tasks1 (add-rls-policies)

      Tick a box (\`- [x]\`) when it is done, then \`scenario resume 20261124-tasks1\`.
      Branch: \`scenario/add-rls-policies/20261124-tasks1\`

      ## Step 4: Review

      - [ ] Policies fit <!-- scenario:step=3 item=0 -->
      - [ ] Owner column indexed <!-- scenario:step=3 item=1 -->
      "
    `);
    expect((await runs.listTasks(run.id)).map((t) => [t.item, t.done])).toEqual([
      [0, false],
      [1, false],
    ]);
  });

  it("counts a box ticked in the file and an item ticked through the store, and only all of them", async () => {
    const { sink, run, step, runs, file } = await setup();
    await sink.publish(run, step, ["one", "two"]);
    expect(await sink.isDone(run, step)).toBe(false);
    writeFileSync(file, readFileSync(file, "utf8").replace("- [ ] one", "- [X] one"));
    expect(await sink.isDone(run, step)).toBe(false);
    expect((await runs.listTasks(run.id)).find((t) => t.item === 0)).toMatchObject({
      done: true,
      doneBy: "alice",
    });
    await runs.tickTask(run.id, 3, 1, "bob");
    expect(await sink.isDone(run, step)).toBe(true);
  });

  it("tick() marks every item of the step in the file and the store", async () => {
    const { sink, run, step, runs, file } = await setup();
    await sink.publish(run, step, ["one", "two"]);
    expect(await sink.tick(run.id, 3, "carol")).toBe(2);
    expect(readFileSync(file, "utf8")).toContain("- [x] two <!-- scenario:step=3 item=1 -->");
    expect((await runs.listTasks(run.id)).every((t) => t.done && t.doneBy === "carol")).toBe(true);
    expect(await sink.isDone(run, step)).toBe(true);
    expect(await sink.tick(run.id, 3, "carol")).toBe(0);
  });

  it("adds the dev task once, and nothing when nothing is left", async () => {
    const { sink, run, file } = await setup();
    expect(await sink.devTask(run, [])).toBeUndefined();
    expect(existsSync(file)).toBe(false);
    // It says where the task is, the second time too (the run's report names it).
    expect(await sink.devTask(run, ["Confirm: the team agreed"])).toBe(file);
    expect(await sink.devTask(run, ["Confirm: the team agreed"])).toBe(file);
    const text = readFileSync(file, "utf8");
    expect(text.match(/## Not checked by the run: confirm after it/g)).toHaveLength(1);
    expect(text).toContain("- [ ] Confirm: the team agreed");
  });
});
