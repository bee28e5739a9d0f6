import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import type { RunRecord, StepRecord } from "../../src/engine/ports.ts";
import { ConsoleReporter, formatSummary } from "../../src/local/console-reporter.ts";

const run: RunRecord = {
  id: "20261124-abcdef",
  scenarioId: "add-rls-policies",
  params: { table: "users" },
  status: "running",
  repository: "/repo",
  target: "users",
  branch: "scenario/add-rls-policies/20261124-abcdef",
  baseBranch: "main",
  baseSha: "0123456789abcdef0123456789abcdef01234567",
  createdAt: new Date(0),
  updatedAt: new Date(0),
};
const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 10, 0, s));
const steps: StepRecord[] = [
  {
    runId: run.id,
    index: 0,
    scenarioId: "create-database-table",
    number: 1,
    name: "Table",
    kind: "automated",
    status: "skipped",
    error: "create-database-table: its post-validation already holds",
  },
  {
    runId: run.id,
    index: 1,
    scenarioId: "add-rls-policies",
    number: 1,
    name: "Policy",
    kind: "automated",
    status: "succeeded",
    commitSha: "fedcba9876543210fedcba9876543210fedcba98",
    startedAt: at(0),
    finishedAt: at(2),
  },
  {
    runId: run.id,
    index: 2,
    scenarioId: "add-rls-policies",
    number: 2,
    name: "Review",
    kind: "manual",
    status: "waiting",
  },
];

describe("ConsoleReporter", () => {
  it("prints plain lines when not on a terminal", async () => {
    const out: string[] = [];
    const reporter = new ConsoleReporter({ write: (t) => out.push(t), isTTY: false });
    reporter.runStarted(run, { total: 3 });
    reporter.stepStarted({ run, step: { ...(steps[1] as StepRecord), status: "running" }, total: 3 });
    reporter.stepFinished({ run, step: steps[1] as StepRecord, total: 3 });
    reporter.log("a note");
    const text = out.join("");
    expect(text).not.toContain("\r");
    expect(text.replace(/ \d+\.\ds/, " <t>")).toMatchInlineSnapshot(`
      "Run 20261124-abcdef: add-rls-policies on scenario/add-rls-policies/20261124-abcdef (3 steps)
      [2/3] Policy ...
      [2/3] Policy ok <t> fedcba98
        a note
      "
    `);
  });

  it("redraws one line with the elapsed time on a terminal, then ends it", async () => {
    const out: string[] = [];
    const reporter = new ConsoleReporter({ write: (t) => out.push(t), isTTY: true, tickMs: 10 });
    reporter.stepStarted({ run, step: { ...(steps[1] as StepRecord), status: "running" }, total: 3 });
    await sleep(80);
    reporter.stepFinished({ run, step: steps[1] as StepRecord, total: 3 });
    const draws = out.filter((t) => t.startsWith("\r\x1b[2K[2/3] Policy 0."));
    expect(draws.length).toBeGreaterThan(2);
    const last = out.at(-1) ?? "";
    expect(last.startsWith("\r\x1b[2K")).toBe(true);
    expect(last.slice(5)).toMatch(/^\[2\/3\] Policy ok 0\.\ds fedcba98\n$/);
    const count = out.length;
    await sleep(40);
    expect(out.length).toBe(count);
  });

  it("sums a run up: steps, durations, commits, branch, and what waits on people", () => {
    expect(formatSummary({ ...run, status: "waiting" }, steps)).toMatchInlineSnapshot(`
      "Run 20261124-abcdef waiting: add-rls-policies (target users)
        1. Table (create-database-table): skipped - create-database-table: its post-validation already holds
        2. Policy: succeeded 2.0s commit fedcba98
        3. Review: waiting
        branch: scenario/add-rls-policies/20261124-abcdef (from main @ 01234567)
        waiting on manual step 3 (Review): tick its boxes in .scenario/tasks/20261124-abcdef.md or run \`scenario tick 20261124-abcdef 3\`, then \`scenario resume 20261124-abcdef\`"
    `);
  });
});
