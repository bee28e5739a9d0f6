// The CLI under hostile input, through main() as a terminal would call it: every payload of the
// corpus reaches shell blocks, a file block and a SQL identifier of a real run and comes out as the
// same bytes, nothing executes, nothing is written outside the repository, and each refusal is a
// message (no stack trace).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { gitIn, makeRepo, useEngineDb } from "../support/engine-harness.ts";
import { BIG, canaries, shellPayloads } from "./support/corpus.ts";

const store = useEngineDb("hostile_cli");
const SCENARIOS = path.resolve("test/hostile/scenarios");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
afterAll(() => expect(canaries()).toEqual([]));

async function cli(dir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...argv, "--scenarios", SCENARIOS, "--repo", dir], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: dir,
    env: { ...process.env, DATABASE_URL: store.url, USER: "mallory" },
    isTTY: false,
  });
  return { code, out: out.join(""), err: err.join("") };
}

function repo(): string {
  const r = makeRepo();
  cleanups.push(r.cleanup);
  return r.dir;
}

const runIdOf = (text: string) => /^Run (\d{8}-[0-9a-z]{6}):/m.exec(text)?.[1] ?? "";

describe("CLI arguments from the injection corpus", () => {
  // One CLI process per payload: minutes on a loaded machine.
  it("reach every shell quoting, a file and a SQL identifier as the same bytes, and run nothing", {
    timeout: 300_000,
  }, async () => {
    const dir = repo();
    for (const [i, { label, value }] of shellPayloads().entries()) {
      const name = `p${i}`;
      const r = await cli(dir, "run", "echo-value", `name=${name}`, `value=${value}`);
      expect(r.err, label).toBe("");
      expect(r.code, label).toBe(0);
      const branch = `scenario/echo-value/${runIdOf(r.out)}`;
      // Kept: exactly what was given, in every quoting context (git show trims nothing but a final newline).
      const exact = (file: string) => execText(dir, `${branch}:out/${file}`);
      expect(exact("bare.txt"), label).toBe(value);
      expect(exact("double.txt"), label).toBe(value);
      expect(exact("single.txt"), label).toBe(value);
      expect(exact("heredoc.txt"), label).toBe(`${value}\n`);
      expect(exact(`${name}.txt`), label).toBe(`${value}\n`);
      // A SQL identifier is quoted with its own quotes doubled: it cannot end the statement.
      const sql = exact(`${name}.sql`);
      expect(sql, label).toBe(`select * from ${ident(value)};\n`);
      // Run on PostgreSQL, the statement names one (missing) relation and does nothing else.
      const error = await store.db.query(sql).then(
        () => undefined,
        (e: Error) => e.message,
      );
      expect(error, label).toBe(`relation "${value}" does not exist`);
      expect(await store.db.query("SELECT count(*) FROM scenario_runs"), label).toBeTruthy();
      expect(canaries(), label).toEqual([]);
    }
  });

  it("keeps a 64 KiB value whole through the shell and a file, and refuses it as a SQL identifier", async () => {
    const dir = repo();
    const r = await cli(dir, "run", "echo-text", "name=big", `value=${BIG}`);
    expect([r.code, r.err]).toEqual([0, ""]);
    const branch = `scenario/echo-text/${runIdOf(r.out)}`;
    expect(execText(dir, `${branch}:out/big.shell.txt`)).toBe(BIG);
    expect(execText(dir, `${branch}:out/big.txt`)).toBe(`${BIG}\n`);
    const ident = await cli(dir, "run", "echo-value", "name=big", `value=${BIG}`);
    expect([ident.code, ident.err]).toEqual([
      1,
      `error: filter "ident" cannot handle "${"A".repeat(80)}": PostgreSQL truncates identifiers to 63 bytes\n`,
    ]);
  });

  it("refuses a path that leaves the repository, before anything is written", async () => {
    const dir = repo();
    const before = readdirSync(path.dirname(dir));
    for (const name of ["../../escape", "a/../../../escape", "../../../../../../tmp/escape"]) {
      const r = await cli(dir, "run", "echo-value", `name=${name}`, "value=x");
      expect(r.code, name).toBe(1);
      expect(r.err, name).toBe(
        `error: scenarios/echo-value.md:31: the path "out/${name}.txt" leaves the workspace. Paths must stay inside the repository: check the parameters used in it.\n`,
      );
    }
    expect(readdirSync(path.dirname(dir))).toEqual(before);
    expect(existsSync(path.join(dir, "..", "escape.txt"))).toBe(false);
    expect(gitIn(dir, "branch", "--list", "scenario/*")).toBe("");
    expect(gitIn(dir, "status", "--porcelain")).toBe("");
  });

  it("keeps an absolute path inside the repository (it is joined below out/, never taken as is)", async () => {
    const dir = repo();
    const r = await cli(dir, "run", "echo-value", "name=/tmp/abs", "value=x");
    expect(r.code).toBe(0);
    expect(existsSync("/tmp/abs.txt")).toBe(false);
    expect(execText(dir, `scenario/echo-value/${runIdOf(r.out)}:out/tmp/abs.txt`)).toBe("x\n");
  });

  it("refuses a NUL byte in a value with a message, before anything is written", async () => {
    const dir = repo();
    for (const id of ["echo-text", "echo-value"]) {
      const r = await cli(dir, "run", id, "name=nul", "value=a\u0000b");
      expect([r.code, r.err]).toEqual([
        1,
        `error: ${id}: a parameter is not valid:\n  - "value" must not contain a NUL character (\\u0000): remove it. Example: value=hello (got "a\\u0000b")\n\`scenario show ${id} --repo ${dir} --scenarios ${SCENARIOS}\` lists its parameters and their rules.\n`,
      ]);
    }
    expect(gitIn(dir, "branch", "--list", "scenario/*")).toBe("");
  });

  it("refuses hostile scenario ids and parameter names with a message", async () => {
    const dir = repo();
    for (const argv of [
      ["run", "../../etc/passwd"],
      ["run", `echo-value;touch /tmp/x`],
      ["plan", "echo-value", "name=a", "value=b", "$(touch x)=1"],
      ["plan", "echo-value", "name=a", "value=b", "a\nb=1"],
      ["status", "'; DROP TABLE scenario_runs; --"],
      ["resume", "../../x"],
    ]) {
      const r = await cli(dir, ...argv);
      expect(r.code, argv.join(" ")).toBe(1);
      expect(r.err, argv.join(" ")).toMatch(/^error: /);
      expect(r.err, argv.join(" ")).not.toMatch(/\n\s+at /);
    }
    const runs = await store.db.query<{ n: string }>("SELECT count(*)::text AS n FROM scenario_runs");
    expect(runs.rows[0]?.n).toBe("0");
  });
});

function execText(dir: string, spec: string): string {
  return execFileSync("git", ["cat-file", "blob", spec], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 24 });
}

function ident(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

describe("writes through symlinks", () => {
  it("a file block below a link that leads outside the repository is refused at write time, and the run rolls back", async () => {
    const dir = repo();
    const outside = mkdtempSync(path.join(tmpdir(), "hostile-outside-"));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    const r = await cli(dir, "run", "write-link", "name=alpha", `dest=${outside}`);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'write-link.md:25: the path "links/alpha.txt" goes through a symlink that leaves the workspace. Paths must stay inside the repository: check the parameters used in it.',
    );
    expect(r.out).toMatch(/rolled_back: write-link \(target alpha\)/);
    expect(readdirSync(outside)).toEqual([]);
    // A link that stays inside is fine: links -> . puts the file at the root.
    const ok = await cli(dir, "run", "write-link", "name=beta", "dest=.");
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
    expect(execText(dir, `scenario/write-link/${runIdOf(ok.out)}:beta.txt`)).toBe("written\n");
  });
});
