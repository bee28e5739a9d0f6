import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildPlan } from "../../../src/engine/plan/build-plan.ts";
import { claimKey } from "../../../src/engine/run/claim.ts";
import { executeRun } from "../../../src/engine/run/execute.ts";
import { resumeRun } from "../../../src/engine/run/resume.ts";
import { GitWorkspace } from "../../../src/local/git-workspace.ts";
import { gitIn, localPorts, makeRepo, useEngineDb } from "../../support/engine-harness.ts";
import { catalog } from "./fixtures.ts";

const store = useEngineDb("resume");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
const NODE = path.resolve("node_modules/.bin/node");
const CHILD = path.resolve("test/engine/run/child-run.ts");

function repo(): string {
  // A docs/ folder, as dhg-mono has: the execution log goes in it.
  const r = makeRepo({ "README.md": "# demo\n", "db/.keep": "", "docs/README.md": "# docs\n" });
  cleanups.push(r.cleanup);
  return r.dir;
}

/** Runs slow-steps in a child process and SIGKILLs it (and the step's process group) mid step 2. */
async function killMidStep(dir: string, runId: string): Promise<void> {
  const pidfile = path.join(path.dirname(dir), `${path.basename(dir)}.pid`);
  cleanups.push(() => rmSync(pidfile, { force: true }));
  const child = spawn(NODE, [CHILD, store.url, dir, runId, "slow-steps", "name=alpha"], {
    env: { ...process.env, SLOW_STEP: "1", PIDFILE: pidfile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (c) => {
    stderr += c;
  });
  for (let i = 0; i < 300 && !(existsSync(pidfile) && readFileSync(pidfile, "utf8").trim()); i++)
    await sleep(50);
  const stepGroup = Number(readFileSync(pidfile, "utf8").trim());
  expect(stepGroup, stderr).toBeGreaterThan(0);
  child.kill("SIGKILL");
  process.kill(-stepGroup, "SIGKILL");
  await new Promise((resolve) => child.on("close", resolve));
}

async function unbrokenTree(): Promise<{ tree: string; commits: string }> {
  const dir = repo();
  const runId = "20261124-unbrkn";
  const plan = buildPlan({
    catalog,
    scenarioId: "slow-steps",
    rawParams: { name: "alpha" },
    runId,
    now: new Date(),
  });
  const run = await executeRun(plan, await localPorts(store.db, dir, runId), {
    repository: dir,
    baseBranch: "main",
  });
  expect(run.status).toBe("succeeded");
  return endState(dir, runId);
}

/** add-rls-policies on `users`, run up to its manual review step: the run waits. */
async function waitingAtReview(dir: string, runId: string) {
  const plan = buildPlan({
    catalog,
    scenarioId: "add-rls-policies",
    rawParams: { table: "users" },
    runId,
    now: new Date(),
  });
  const ports = await localPorts(store.db, dir, runId);
  expect((await executeRun(plan, ports, { repository: dir, baseBranch: "main" })).status).toBe("waiting");
  return ports;
}

/** The tree of the last step's checkpoint (the log commit has a date in it) and the number of commits. */
function endState(dir: string, runId: string): { tree: string; commits: string } {
  const branch = `scenario/slow-steps/${runId}`;
  return {
    tree: gitIn(dir, "rev-parse", `${branch}~1^{tree}`),
    commits: gitIn(dir, "rev-list", "--count", `main..${branch}`),
  };
}

describe("resume", () => {
  it("refuses while another live process drives the run, and takes over the claim of a dead one", async () => {
    const dir = repo();
    const runId = "20261124-claims";
    const ports = await waitingAtReview(dir, runId);
    const live = `${runId}@${hostname()}:1`;
    expect(await ports.store.acquireLock(claimKey(runId), live)).toEqual({ acquired: true });
    // "last seen 0 s ago", or 1 s on a loaded machine.
    await expect(resumeRun(runId, await localPorts(store.db, dir, runId), { catalog })).rejects.toThrow(
      new RegExp(
        `^run ${runId} is busy: another process \\(${hostname()}:1, last seen [01] s ago\\) is driving it right now`,
      ),
    );
    await ports.store.releaseLock(claimKey(runId), live);
    const dead = spawnSync("true").pid;
    expect(await ports.store.acquireLock(claimKey(runId), `${runId}@${hostname()}:${dead}`)).toEqual({
      acquired: true,
    });
    expect((await resumeRun(runId, await localPorts(store.db, dir, runId), { catalog })).status).toBe(
      "waiting",
    );
    // Paused again: the claim is released, so anyone may resume next.
    expect(await ports.store.acquireLock(claimKey(runId), live)).toEqual({ acquired: true });
  });

  it("takes over a claim from another host once it has not been renewed for the stale limit", async () => {
    const dir = repo();
    const runId = "20261124-lostrn";
    const ports = await waitingAtReview(dir, runId);
    // A runner on another machine took the run and was lost: nothing there can renew its claim.
    const lost = `${runId}@runner-7f3a:4242`;
    expect(await ports.store.acquireLock(claimKey(runId), lost)).toEqual({ acquired: true });
    await expect(resumeRun(runId, await localPorts(store.db, dir, runId), { catalog })).rejects.toThrow(
      /is busy: another process \(runner-7f3a:4242, last seen \d+ s ago\) is driving it right now.*a claim not renewed for 5 minutes is taken over/,
    );
    await store.db.query(
      "UPDATE scenario_locks SET acquired_at = acquired_at - interval '6 minutes' WHERE lock_key = $1",
      [claimKey(runId)],
    );
    expect((await resumeRun(runId, await localPorts(store.db, dir, runId), { catalog })).status).toBe(
      "waiting",
    );
    expect(await ports.store.renewLock(claimKey(runId), lost)).toBe(false);
  });

  it("renews its claim while it drives a run, and stops once it lets go", async () => {
    const dir = repo();
    const runId = "20261124-beat01";
    const plan = buildPlan({
      catalog,
      scenarioId: "slow-steps",
      rawParams: { name: "beat" },
      runId,
      now: new Date(),
    });
    const ports = await localPorts(store.db, dir, runId);
    const renewals: string[] = [];
    const renewLock = ports.store.renewLock.bind(ports.store);
    ports.store.renewLock = async (key, holder) => {
      renewals.push(key);
      return renewLock(key, holder);
    };
    const env = { ...process.env, SLOW_STEP: "1", PIDFILE: path.join(path.dirname(dir), "beat.pid") };
    cleanups.push(() => rmSync(env.PIDFILE, { force: true }));
    const running = executeRun(plan, ports, {
      repository: dir,
      baseBranch: "main",
      env,
      claim: { heartbeatMs: 25 },
    });
    // The slow step sleeps until it is killed; the claim is renewed meanwhile.
    while (!existsSync(env.PIDFILE)) await sleep(20);
    // Three beats (75 ms when idle); a loaded machine's database round trips may take longer.
    await vi.waitFor(() => expect(renewals.length).toBeGreaterThanOrEqual(3), { timeout: 15_000 });
    expect(new Set(renewals)).toEqual(new Set([claimKey(runId)]));
    process.kill(-Number(readFileSync(env.PIDFILE, "utf8")), "SIGKILL"); // the step's process group
    expect((await running).status).toBe("rolled_back");
    const after = renewals.length;
    await sleep(150);
    expect(renewals.length).toBe(after);
  });

  it("after a SIGKILL mid-step reaches the same end state as an unbroken run, with no duplicate commit", async () => {
    const expected = await unbrokenTree();
    const dir = repo();
    const runId = "20261124-killed";
    await killMidStep(dir, runId);
    const ports = await localPorts(store.db, dir, runId);
    expect((await ports.store.getRun(runId))?.status).toBe("running");
    expect(readFileSync(path.join(ports.workspace.root, "out/alpha-2.txt"), "utf8")).toBe("partial\n");

    const run = await resumeRun(runId, ports, { catalog });
    expect(run.status).toBe("succeeded");
    expect(endState(dir, runId)).toEqual(expected);
    expect(expected.commits).toBe("4");
    const steps = await ports.store.listSteps(runId);
    expect(steps.map((s) => s.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(gitIn(dir, "show", `scenario/slow-steps/${runId}:out/alpha-2.txt`)).toBe("partial\ncomplete");
  });

  it("resumes from the branch trailers alone when the store lost the run", async () => {
    const expected = await unbrokenTree();
    const dir = repo();
    const runId = "20261124-nostor";
    await killMidStep(dir, runId);
    await store.db.exec(
      "TRUNCATE scenario_runs, scenario_step_runs, scenario_manual_tasks, scenario_locks CASCADE",
    );

    const ports = await localPorts(store.db, dir, runId);
    const branch = await ports.workspace.findRunBranch(runId);
    expect(branch).toBe(`scenario/slow-steps/${runId}`);
    const run = await resumeRun(runId, ports, { catalog, ...(branch ? { branch } : {}), repository: dir });
    expect(run.status).toBe("succeeded");
    expect(run.baseSha).toBe(gitIn(dir, "rev-parse", "main"));
    expect(endState(dir, runId)).toEqual(expected);
    expect(ports.output.join("")).toContain("was not in the store: recovered from the trailers");
    expect((await ports.store.listSteps(runId)).map((s) => s.status)).toEqual([
      "succeeded",
      "succeeded",
      "succeeded",
    ]);
  });

  it("does not commit a step twice when killed after its commit but before its row", async () => {
    const dir = repo();
    const runId = "20261124-norows";
    const ports = await waitingAtReview(dir, runId);
    // Forget the rows of the steps after the first, as if the process had died right after each commit.
    const steps = await ports.store.listSteps(runId);
    for (const step of steps.slice(1, 3)) {
      const { commitSha: _sha, ...rest } = step;
      await ports.store.saveStep({ ...rest, status: "running" });
    }
    const branch = `scenario/add-rls-policies/${runId}`;
    const before = gitIn(dir, "rev-list", "--count", `main..${branch}`);
    // A crash inside `git commit` also leaves index.lock behind.
    const gitDir = gitIn(ports.workspace.root, "rev-parse", "--absolute-git-dir");
    mkdirSync(gitDir, { recursive: true });
    writeFileSync(path.join(gitDir, "index.lock"), "");

    const again = await resumeRun(runId, await localPorts(store.db, dir, runId), { catalog });
    expect(again.status).toBe("waiting");
    expect(gitIn(dir, "rev-list", "--count", `main..${branch}`)).toBe(before);
    const healed = await ports.store.listSteps(runId);
    expect(healed.slice(0, 3).map((s) => [s.status, s.commitSha])).toEqual(
      steps.slice(0, 3).map((s) => ["succeeded", s.commitSha]),
    );
  });

  it("does not run a step that changed nothing again once a later commit's trailer records it", async () => {
    const dir = repo();
    const runId = "20261124-unchgd";
    const counter = path.join(path.dirname(dir), `${path.basename(dir)}.count`);
    cleanups.push(() => rmSync(counter, { force: true }));
    const env = { ...process.env, COUNTER: counter };
    const plan = buildPlan({
      catalog,
      scenarioId: "two-writes",
      rawParams: { name: "x" },
      runId,
      now: new Date(),
    });
    const ports = await localPorts(store.db, dir, runId);
    expect(
      (await executeRun(plan, ports, { repository: dir, baseBranch: "main", env, envAllow: ["COUNTER"] }))
        .status,
    ).toBe("succeeded");
    expect(readFileSync(counter, "utf8")).toBe("checked\n");
    const branch = `scenario/two-writes/${runId}`;
    const commits = gitIn(dir, "rev-list", "--count", `main..${branch}`);
    // As if killed right after the commit of "Write b", and the rows of the steps before it were lost.
    await ports.store.updateRun(runId, { status: "running" });
    for (const step of (await ports.store.listSteps(runId)).slice(1)) {
      const { commitSha: _sha, finishedAt: _at, ...rest } = step;
      await ports.store.saveStep({ ...rest, status: "running" });
    }
    const again = await resumeRun(runId, await localPorts(store.db, dir, runId), {
      catalog,
      env,
      envAllow: ["COUNTER"],
    });
    expect(again.status).toBe("succeeded");
    expect(readFileSync(counter, "utf8")).toBe("checked\n");
    expect(gitIn(dir, "rev-list", "--count", `main..${branch}`)).toBe(commits);
    expect((await ports.store.listSteps(runId)).map((s) => s.status)).toEqual([
      "succeeded",
      "succeeded",
      "succeeded",
      "succeeded",
    ]);
  });

  it("never passes a manual step on a trailer pushed to the branch: only its checklist or the store does", async () => {
    const dir = repo();
    const runId = "20261124-forged";
    const ports = await waitingAtReview(dir, runId);
    const manual = (await ports.store.listSteps(runId)).find((s) => s.kind === "manual");
    expect(manual?.status).toBe("waiting");
    // Anyone who can push to the run branch can write these trailers.
    gitIn(
      ports.workspace.root,
      "commit",
      "-q",
      "--allow-empty",
      "-m",
      `add-rls-policies: Review\n\nScenario-Run: ${runId}\nScenario-Step: ${manual?.index}\nScenario-Id: add-rls-policies`,
    );
    const resumed = await resumeRun(runId, await localPorts(store.db, dir, runId), { catalog });
    expect(resumed.status).toBe("waiting");
    const after = await ports.store.listSteps(runId);
    expect(after.find((s) => s.index === manual?.index)?.status).toBe("waiting");
    expect(after.filter((s) => s.index > (manual?.index ?? 0))).toEqual([]);
  });

  it("refuses to resume a finished run and names what to do", async () => {
    const dir = repo();
    const runId = "20261124-finish";
    const plan = buildPlan({
      catalog,
      scenarioId: "add-index",
      rawParams: { table: "users" },
      runId,
      now: new Date(),
    });
    await executeRun(plan, await localPorts(store.db, dir, runId), { repository: dir, baseBranch: "main" });
    await expect(
      resumeRun(runId, await localPorts(store.db, dir, runId), { catalog }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[RunControlError: run 20261124-finish is succeeded: there is nothing left to resume]`,
    );
    await expect(
      resumeRun("20261124-nosuch", await localPorts(store.db, dir, "20261124-nosuch"), { catalog }),
    ).rejects.toThrowErrorMatchingInlineSnapshot(
      `[RunNotFoundError: run 20261124-nosuch was not found in the store, and no run branch was given to recover it from]`,
    );
  });
});

// GitWorkspace is exercised through the runs above; its trailer parsing is checked on its own here.
describe("GitWorkspace.checkpoints", () => {
  it("reads run and step trailers, oldest first, ignoring other commits", async () => {
    const dir = repo();
    const ws = await GitWorkspace.open({ repo: dir, runId: "r1" });
    await ws.startBranch("scenario/x/r1", "main");
    const a = await ws.commit("one", {
      "Scenario-Run": "r1",
      "Scenario-Step": "0",
      "Scenario-Params": '{"a":"b c"}',
    });
    writeFileSync(path.join(ws.root, "f.txt"), "x");
    gitIn(ws.root, "add", "-A");
    gitIn(ws.root, "commit", "-q", "-m", "a person's commit");
    const b = await ws.commit("two", { "Scenario-Run": "r1", "Scenario-Step": "1" });
    expect(await ws.checkpoints("scenario/x/r1")).toEqual([
      {
        sha: a,
        runId: "r1",
        step: 0,
        trailers: { "Scenario-Run": "r1", "Scenario-Step": "0", "Scenario-Params": '{"a":"b c"}' },
      },
      { sha: b, runId: "r1", step: 1, trailers: { "Scenario-Run": "r1", "Scenario-Step": "1" } },
    ]);
    expect(await ws.checkpoints("no/such/branch")).toEqual([]);
    await ws.dispose();
    expect(gitIn(dir, "status", "--porcelain")).toBe("");
  });
});
