import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { RunControlError } from "../../../src/engine/errors.ts";
import { buildPlan } from "../../../src/engine/plan/build-plan.ts";
import type { RunStatus } from "../../../src/engine/ports.ts";
import { cancelRun } from "../../../src/engine/run/cancel.ts";
import { allowedFrom, RUN_CONTROL_TABLE } from "../../../src/engine/run/control.ts";
import { executeRun } from "../../../src/engine/run/execute.ts";
import { resumeRun } from "../../../src/engine/run/resume.ts";
import { rollbackRun } from "../../../src/engine/run/rollback.ts";
import { gitIn, localPorts, makeRepo, useEngineDb } from "../../support/engine-harness.ts";
import { catalog } from "./fixtures.ts";

const store = useEngineDb("control");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
const NODE = path.resolve("node_modules/.bin/node");
const CHILD = path.resolve("test/engine/run/child-run.ts");

function repo(): string {
  const r = makeRepo();
  cleanups.push(r.cleanup);
  return r.dir;
}

async function start(
  dir: string,
  runId: string,
  scenarioId = "add-rls-policies",
  params = { table: "users" },
) {
  const plan = buildPlan({ catalog, scenarioId, rawParams: params, runId, now: new Date() });
  const ports = await localPorts(store.db, dir, runId);
  const run = await executeRun(plan, ports, { repository: dir, baseBranch: "main" });
  return { run, ports, plan };
}

describe("the run control table", () => {
  it("says, per run status, whether resume, rollback and cancel may start and what each does", () => {
    const verdicts = Object.fromEntries(
      Object.entries(RUN_CONTROL_TABLE).map(([control, byStatus]) => [
        control,
        Object.fromEntries(
          Object.entries(byStatus).map(([status, rule]) => [
            status,
            rule.allowed ? rule.effect : `refused${rule.instead ? `, ${rule.instead} instead` : ""}`,
          ]),
        ),
      ]),
    );
    expect(verdicts).toEqual({
      resume: {
        queued: "refused, cancel instead",
        running: "continue",
        waiting: "continue",
        failed: "refused, rollback instead",
        succeeded: "refused, start instead",
        rolled_back: "refused, start instead",
        cancelled: "refused, start instead",
      },
      rollback: {
        queued: "refused, cancel instead",
        running: "undo",
        waiting: "undo",
        failed: "undo",
        succeeded: "undo",
        rolled_back: "refused, start instead",
        cancelled: "refused, start instead",
      },
      cancel: {
        queued: "forget",
        running: "undo",
        waiting: "undo",
        failed: "refused, rollback instead",
        succeeded: "refused, rollback instead",
        rolled_back: "nothing",
        cancelled: "nothing",
      },
    });
    expect(allowedFrom("resume")).toEqual(["running", "waiting"]);
  });

  it("refuses to resume a failed run with one reason and a hint as data", async () => {
    const dir = repo();
    const runId = "20261124-failed";
    const { ports } = await start(dir, runId);
    await ports.store.updateRun(runId, { status: "failed", error: "its rollback was cut short" });
    const refusal = await resumeRun(runId, await localPorts(store.db, dir, runId), { catalog }).catch(
      (e) => e,
    );
    expect(refusal).toBeInstanceOf(RunControlError);
    expect(refusal.message).toBe(`run ${runId} is failed: its rollback did not finish, so it cannot go on`);
    expect(refusal.hints).toContainEqual({ do: "run", action: "rollback", runId });
    expect(refusal.message).not.toMatch(/scenario |--|\/scenario/);
    // Refused before anything was claimed or checked out: the rollback it points to goes ahead.
    expect((await rollbackRun(runId, await localPorts(store.db, dir, runId), { catalog })).status).toBe(
      "rolled_back",
    );
  });
});

describe("cancelRun", () => {
  it("records a queued run that never started as cancelled and frees its target, with nothing to undo", async () => {
    const dir = repo();
    const runId = "20261124-queued";
    const ports = await localPorts(store.db, dir, runId);
    const plan = buildPlan({
      catalog,
      scenarioId: "add-index",
      rawParams: { table: "users" },
      runId,
      now: new Date(),
    });
    await ports.store.queueRun(
      {
        id: runId,
        scenarioId: "add-index",
        params: plan.params,
        repository: dir,
        target: plan.target,
        branch: plan.branch,
        baseBranch: "main",
        status: "queued",
      },
      `${dir}#add-index#users`,
    );
    const run = await cancelRun(runId, ports, { catalog, reason: "cancelled by dana" });
    expect(run).toMatchObject({ status: "cancelled", error: "cancelled by dana" });
    expect(await ports.store.acquireLock(`${dir}#add-index#users`, "other")).toEqual({ acquired: true });
    expect(gitIn(dir, "branch", "--list", "scenario/*")).toBe("");
    expect(ports.output.join("")).toContain("had not started: recorded as cancelled");
  });

  it("rolls a waiting run back and records it cancelled; a second cancel does nothing", async () => {
    const dir = repo();
    const runId = "20261124-cancel";
    await start(dir, runId);
    const ports = await localPorts(store.db, dir, runId);
    const run = await cancelRun(runId, ports, { catalog });
    expect(run).toMatchObject({ status: "cancelled", error: "cancelled on request" });
    expect(gitIn(dir, "rev-parse", `scenario/add-rls-policies/${runId}`)).toBe(
      gitIn(dir, "rev-parse", "main"),
    );
    expect(ports.output.join("")).toContain("rollback add-rls-policies #1 Remove the policy migration: ok");
    const again = await cancelRun(runId, await localPorts(store.db, dir, runId), { catalog });
    expect(again.status).toBe("cancelled");
    expect(again.updatedAt).toEqual(run.updatedAt);
  });

  it("refuses a finished run, pointing to rollback", async () => {
    const dir = repo();
    const runId = "20261124-finish";
    await start(dir, runId, "add-index");
    const refusal = await cancelRun(runId, await localPorts(store.db, dir, runId), { catalog }).catch(
      (e) => e,
    );
    expect(refusal).toBeInstanceOf(RunControlError);
    expect(refusal.message).toBe(`run ${runId} is succeeded: it has finished; there is nothing to stop`);
    expect(refusal.hints).toContainEqual({ do: "run", action: "rollback", runId });
  });

  it("stops the live process driving a run through the front door's stopDriver; that process rolls it back", async () => {
    const dir = repo();
    const runId = "20261124-driven";
    const pidfile = path.join(path.dirname(dir), `${path.basename(dir)}.pid`);
    cleanups.push(() => rmSync(pidfile, { force: true }));
    const child = spawn(NODE, [CHILD, store.url, dir, runId, "slow-steps", "name=alpha"], {
      env: { ...process.env, SLOW_STEP: "1", PIDFILE: pidfile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
    });
    const exited = new Promise((resolve) => child.on("close", resolve));
    for (let i = 0; i < 600 && !(existsSync(pidfile) && readFileSync(pidfile, "utf8").trim()); i++)
      await sleep(50);
    const asked: number[] = [];
    const run = await cancelRun(runId, await localPorts(store.db, dir, runId), {
      catalog,
      stopDriver: async (driver) => {
        asked.push(driver.pid);
        process.kill(driver.pid, "SIGINT");
        return true;
      },
      driverWaitMs: 60_000,
    });
    await exited;
    expect(asked).toEqual([child.pid]);
    expect(run.status).toBe("cancelled");
    expect(out.trim()).toBe("cancelled");
    expect(gitIn(dir, "rev-parse", `scenario/slow-steps/${runId}`)).toBe(gitIn(dir, "rev-parse", "main"));
  }, 90_000);

  it("a run queued behind another stops queueing once cancelled", async () => {
    const dir = repo();
    const first = await start(dir, "20261124-holder");
    expect(first.run.status).toBe("waiting");
    const runId = "20261124-behind";
    const plan = buildPlan({
      catalog,
      scenarioId: "add-rls-policies",
      rawParams: { table: "users" },
      runId,
      now: new Date(),
    });
    const ports = await localPorts(store.db, dir, runId);
    const queued = executeRun(plan, ports, {
      repository: dir,
      baseBranch: "main",
      wait: true,
      waitPollMs: 50,
    }).catch((e) => e);
    let status: RunStatus | undefined;
    // At least 20 s: a loaded machine may take seconds to plan and reach the lock.
    for (let i = 0; i < 400 && status !== "queued"; i++) {
      await sleep(50);
      status = (await ports.store.getRun(runId))?.status;
    }
    expect(status).toBe("queued");
    const cancelled = await cancelRun(runId, await localPorts(store.db, dir, runId), { catalog });
    expect(cancelled.status).toBe("cancelled");
    expect(String(await queued)).toContain("cancelled while waiting for the lock");
    expect(await ports.store.getRun(runId)).toMatchObject({
      status: "cancelled",
      error: "cancelled on request",
    });
  });
});
