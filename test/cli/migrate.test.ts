import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "../../src/store/migrations.ts";
import { cli, tempRepo } from "../support/cli-in-process.ts";
import { createServerDatabase, dropServerDatabase } from "../support/test-db.ts";

const name = `scenario_test_cli_migrate_${process.pid}`;
let url: string;
const roots: string[] = [];
beforeAll(async () => {
  url = await createServerDatabase(name);
});
afterAll(async () => {
  await dropServerDatabase(name);
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});
function repo(): string {
  const root = tempRepo();
  roots.push(root);
  return root;
}

describe("scenario migrate / db status", () => {
  it("applies the migrations to DATABASE_URL, then reports them applied and nothing pending", async () => {
    const cwd = repo();
    const status0 = await cli(["db", "status"], { cwd, env: { DATABASE_URL: url } });
    expect(status0.out).toContain(`0 applied, ${readMigrations().length} pending`);
    expect(status0.out).toContain("run `scenario migrate` to apply the pending migrations");

    const first = await cli(["migrate", "--database-url", url], { cwd });
    expect(first).toMatchObject({ code: 0, err: "" });
    expect(first.out).toContain("applied 0001_scenario_registry.sql\n");
    const again = await cli(["migrate"], { cwd, env: { DATABASE_URL: url } });
    expect(again.out).toMatch(/is up to date \(\d+ migration\(s\) applied\)\n$/);
    const status = await cli(["db", "status"], { cwd, env: { DATABASE_URL: url } });
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/: \d+ applied, 0 pending\n/);
    expect(fs.existsSync(path.join(cwd, ".scenario"))).toBe(false);
  });

  it("says in one line what to do when the server cannot be reached", async () => {
    const run = await cli(["migrate"], {
      cwd: repo(),
      env: { DATABASE_URL: "postgres://postgres:secret@127.0.0.1:1/nowhere" },
    });
    expect(run.code).toBe(1);
    expect(run.err.trim().split("\n")).toHaveLength(1);
    expect(run.err).toMatch(
      /^error: cannot connect to the database at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/nowhere: .*ECONNREFUSED.*\. Start the server or fix the connection string\. Set DATABASE_URL or pass --database-url\./,
    );
    expect(run.err).not.toContain("secret");
  });

  it("explains a migration half-applied by hand, in one line, and changes nothing", async () => {
    const half = `${name}_half`;
    const halfUrl = await createServerDatabase(half);
    try {
      const cwd = repo();
      await cli(["migrate"], { cwd, env: { DATABASE_URL: halfUrl } });
      // Someone ran part of a later migration by hand and forgot its record.
      const pg = (await import("pg")).default;
      const client = new pg.Client({ connectionString: halfUrl });
      await client.connect();
      await client.query("DELETE FROM scenario_schema_migrations WHERE name = '0002_execution_tracking.sql'");
      await client.query("DROP TABLE scenario_locks");
      await client.end();
      const run = await cli(["migrate"], { cwd, env: { DATABASE_URL: halfUrl } });
      expect(run.code).toBe(1);
      expect(run.err.trim().split("\n")).toHaveLength(1);
      expect(run.err).toMatch(
        /^error: migration 0002_execution_tracking\.sql failed: relation "scenario_runs" already exists\. The database already holds objects this migration creates: it was partly applied outside the migration runner\. Drop those objects \(or restore the database\), then try again\./,
      );
    } finally {
      await dropServerDatabase(half);
    }
  });

  it("refuses to open an embedded database another live process holds, naming its pid", async () => {
    const cwd = repo();
    const holder = spawn("sleep", ["30"]);
    try {
      fs.mkdirSync(path.join(cwd, ".scenario"), { recursive: true });
      fs.writeFileSync(path.join(cwd, ".scenario", "db.lock"), `${holder.pid}\n`);
      const run = await cli(["db", "status"], { cwd: path.join(cwd, ".scenario") });
      expect(run.code).toBe(1);
      expect(run.err).toBe(
        `error: the embedded database ${path.join(cwd, ".scenario", "db")} is in use by process ${holder.pid}. Wait for it to finish or stop it (kill ${holder.pid}). Set DATABASE_URL or pass --database-url. If that process is not a scenario command, delete ${path.join(cwd, ".scenario", "db.lock")}.\n`,
      );
    } finally {
      holder.kill();
    }
  });

  it("opens the embedded database of the repository --repo names, from another folder", async () => {
    const target = repo();
    const holder = spawn("sleep", ["30"]);
    try {
      fs.mkdirSync(path.join(target, ".scenario"), { recursive: true });
      fs.writeFileSync(path.join(target, ".scenario", "db.lock"), `${holder.pid}\n`);
      const run = await cli(["migrate", "--repo", target], { cwd: repo() });
      expect(run.code).toBe(1);
      expect(run.err).toContain(`the embedded database ${path.join(target, ".scenario", "db")} is in use`);
    } finally {
      holder.kill();
    }
  });

  it("takes over the lock of a process that is gone, and releases its own", async () => {
    const cwd = repo();
    fs.mkdirSync(path.join(cwd, ".scenario"), { recursive: true });
    fs.writeFileSync(path.join(cwd, ".scenario", "db.lock"), "2147483646\n");
    const run = await cli(["migrate"], { cwd });
    expect(run).toMatchObject({ code: 0, err: "" });
    expect(run.out).toContain(
      `embedded database ${path.join(cwd, ".scenario", "db")}: ${readMigrations().length} migration(s) applied`,
    );
    expect(fs.existsSync(path.join(cwd, ".scenario", "db.lock"))).toBe(false);
    expect(fs.readFileSync(path.join(cwd, ".scenario", ".gitignore"), "utf8")).toBe("*\n");
  });
});
