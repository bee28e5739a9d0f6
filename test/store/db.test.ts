import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../src/store/db.ts";
import { DbConnectError, DbLockedError, DbUrlError } from "../../src/store/errors.ts";
import { lazyDb } from "../../src/store/lazy-db.ts";
import { migrate, readMigrations } from "../../src/store/migrations.ts";
import { lockFolder } from "../../src/store/pglite-lock.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { createServerDatabase, dropServerDatabase } from "../support/test-db.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-db-"));
  dirs.push(d);
  return d;
}

describe("lazyDb", () => {
  it("opens nothing until asked, then once, and closes what it opened", async () => {
    const opened: string[] = [];
    let closed = 0;
    const fake = { close: async () => void closed++ } as unknown as Db;
    const lazy = lazyDb({ repoRoot: "/nowhere" }, async (o) => {
      opened.push(o.repoRoot);
      return fake;
    });
    await lazy.close();
    expect(lazy.opened).toBe(false);
    expect(opened).toEqual([]);
    const [a, b] = await Promise.all([lazy.get(), lazy.get()]);
    expect(a).toBe(b);
    expect(opened).toEqual(["/nowhere"]);
    await lazy.close();
    expect(closed).toBe(1);
  });
});

describe("embedded folder lock", () => {
  it("keeps a second opener out while held, even in the same process, and lets go on release", () => {
    const dataDir = path.join(tempDir(), "db");
    const lock = lockFolder(dataDir);
    expect(() => lockFolder(dataDir)).toThrow(DbLockedError);
    expect(() => lockFolder(dataDir)).toThrow(`is in use by process ${process.pid}`);
    lock.release();
    lockFolder(dataDir).release();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("holds the folder for as long as the database is open", async () => {
    const repoRoot = tempDir();
    const db = await openDb({ repoRoot });
    try {
      await expect(openDb({ repoRoot })).rejects.toThrow(DbLockedError);
      expect((await db.query<{ n: number }>("SELECT 1 AS n")).rows).toEqual([{ n: 1 }]);
    } finally {
      await db.close();
    }
    const again = await openDb({ repoRoot });
    await again.close();
  });
});

describe("embedded database across processes", () => {
  it("keeps a second process out while the first has it open, and takes over once that process is killed", async () => {
    const repoRoot = tempDir();
    const script = path.join(repoRoot, "hold.ts");
    const dbModule = new URL("../../src/store/db.ts", import.meta.url).href;
    fs.writeFileSync(
      script,
      `import { openDb } from ${JSON.stringify(dbModule)};\nawait openDb({ repoRoot: ${JSON.stringify(repoRoot)} });\nconsole.log("open");\nsetTimeout(() => {}, 60_000);\n`,
    );
    const node = fileURLToPath(new URL("../../node_modules/.bin/node", import.meta.url));
    const holder = spawn(node, [script], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("open") && resolve());
        holder.on("exit", (code) => reject(new Error(`holder exited early (${code})`)));
      });
      const error = await openDb({ repoRoot }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DbLockedError);
      expect((error as DbLockedError).holderPid).toBe(holder.pid);
    } finally {
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("exit", resolve));
    }
    // Killed without cleaning up: its lock file is stale and taken over.
    expect(fs.existsSync(path.join(repoRoot, ".scenario", "db.lock"))).toBe(true);
    const db = await openDb({ repoRoot });
    await db.close();
  });
});

describe("PostgreSQL connection", () => {
  it("fails on open with DbConnectError, password hidden", async () => {
    const error = await openPostgres("postgres://me:hunter2@127.0.0.1:1/x").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbConnectError);
    expect((error as Error).message).toMatch(
      /^cannot connect to the database at postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/x: /,
    );
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("says what to do for a malformed URL and for a database that does not exist", async () => {
    await expect(openPostgres("foo")).rejects.toThrow(DbUrlError);
    const missing = (await openPostgres("postgres://postgres@127.0.0.1:5432/scenario_no_such_db").catch(
      (e: unknown) => e,
    )) as DbConnectError;
    expect(missing.message).toBe(
      'cannot connect to the database at postgres://postgres@127.0.0.1:5432/scenario_no_such_db: database "scenario_no_such_db" does not exist',
    );
    // What to do is data, worded by each front door.
    expect(missing.hints[0]).toEqual({
      do: "say",
      text: "Create the database (createdb) or fix its name in the connection string.",
    });
  });

  it("rolls a failed transaction back and keeps nested savepoints apart", async () => {
    const name = `scenario_test_db_tx_${process.pid}`;
    const db = await openPostgres(await createServerDatabase(name));
    try {
      await db.exec("CREATE TABLE t (v int)");
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO t VALUES (1)");
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      await db.transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES (2)");
        await tx
          .transaction(async (inner) => {
            await inner.query("INSERT INTO t VALUES (3)");
            throw new Error("inner");
          })
          .catch(() => {});
      });
      expect((await db.query("SELECT v FROM t ORDER BY v")).rows).toEqual([{ v: 2 }]);
    } finally {
      await db.close();
      await dropServerDatabase(name);
    }
  });

  it("applies each migration once when several processes migrate at the same time", async () => {
    const name = `scenario_test_db_race_${process.pid}`;
    const url = await createServerDatabase(name);
    const dbs = await Promise.all([1, 2, 3].map(() => openPostgres(url)));
    try {
      const results = await Promise.all(dbs.map((db) => migrate(db)));
      const applied = results.flatMap((r) => r.applied).sort();
      expect(applied).toEqual(
        readMigrations()
          .map((m) => m.name)
          .sort(),
      );
    } finally {
      await Promise.all(dbs.map((db) => db.close()));
      await dropServerDatabase(name);
    }
  });

  it("closes without waiting for the server to hang up when detachOnClose, and the server lets the connection go", async () => {
    const name = `scenario_test_detach_${process.pid}`;
    const url = await createServerDatabase(name);
    const tagged = `${url}?application_name=detach_on_close`;
    const watcher = await openPostgres(url);
    const connections = async () =>
      Number(
        (
          await watcher.query<{ n: string }>(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'detach_on_close'",
          )
        ).rows[0]?.n,
      );
    try {
      const db = await openPostgres(tagged, { detachOnClose: true });
      await db.query("SELECT 1");
      expect(await connections()).toBe(1);
      await db.close();
      // The goodbye was sent: the server ends the backend without a timeout.
      for (let i = 0; i < 100 && (await connections()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await connections()).toBe(0);
    } finally {
      await watcher.close();
      await dropServerDatabase(name);
    }
  });
});
