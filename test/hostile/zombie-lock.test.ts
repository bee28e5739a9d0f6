// A lock held by a process that was killed but never reaped (a zombie: what a container whose PID 1
// does not reap leaves behind): it answers `kill -0` yet will never release anything, so the embedded
// database's lock and a run's claim must be taken over instead of refused forever.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { claimKey, claimRun } from "../../src/engine/run/claim.ts";
import { lockFolder } from "../../src/store/pglite-lock.ts";
import { SqlRunStore } from "../../src/store/run-store.ts";
import { useEngineDb } from "../support/engine-harness.ts";

const engineDb = useEngineDb("hostile_zombie");

describe("a zombie holding the embedded database's lock", () => {
  it.runIf(process.platform === "linux")("is not a live holder: the lock is taken over", async () => {
    // `sh` starts `sleep 0.3` and becomes `sleep 5`, which never reaps it: the child stays a zombie. (A
    // child that ended before the `exec` could be reaped by `sh` itself: it ends well after.)
    const parent = spawn("sh", ["-c", "sleep 0.3 & echo $!; exec sleep 5"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    const zombie = await new Promise<number>((resolve) =>
      parent.stdout.once("data", (d) => resolve(Number(String(d).trim()))),
    );
    const dir = mkdtempSync(path.join(tmpdir(), "hostile-zombie-"));
    try {
      // Wait until `sleep 0.3` has exited (and so become a zombie).
      for (let i = 0; i < 100 && !/\) Z/.test(readFileSync(`/proc/${zombie}/stat`, "utf8")); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(() => process.kill(zombie, 0), "the zombie still answers kill -0").not.toThrow();
      const dataDir = path.join(dir, "db");
      writeFileSync(`${dataDir}.lock`, `${zombie}\n`);
      const lock = lockFolder(dataDir);
      expect(lock.file).toBe(`${dataDir}.lock`);
      lock.release();
    } finally {
      parent.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a zombie holding a run's claim", () => {
  it.runIf(process.platform === "linux")("is not driving the run: resume takes the claim over", async () => {
    const parent = spawn("sh", ["-c", "sleep 0.3 & echo $!; exec sleep 5"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    const zombie = await new Promise<number>((resolve) =>
      parent.stdout.once("data", (d) => resolve(Number(String(d).trim()))),
    );
    try {
      for (let i = 0; i < 100 && !/\) Z/.test(readFileSync(`/proc/${zombie}/stat`, "utf8")); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const store = new SqlRunStore({ db: engineDb.db });
      const run = "20261124-zombie";
      expect(await store.acquireLock(claimKey(run), `${run}@${hostname()}:${zombie}`)).toEqual({
        acquired: true,
      });
      await claimRun(store, run);
      // Taken over: this process now holds it, so a live holder's claim is refused.
      await expect(store.acquireLock(claimKey(run), `${run}@${hostname()}:1`)).resolves.toEqual({
        acquired: false,
        holder: `${run}@${hostname()}:${process.pid}`,
      });
    } finally {
      parent.kill("SIGKILL");
    }
  });
});
