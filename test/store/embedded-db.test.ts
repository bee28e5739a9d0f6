// The embedded database in a folder (README "Guarantees"): its errors carry PostgreSQL's message and
// SQL state, its transactions stay atomic, a write it acknowledged survives a killed process, and a
// folder it cannot open is refused with DbOpenError and left unlocked. Written for an experiment that
// moved PGlite to a worker thread (see src/store/pglite-db.ts); whatever thread it runs on keeps these.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { type Db, openDb } from "../../src/store/db.ts";
import { DbOpenError } from "../../src/store/errors.ts";
import { openPglite } from "../../src/store/pglite-db.ts";

const NODE = fileURLToPath(new URL("../../node_modules/.bin/node", import.meta.url));
const DB_MODULE = new URL("../../src/store/db.ts", import.meta.url).href;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "scenario-worker-"));
  dirs.push(d);
  return d;
}

async function withDb<T>(fn: (db: Db, repoRoot: string) => Promise<T>): Promise<T> {
  const repoRoot = tempDir();
  const db = await openDb({ repoRoot });
  try {
    return await fn(db, repoRoot);
  } finally {
    await db.close();
  }
}

/** Runs `body` (an ES module's text, with `openDb` imported) in a new node process. */
function child(repoRoot: string, body: string) {
  const script = path.join(repoRoot, `child-${Math.random().toString(36).slice(2)}.mjs`);
  fs.writeFileSync(script, `import { openDb } from ${JSON.stringify(DB_MODULE)};\n${body}\n`);
  return spawn(NODE, [script], { stdio: ["ignore", "pipe", "pipe"] });
}

describe("the embedded database in a folder", { timeout: 120_000 }, () => {
  it("answers with the same rows and counts as an in-memory one", async () => {
    const local = await openPglite({ dataDir: "memory://" });
    try {
      await withDb(async (db) => {
        for (const d of [db, local]) {
          await d.exec("CREATE TABLE t (id int PRIMARY KEY, doc jsonb, at timestamptz, bytes bytea)");
        }
        const at = new Date("2026-01-02T03:04:05.678Z");
        const params = [1, JSON.stringify({ a: [1, "x"] }), at, new Uint8Array([1, 2, 3])];
        const sql = "INSERT INTO t VALUES ($1, $2, $3, $4) RETURNING *";
        const [remote, here] = [await db.query(sql, params), await local.query(sql, params)];
        expect(remote).toEqual(here);
        expect(remote.rows[0]).toEqual({ id: 1, doc: { a: [1, "x"] }, at, bytes: new Uint8Array([1, 2, 3]) });
        expect((await db.query("UPDATE t SET id = 2")).rowCount).toBe(1);
      });
    } finally {
      await local.close();
    }
  });

  it("rejects a failing statement with PostgreSQL's message and SQL state", async () => {
    const local = await openPglite({ dataDir: "memory://" });
    try {
      await withDb(async (db) => {
        const sql = "SELECT * FROM no_such_table";
        const remote = (await db.query(sql).catch((e: unknown) => e)) as Error & { code?: string };
        const here = (await local.query(sql).catch((e: unknown) => e)) as Error & { code?: string };
        expect(remote).toBeInstanceOf(Error);
        expect(remote.message).toBe(here.message);
        expect(remote.message).toBe('relation "no_such_table" does not exist');
        expect(remote.name).toBe(here.name);
        expect(remote.code).toBe("42P01");
        // The database is still usable after an error.
        expect((await db.query<{ n: number }>("SELECT 1 AS n")).rows).toEqual([{ n: 1 }]);
        await expect(db.exec("SELEC 1")).rejects.toThrow('syntax error at or near "SELEC"');
      });
    } finally {
      await local.close();
    }
  });

  it("keeps transactions atomic: a throw rolls back, nested ones are savepoints, others wait", async () => {
    await withDb(async (db) => {
      await db.exec("CREATE TABLE t (n int)");
      const boom = new Error("boom");
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO t VALUES (1)");
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect((await db.query("SELECT * FROM t")).rows).toEqual([]);

      // A statement outside the transaction waits for its end, as with PGlite in this thread.
      const order: string[] = [];
      let outside: Promise<unknown> = Promise.resolve();
      const result = await db.transaction(async (tx) => {
        await tx.query("INSERT INTO t VALUES (2)");
        outside = db.query<{ n: string }>("SELECT count(*)::int AS n FROM t").then((r) => {
          order.push(`outside saw ${JSON.stringify(r.rows[0])}`);
        });
        await tx
          .transaction(async (inner) => {
            await inner.query("INSERT INTO t VALUES (3)");
            throw new Error("inner");
          })
          .catch(() => order.push("inner rolled back"));
        await tx.query("INSERT INTO t VALUES (4)");
        order.push("committing");
        return "done";
      });
      await outside;
      expect(result).toBe("done");
      expect(order).toEqual(["inner rolled back", "committing", 'outside saw {"n":2}']);
      expect((await db.query("SELECT n FROM t ORDER BY n")).rows).toEqual([{ n: 2 }, { n: 4 }]);

      // A statement that fails inside: the transaction's error is the statement's, nothing is kept.
      await expect(
        db.transaction(async (tx) => {
          await tx.query("INSERT INTO t VALUES (5)");
          await tx.query("INSERT INTO nowhere VALUES (1)");
        }),
      ).rejects.toThrow('relation "nowhere" does not exist');
      expect((await db.query("SELECT count(*)::int AS n FROM t")).rows).toEqual([{ n: 2 }]);
    });
  });

  it("refuses a folder PGlite cannot open with DbOpenError, and lets go of its lock", async () => {
    const repoRoot = tempDir();
    const dataDir = path.join(repoRoot, ".scenario", "db");
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, "PG_VERSION"), "not a database\n");
    const error = (await openDb({ repoRoot }).catch((e: unknown) => e)) as DbOpenError;
    expect(error).toBeInstanceOf(DbOpenError);
    expect(error.message).toMatch(/^cannot open the embedded database .*\/\.scenario\/db: /);
    expect(error.hints).toEqual([
      { do: "say", text: "If it is damaged, move the folder away and try again." },
    ]);
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("fails later calls after close instead of hanging", async () => {
    const repoRoot = tempDir();
    const db = await openDb({ repoRoot });
    await db.close();
    await db.close();
    await expect(db.query("SELECT 1")).rejects.toThrow("PGlite is closed");
    expect(fs.existsSync(path.join(repoRoot, ".scenario", "db.lock"))).toBe(false);
  });

  it("never keeps a process alive by itself, even left open after a crash", async () => {
    const repoRoot = tempDir();
    // Left open twice: the second process finds the first one's unfinished shutdown and recovers.
    const leaveOpen = async () => {
      const proc = child(
        repoRoot,
        `const db = await openDb({ repoRoot: ${JSON.stringify(repoRoot)} });
await db.query("SELECT 1");
process.stdout.write("queried\\n");`,
      );
      let out = "";
      proc.stdout.on("data", (d: Buffer) => {
        out += d;
      });
      const timer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
      const ended = await new Promise((resolve) => proc.once("close", (c, signal) => resolve(c ?? signal)));
      clearTimeout(timer);
      return { out, ended };
    };
    expect(await leaveOpen()).toEqual({ out: "queried\n", ended: 0 });
    expect(await leaveOpen()).toEqual({ out: "queried\n", ended: 0 });
  });

  it("keeps every write it acknowledged when the process is SIGKILLed mid-way", async () => {
    const repoRoot = tempDir();
    {
      const db = await openDb({ repoRoot });
      await db.exec("CREATE TABLE steps (n int PRIMARY KEY)");
      await db.close();
    }
    // Writes one row at a time, saying so after each was acknowledged, until killed.
    const proc = child(
      repoRoot,
      `const db = await openDb({ repoRoot: ${JSON.stringify(repoRoot)} });
for (let n = 1; ; n++) {
  await db.transaction(async (tx) => { await tx.query("INSERT INTO steps VALUES ($1)", [n]); });
  process.stdout.write(n + "\\n");
}`,
    );
    let acknowledged = 0;
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on("data", (d: Buffer) => {
        const last = d.toString().trim().split("\n").pop();
        acknowledged = Math.max(acknowledged, Number(last));
        if (acknowledged >= 20) {
          proc.kill("SIGKILL");
          resolve();
        }
      });
      proc.on("exit", (code) => reject(new Error(`writer exited early (${code})`)));
    });
    await new Promise((resolve) => proc.once("close", resolve));
    // Its lock is stale and taken over; every acknowledged row is there.
    const db = await openDb({ repoRoot });
    try {
      const { rows } = await db.query<{ n: number; max: number }>(
        "SELECT count(*)::int AS n, max(n)::int AS max FROM steps",
      );
      expect(rows[0]?.n).toBe(rows[0]?.max);
      expect(rows[0]?.n).toBeGreaterThanOrEqual(acknowledged);
    } finally {
      await db.close();
    }
  });
});
