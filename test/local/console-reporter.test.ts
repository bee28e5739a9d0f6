import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it, vi } from "vitest";
import type { RunRecord, StepRecord } from "../../src/engine/ports.ts";
import type { RunDriving } from "../../src/engine/run/claim.ts";
import type { RunHint } from "../../src/errors/index.ts";
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
    reporter.stepStarted({ run, step: { ...(steps[1] as StepRecord), status: "running" }, total: 3, of: 2 });
    reporter.stepFinished({ run, step: steps[1] as StepRecord, total: 3, of: 2 });
    reporter.stepFinished({ run, step: steps[0] as StepRecord, total: 3, of: 1 });
    reporter.log("a note");
    const text = out.join("");
    expect(text).not.toContain("\r");
    expect(text.replace(/ \d+\.\ds/, " <t>")).toMatchInlineSnapshot(`
      "Run 20261124-abcdef: add-rls-policies on scenario/add-rls-policies/20261124-abcdef (3 steps)
      [1/2] Policy ...
      [1/2] Policy ok <t> fedcba98
      [create-database-table 1/1] Table skipped: create-database-table: its post-validation already holds
        a note
      "
    `);
  });

  it("redraws one line with the elapsed time on a terminal, then ends it", async () => {
    const out: string[] = [];
    const reporter = new ConsoleReporter({ write: (t) => out.push(t), isTTY: true, tickMs: 10 });
    reporter.stepStarted({ run, step: { ...(steps[1] as StepRecord), status: "running" }, total: 3, of: 2 });
    // Redrawn every tick: three of them, however late a loaded machine fires its timers.
    const draws = () =>
      out.filter((t) => t.startsWith("\r\x1b[2K[1/2] Policy ") && /Policy \d+\.\ds$/.test(t));
    await vi.waitFor(() => expect(draws().length).toBeGreaterThan(2), { timeout: 5_000, interval: 10 });
    reporter.stepFinished({ run, step: steps[1] as StepRecord, total: 3, of: 2 });
    const last = out.at(-1) ?? "";
    expect(last.startsWith("\r\x1b[2K")).toBe(true);
    // On a terminal the mark is coloured (green).
    const green = "\x1b[32mok\x1b[39m";
    expect(last.slice(5).replace(green, "<green ok>")).toMatch(
      /^\[1\/2\] Policy <green ok> \d+\.\ds fedcba98\n$/,
    );
    const count = out.length;
    await sleep(40);
    expect(out.length).toBe(count);
  });

  it("sums a run up: steps, durations, commits, branch, and what waits on people", () => {
    expect(formatSummary({ ...run, status: "waiting" }, steps)).toMatchInlineSnapshot(`
      "Run 20261124-abcdef waiting: add-rls-policies (target users)
        create-database-table 1. Table: skipped - create-database-table: its post-validation already holds
        1. Policy: succeeded 2.0s commit fedcba98
        2. Review: waiting
        branch: scenario/add-rls-policies/20261124-abcdef (from main @ 01234567)
        waiting on manual step 2 (Review): tick its boxes in .scenario/tasks/20261124-abcdef.md or run \`scenario tick 20261124-abcdef 2\`, then \`scenario resume 20261124-abcdef\`"
    `);
  });

  it("says what ends a queued run whose process was killed (it holds no claim: only the person can tell)", () => {
    expect(formatSummary({ ...run, status: "queued" }, [])).toContain(
      "  not started; if its process was killed: `scenario cancel 20261124-abcdef`",
    );
    expect(formatSummary({ ...run, status: "running" }, steps)).toContain(
      "  under way; if its process was killed: `scenario resume 20261124-abcdef`",
    );
  });

  it("says a queued run a comment started waits for the workflow's job, not for a process here", () => {
    const queued = { ...run, status: "queued" as const, issueNumber: 12, triggeredBy: "octocat" };
    expect(formatSummary(queued, []).split("\n").at(-1)).toBe(
      "  dispatched to the scenario workflow from #12 by @octocat; if its job never started: `scenario cancel 20261124-abcdef`",
    );
  });

  it("says whether a running run's process is there, from its claim, and offers resume only when it is not", () => {
    const running = { ...run, status: "running" as const };
    const line = (driving: RunDriving) => formatSummary(running, steps, { driving }).split("\n").at(-1);
    const resume = "`scenario resume 20261124-abcdef`";
    expect(line({ by: "here", pid: 4242, alive: false })).toBe(
      `  its process (pid 4242 on this machine) is gone: ${resume}`,
    );
    expect(line({ by: "here", pid: 4242, alive: true })).toBe("  under way in process 4242 on this machine");
    expect(line({ by: "nobody" })).toBe(
      `  no process is driving it (its process ended without finishing it): ${resume}`,
    );
    expect(line({ by: "elsewhere", holder: "runner-7:88", idleMs: 12_400, stale: false })).toBe(
      "  under way in process runner-7:88, last seen 12 s ago",
    );
    expect(line({ by: "elsewhere", holder: "runner-7:88", idleMs: 7 * 60_000, stale: true })).toBe(
      `  its process (runner-7:88) has not been seen for 7 min: ${resume}`,
    );
  });

  it("offers no tick or resume for a run that is no longer waiting", () => {
    const summary = formatSummary({ ...run, status: "rolled_back", error: "rolled back on request" }, steps);
    expect(summary).not.toContain("tick");
    expect(summary).not.toContain("resume");
  });

  it("shows the lines that explain a failed step, and where its whole output is", () => {
    const out: string[] = [];
    const hint = (h: RunHint) => `scenario ${h.do === "run" ? h.action : h.do} ... --scenarios x`;
    const reporter = new ConsoleReporter({ write: (t) => out.push(t), isTTY: false, hint });
    const tail = [
      "building",
      "file:///w/build.mjs:1",
      'throw new Error("config missing: config.json")',
      "^",
      "",
      "Error: config missing: config.json",
      "    at file:///w/build.mjs:1:7",
      "    at ModuleJob.run (node:internal/modules/esm/module_job:271:25)",
      "    at async onImport.tracePromise.__proto__ (node:internal/modules/esm/loader:547:26)",
      "",
      "Node.js v24.21.0",
      "",
    ].join("\n");
    const { commitSha: _sha, ...policy } = steps[1] as StepRecord;
    const failed: StepRecord = {
      ...policy,
      status: "failed",
      error: "t.md:3: the shell block exited with status 1: Error: config missing: config.json",
      outputTail: tail,
    };
    reporter.stepFinished({ run, step: failed, total: 3, of: 2 });
    expect(out.join("")).toMatchInlineSnapshot(`
      "[1/2] Policy FAILED: t.md:3: the shell block exited with status 1: Error: config missing: config.json
          | throw new Error("config missing: config.json")
          | ^
          | Error: config missing: config.json
          |     at file:///w/build.mjs:1:7
          |     at ModuleJob.run (node:internal/modules/esm/module_job:271:25)
          full output: scenario logs ... --scenarios x
      "
    `);
  });
});
