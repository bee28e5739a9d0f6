// The RunStore contract: one suite, three backends (a PostgreSQL server, PGlite, and the in-memory
// store the tests that are not about the database use). What differs between them is only how a test
// makes a lock look old: the databases' rows are aged in SQL, the memory store's clock is moved on.
import { beforeEach, describe, expect, it } from "vitest";
import type { NewRun, RunStore } from "../../src/engine/ports.ts";
import { pruneDeliveries, recordDelivery } from "../../src/store/deliveries.ts";
import { MemoryRunStore } from "../../src/store/memory-run-store.ts";
import { SqlRunStore } from "../../src/store/run-store.ts";
import { BACKENDS, type BackendKind, useTestDb } from "../support/test-db.ts";

function newRun(id: string, overrides: Partial<NewRun> = {}): NewRun {
  return {
    id,
    scenarioId: "add-rls-policies",
    params: { table: "users", with_tests: true, port: 8080 },
    repository: "octo/monorepo",
    target: "users",
    branch: `scenario/add-rls-policies/${id}`,
    baseBranch: "main",
    ...overrides,
  };
}

interface StoreUnderTest {
  readonly store: RunStore;
  /** Make the holder of `key` look silent for `ms` more milliseconds. */
  ageLock(key: string, ms: number): Promise<void>;
}

function sqlStore(kind: BackendKind): StoreUnderTest {
  const t = useTestDb(kind, "run_store");
  let store: RunStore;
  beforeEach(() => {
    store = new SqlRunStore({ db: t.db });
  });
  return {
    get store() {
      return store;
    },
    async ageLock(key, ms) {
      await t.db.query(
        "UPDATE scenario_locks SET acquired_at = acquired_at - make_interval(secs => $2::float8 / 1000) WHERE lock_key = $1",
        [key, ms],
      );
    },
  };
}

function memoryStore(): StoreUnderTest {
  let store: RunStore;
  let offset = 0;
  beforeEach(() => {
    offset = 0;
    store = new MemoryRunStore({ now: () => new Date(Date.now() + offset) });
  });
  return {
    get store() {
      return store;
    },
    async ageLock(_key, ms) {
      offset += ms;
    },
  };
}

describe.each([...BACKENDS, "memory" as const])("RunStore contract on %s", (kind) => {
  const t = kind === "memory" ? memoryStore() : sqlStore(kind);

  it("creates, reads, updates and lists runs with their parameters' types intact", async () => {
    const store = t.store;
    const created = await store.createRun(newRun("r1", { issueNumber: 7, triggeredBy: "octocat" }));
    expect(created).toMatchObject({ id: "r1", status: "queued", issueNumber: 7, triggeredBy: "octocat" });
    expect(created.baseSha).toBeUndefined();
    expect(created.createdAt).toBeInstanceOf(Date);
    expect((await store.getRun("r1"))?.params).toEqual({ table: "users", with_tests: true, port: 8080 });
    expect(await store.getRun("nope")).toBeUndefined();

    const updated = await store.updateRun("r1", {
      status: "running",
      baseSha: "abc123",
      params: { table: "teams" },
    });
    expect(updated).toMatchObject({ status: "running", baseSha: "abc123", params: { table: "teams" } });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());
    const cleared = await store.updateRun("r1", { baseSha: undefined, error: "boom" });
    expect(cleared.baseSha).toBeUndefined();
    expect(cleared.error).toBe("boom");

    await store.createRun(newRun("r2", { repository: "octo/other", status: "succeeded" }));
    await store.createRun(newRun("r3", { status: "failed" }));
    expect((await store.listRuns({ repository: "octo/monorepo" })).map((r) => r.id).sort()).toEqual([
      "r1",
      "r3",
    ]);
    expect((await store.listRuns({ status: ["succeeded", "failed"] })).map((r) => r.id).sort()).toEqual([
      "r2",
      "r3",
    ]);
    expect(await store.listRuns({ limit: 1 })).toHaveLength(1);
    await expect(store.updateRun("missing", { status: "failed" })).rejects.toThrow(
      /run missing was not found in the store/,
    );
  });

  it("writes step rows in the order they are given and reads after them, when nobody waits between", async () => {
    const store = t.store;
    await store.createRun(newRun("r1"));
    const row = { runId: "r1", scenarioId: "add-rls-policies", kind: "automated" as const, number: 1 };
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      // A large first write and a small second one: on a pool they would race.
      writes.push(
        store.saveStep({
          ...row,
          index: i,
          name: "Write",
          status: "running",
          outputTail: "x".repeat(200_000),
        }),
      );
      writes.push(store.saveStep({ ...row, index: i, name: "Write", status: "succeeded" }));
    }
    const steps = await store.listSteps("r1");
    expect(steps.map((s) => s.status)).toEqual(Array(20).fill("succeeded"));
    await Promise.all(writes);
  });

  it("refuses a status the contract does not know", async () => {
    const store = t.store;
    await store.createRun(newRun("r1"));
    await expect(store.updateRun("r1", { status: "exploded" as never })).rejects.toThrow(/check constraint/);
  });

  it("saves steps keyed by run and index, replacing on save, with checkpoint sha and check run id", async () => {
    const store = t.store;
    await store.createRun(newRun("r1"));
    const base = { runId: "r1", scenarioId: "add-rls-policies", kind: "automated" as const };
    await store.saveStep({ ...base, index: 1, number: 2, name: "Apply", status: "pending" });
    await store.saveStep({
      ...base,
      index: 0,
      number: 1,
      name: "Write",
      status: "running",
      startedAt: new Date(),
    });
    await store.saveStep({
      ...base,
      index: 0,
      number: 1,
      name: "Write",
      status: "succeeded",
      commitSha: "0123456789abcdef0123456789abcdef01234567",
      checkRunId: 9_007_199_254,
      finishedAt: new Date("2026-01-01T00:00:00Z"),
      outputTail: "ok",
    });
    const steps = await store.listSteps("r1");
    expect(steps.map((s) => [s.index, s.status])).toEqual([
      [0, "succeeded"],
      [1, "pending"],
    ]);
    expect(steps[0]).toMatchObject({
      commitSha: "0123456789abcdef0123456789abcdef01234567",
      checkRunId: 9_007_199_254,
    });
    expect(steps[0]?.startedAt).toBeUndefined();
    expect(steps[0]?.finishedAt?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("gives a lock to one run at a time and lets only the holder release it", async () => {
    const store = t.store;
    await store.createRun(newRun("a", { status: "running" }));
    await store.createRun(newRun("b", { status: "running" }));
    const key = "octo/monorepo:add-rls-policies:users";
    expect(await store.acquireLock(key, "a")).toEqual({ acquired: true });
    expect(await store.acquireLock(key, "a")).toEqual({ acquired: true });
    expect(await store.acquireLock(key, "b")).toEqual({ acquired: false, holder: "a" });
    await store.releaseLock(key, "b");
    expect(await store.acquireLock(key, "b")).toEqual({ acquired: false, holder: "a" });
    await store.releaseLock(key, "a");
    expect(await store.acquireLock(key, "b")).toEqual({ acquired: true });
  });

  it("takes over a lock whose run has finished, never one whose run is still going", async () => {
    const store = t.store;
    await store.createRun(newRun("a", { status: "running" }));
    await store.createRun(newRun("b", { status: "queued" }));
    expect(await store.acquireLock("k", "a")).toEqual({ acquired: true });
    await store.updateRun("a", { status: "waiting" });
    expect(await store.acquireLock("k", "b")).toEqual({ acquired: false, holder: "a" });
    await store.updateRun("a", { status: "failed" });
    expect(await store.acquireLock("k", "b")).toEqual({ acquired: true });
  });

  it("hands a contested lock to exactly one of many concurrent runs", async () => {
    const store = t.store;
    const ids = Array.from({ length: 8 }, (_, i) => `c${i}`);
    for (const id of ids) await store.createRun(newRun(id, { status: "running" }));
    const results = await Promise.all(ids.map((id) => store.acquireLock("contested", id)));
    const winners = results.filter((r) => r.acquired);
    expect(winners).toHaveLength(1);
    const holder = ids[results.findIndex((r) => r.acquired)];
    for (const r of results) if (!r.acquired) expect(r.holder).toBe(holder);
  });

  it("renews a lock, and hands a lock over only once its holder has been silent long enough", async () => {
    const store = t.store;
    expect(await store.acquireLock("run:r", "r@host-a:1")).toEqual({ acquired: true });
    expect(await store.renewLock("run:r", "r@host-a:1")).toBe(true);
    expect(await store.renewLock("run:r", "r@host-b:2")).toBe(false);
    const fresh = await store.takeStaleLock("run:r", "r@host-b:2", 60_000);
    expect(fresh).toMatchObject({ taken: false, holder: "r@host-a:1" });
    expect(fresh.taken === false && fresh.idleMs).toBeLessThan(5_000);

    await t.ageLock("run:r", 10 * 60_000);
    const [first, second] = await Promise.all([
      store.takeStaleLock("run:r", "r@host-b:2", 60_000),
      store.takeStaleLock("run:r", "r@host-c:3", 60_000),
    ]);
    expect([first?.taken, second?.taken].filter(Boolean)).toHaveLength(1);
    expect(await store.renewLock("run:r", "r@host-a:1")).toBe(false);
    expect(await store.takeStaleLock("run:free", "r@host-b:2", 60_000)).toEqual({ taken: false });
  });

  it("says who holds a lock and how long since it renewed it, without taking it", async () => {
    const store = t.store;
    expect(await store.lockHolder("run:h")).toBeUndefined();
    await store.acquireLock("run:h", "h@host-a:1");
    const fresh = await store.lockHolder("run:h");
    expect(fresh?.holder).toBe("h@host-a:1");
    expect(fresh?.idleMs).toBeLessThan(5_000);
    await t.ageLock("run:h", 10 * 60_000);
    expect((await store.lockHolder("run:h"))?.idleMs).toBeGreaterThanOrEqual(10 * 60_000);
    // Read only: the holder still holds it, and a renewal brings it back to now.
    expect(await store.acquireLock("run:h", "h@host-b:2")).toEqual({ acquired: false, holder: "h@host-a:1" });
    expect(await store.renewLock("run:h", "h@host-a:1")).toBe(true);
    expect((await store.lockHolder("run:h"))?.idleMs).toBeLessThan(5_000);
    await store.releaseLock("run:h", "h@host-a:1");
    expect(await store.lockHolder("run:h")).toBeUndefined();
  });

  it("queues a run holding its lock in one step; a run that loses is recorded cancelled", async () => {
    const store = t.store;
    expect(await store.queueRun(newRun("q1"), "t")).toEqual({ acquired: true });
    expect(await store.getRun("q1")).toMatchObject({ status: "queued", params: newRun("q1").params });
    expect(await store.acquireLock("t", "other")).toEqual({ acquired: false, holder: "q1" });

    expect(await store.queueRun(newRun("q2"), "t")).toEqual({ acquired: false, holder: "q1" });
    expect(await store.getRun("q2")).toMatchObject({ status: "cancelled", error: "q1 holds t" });

    await store.updateRun("q1", { status: "succeeded" });
    expect(await store.queueRun(newRun("q3"), "t")).toEqual({ acquired: true });
    expect(await store.acquireLock("t", "q3")).toEqual({ acquired: true });
  });

  it("queues exactly one of many concurrent runs for the same lock", async () => {
    const store = t.store;
    const ids = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const results = await Promise.all(ids.map((id) => store.queueRun(newRun(id), "same-target")));
    const winner = ids[results.findIndex((r) => r.acquired)];
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
    for (const [i, r] of results.entries()) {
      if (r.acquired) continue;
      expect(r.holder).toBe(winner);
      expect((await store.getRun(ids[i] ?? ""))?.status).toBe("cancelled");
    }
  });

  it("keeps checklist ticks when the checklist is published again", async () => {
    const store = t.store;
    await store.createRun(newRun("r1"));
    const tasks = [0, 1].map((item) => ({
      runId: "r1",
      stepIndex: 2,
      item,
      text: `item ${item}`,
      done: false,
    }));
    await store.saveTasks(tasks);
    await store.tickTask("r1", 2, 1, "octocat");
    await store.saveTasks(tasks);
    expect(await store.listTasks("r1")).toEqual([
      { runId: "r1", stepIndex: 2, item: 0, text: "item 0", done: false, doneBy: undefined },
      { runId: "r1", stepIndex: 2, item: 1, text: "item 1", done: true, doneBy: "octocat" },
    ]);
    await expect(store.tickTask("r1", 2, 5, "octocat")).rejects.toThrow(/no checklist item 5 in step 2/);
  });

  it("lists the newest runs first, whatever their ids", async () => {
    const store = t.store;
    for (const id of ["b", "a", "c"]) {
      await store.createRun(newRun(id));
      // PGlite's clock counts milliseconds: two runs made within one tie, and ties go by id.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect((await store.listRuns()).map((r) => r.id)).toEqual(["c", "a", "b"]);
    expect((await store.listRuns({ limit: 2 })).map((r) => r.id)).toEqual(["c", "a"]);
    expect(await store.listRuns({ status: [] })).toEqual([]);
  });

  it("gives parameters back in the database's key order, as copies the caller may change", async () => {
    const store = t.store;
    const created = await store.createRun(newRun("r1"));
    expect(Object.keys(created.params)).toEqual(["port", "table", "with_tests"]);
    created.params.table = "changed";
    const read = await store.getRun("r1");
    expect(read?.params.table).toBe("users");
    expect(Object.keys(read?.params ?? {})).toEqual(["port", "table", "with_tests"]);
  });

  it("keeps the updatedAt a patch gives, and never changes id or createdAt", async () => {
    const store = t.store;
    const created = await store.createRun(newRun("r1"));
    const at = new Date("2030-01-01T00:00:00Z");
    const updated = await store.updateRun("r1", { updatedAt: at, id: "other", createdAt: at } as never);
    expect(updated.updatedAt.toISOString()).toBe(at.toISOString());
    expect(updated.id).toBe("r1");
    expect(updated.createdAt.toISOString()).toBe(created.createdAt.toISOString());
    expect(await store.getRun("other")).toBeUndefined();
  });

  it("refuses a second run with an id it has, and steps or checklist items of a run it does not have", async () => {
    const store = t.store;
    await store.createRun(newRun("r1"));
    await expect(store.createRun(newRun("r1"))).rejects.toThrow(/duplicate key/);
    await expect(store.queueRun(newRun("r1"), "k")).rejects.toThrow(/duplicate key/);
    const step = { runId: "ghost", scenarioId: "s", index: 0, number: 1, name: "n" };
    await expect(store.saveStep({ ...step, kind: "automated", status: "pending" })).rejects.toThrow(
      /foreign key/,
    );
    await expect(
      store.saveTasks([{ runId: "ghost", stepIndex: 0, item: 0, text: "t", done: false }]),
    ).rejects.toThrow(/foreign key/);
    await expect(store.tickTask("ghost", 0, 0, "octocat")).rejects.toThrow(/no checklist item 0 in step 0/);
    expect(await store.listSteps("ghost")).toEqual([]);
    expect(await store.listTasks("ghost")).toEqual([]);
  });

  it("never takes over a lock held under a name that is no run", async () => {
    const store = t.store;
    await store.createRun(newRun("b", { status: "running" }));
    expect(await store.acquireLock("k", "r@host-a:1")).toEqual({ acquired: true });
    expect(await store.acquireLock("k", "b")).toEqual({ acquired: false, holder: "r@host-a:1" });
    expect(await store.takeStaleLock("k", "b", 60_000)).toMatchObject({ taken: false, holder: "r@host-a:1" });
    await t.ageLock("k", 120_000);
    const idle = await store.takeStaleLock("k", "b", 180_000);
    expect(idle.taken === false && idle.idleMs).toBeGreaterThanOrEqual(120_000);
    expect(await store.takeStaleLock("k", "b", 60_000)).toEqual({ taken: true });
    expect(await store.acquireLock("k", "b")).toEqual({ acquired: true });
  });
});

describe.each(BACKENDS)("webhook deliveries on %s", (kind) => {
  const t = useTestDb(kind, "deliveries");

  it("records a webhook delivery once, even when the same delivery arrives concurrently", async () => {
    expect(await recordDelivery(t.db, "d-1", "issue_comment")).toBe(true);
    expect(await recordDelivery(t.db, "d-1", "issue_comment")).toBe(false);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => recordDelivery(t.db, "d-2", "issue_comment")),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("prunes deliveries older than a date, keeping the recent ones", async () => {
    await recordDelivery(t.db, "old", "issue_comment");
    await t.db.query(
      "UPDATE webhook_deliveries SET received_at = now() - interval '40 days' WHERE delivery_id = 'old'",
    );
    await recordDelivery(t.db, "new", "issue_comment");
    expect(await pruneDeliveries(t.db, new Date(Date.now() - 30 * 86_400_000))).toBe(1);
    expect(await recordDelivery(t.db, "new", "issue_comment")).toBe(false);
    expect(await recordDelivery(t.db, "old", "issue_comment")).toBe(true);
  });
});
