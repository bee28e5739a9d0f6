// The NOTE column of `scenario runs` and `scenario status`: where a queued or running run stands, as
// `status <run>` words it, with the command that ends or resumes it.
import { describe, expect, it } from "vitest";
import { cliHint } from "../../../src/cli/commands/run-hints.ts";
import { formatRuns, standingNotes } from "../../../src/cli/commands/runs.ts";
import type { NewRun } from "../../../src/engine/ports.ts";
import { MemoryRunStore } from "../../../src/store/memory-run-store.ts";

const base: NewRun = {
  id: "20261124-aaaaaa",
  scenarioId: "add-rls-policies",
  params: { table: "users" },
  status: "queued",
  repository: "acme/monorepo",
  target: "users",
  branch: "scenario/add-rls-policies/20261124-aaaaaa",
  baseBranch: "main",
};
const hint = cliHint({});

describe("standingNotes", () => {
  it("notes a queued run: a comment's waits for the workflow job, a CLI one for its process", async () => {
    const store = new MemoryRunStore();
    const fromComment = await store.createRun({ ...base, issueNumber: 12, triggeredBy: "octocat" });
    const fromCli = await store.createRun({ ...base, id: "20261124-bbbbbb", target: "posts" });
    const done = await store.createRun({ ...base, id: "20261124-cccccc", status: "succeeded" });
    const notes = await standingNotes(store, [fromComment, fromCli, done], hint);
    expect(notes).toEqual(
      new Map([
        [
          "20261124-aaaaaa",
          "dispatched to the scenario workflow from #12 by @octocat; if its job never started: scenario cancel 20261124-aaaaaa",
        ],
        ["20261124-bbbbbb", "not started; if its process was killed: scenario cancel 20261124-bbbbbb"],
      ]),
    );
    const table = formatRuns([fromComment, done], notes);
    expect(table.split("\n")[1]).toMatch(
      /^20261124-aaaaaa {2}queued +add-rls-policies {2}users .* {2}dispatched to the scenario workflow from #12 by @octocat; if its job never started: scenario cancel 20261124-aaaaaa$/,
    );
  });

  it("notes a running run from its claim, and no run that has ended", async () => {
    const store = new MemoryRunStore();
    const running = await store.createRun({ ...base, status: "running" });
    const failed = await store.createRun({ ...base, id: "20261124-dddddd", status: "failed", error: "x" });
    const notes = await standingNotes(store, [running, failed], hint);
    expect([...notes.keys()]).toEqual(["20261124-aaaaaa"]);
    expect(notes.get("20261124-aaaaaa")).toMatch(/: scenario resume 20261124-aaaaaa$/);
  });
});
