// The embedded database's lock held by a process that was killed but never reaped (a zombie: what a
// container whose PID 1 does not reap leaves behind). It answers `kill -0` yet will never release the
// lock, so the next command must take the lock over instead of refusing forever.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lockFolder } from "../../src/store/pglite-lock.ts";

describe("a zombie holding the embedded database's lock", () => {
  it.runIf(process.platform === "linux")("is not a live holder: the lock is taken over", async () => {
    // `sh` starts `sleep 0` and becomes `sleep 5`, which never reaps it: the child stays a zombie.
    const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 5"], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    const zombie = await new Promise<number>((resolve) =>
      parent.stdout.once("data", (d) => resolve(Number(String(d).trim()))),
    );
    const dir = mkdtempSync(path.join(tmpdir(), "hostile-zombie-"));
    try {
      // Wait until `sleep 0` has exited (and so become a zombie).
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
