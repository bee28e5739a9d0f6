// The Action gives steps SCENARIO_CLI: a wrapper that runs scenario-bot's CLI with the Action's Node,
// whatever the runner's PATH holds and wherever RUNNER_TEMP is; that CLI is the bundle beside the Action.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, expect, it } from "vitest";
import { scenarioCli } from "../../src/application/repository/scenario-cli.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it("runs the CLI's helpers from a RUNNER_TEMP whose path needs quoting, without node on PATH", async () => {
  const temp = mkdtempSync(join(tmpdir(), "runner temp 'q' $x-"));
  dirs.push(temp);
  const cli = await scenarioCli({ RUNNER_TEMP: temp });
  expect(cli.startsWith(temp)).toBe(true);
  writeFileSync(join(temp, "good.ts"), "export const a: number = 1;\n");
  writeFileSync(join(temp, "bad.ts"), "export const = ;\n");
  const env = { PATH: "/usr/bin:/bin" };
  const good = spawnSync(cli, ["check-syntax", "good.ts"], { cwd: temp, env, encoding: "utf8" });
  expect([good.status, good.stdout]).toEqual([0, "check-syntax: 1 file parse\n"]);
  const bad = spawnSync(cli, ["check-syntax", "bad.ts"], { cwd: temp, env, encoding: "utf8" });
  expect(bad.status).toBe(1);
  expect(bad.stdout).toMatch(/^bad\.ts:1:\d+ /);
});

it("reads a catalog with the CLI bundled beside the Action, with no sources near it, cold and from its cache", () => {
  const root = mkdtempSync(join(tmpdir(), "action-dist-"));
  dirs.push(root);
  // The Action's dist/ alone, as a checkout of the action holds it: nothing of src/ one or two folders up.
  cpSync(fileURLToPath(new URL("../../dist/", import.meta.url)), join(root, "v1", "dist"), {
    recursive: true,
  });
  const repo = join(root, "repo");
  cpSync(fileURLToPath(new URL("../../scenarios/", import.meta.url)), join(repo, "scenarios"), {
    recursive: true,
  });
  const env = { PATH: "/usr/bin:/bin", SCENARIO_CACHE_DIR: join(root, "cache") };
  const list = () =>
    spawnSync(process.execPath, [join(root, "v1", "dist", "scenario.js"), "list"], {
      cwd: repo,
      env,
      encoding: "utf8",
    });
  const cold = list();
  expect(cold.stderr).toBe("");
  expect(cold.status).toBe(0);
  expect(cold.stdout).toContain("add-rls-policies");
  expect(readdirSync(join(root, "cache", "parsed"))).toHaveLength(1);
  const warm = list();
  expect([warm.status, warm.stdout]).toEqual([0, cold.stdout]);
});

it("replays migrations and checks RLS with the CLI bundled beside the Action, with nothing of node_modules near it", () => {
  const root = mkdtempSync(join(tmpdir(), "action-dist-"));
  dirs.push(root);
  cpSync(fileURLToPath(new URL("../../dist/", import.meta.url)), join(root, "v1", "dist"), {
    recursive: true,
  });
  const migrations = join(root, "repo", "supabase", "migrations");
  mkdirSync(migrations, { recursive: true });
  writeFileSync(
    join(migrations, "20250101000000_notes.sql"),
    "create table public.notes (id uuid primary key default gen_random_uuid(), owner uuid not null default auth.uid(), body text);\n",
  );
  writeFileSync(
    join(migrations, "20250102000000_notes_rls.sql"),
    [
      "alter table public.notes enable row level security;",
      'create policy "notes_own" on public.notes for all using (owner = auth.uid()) with check (owner = auth.uid());',
      "",
    ].join("\n"),
  );
  const env = { PATH: "/usr/bin:/bin", SCENARIO_CACHE_DIR: join(root, "cache") };
  const args = ["scratch-db", "--migrations", "supabase/migrations", "--assert-rls", "notes"];
  const r = spawnSync(process.execPath, [join(root, "v1", "dist", "scenario.js"), ...args], {
    cwd: join(root, "repo"),
    env,
    encoding: "utf8",
  });
  expect(r.stderr).toBe("");
  expect(r.status, r.stdout).toBe(0);
  expect(r.stdout).toContain("new migration 20250102000000_notes_rls.sql: applies");
});

it("self-tests a scenario with the CLI bundled beside the Action, its steps given that same bundle", () => {
  const root = mkdtempSync(join(tmpdir(), "action-dist-"));
  dirs.push(root);
  // A checkout of the action: package.json and dist/, no build for bin/scenario.js, no node_modules.
  cpSync(fileURLToPath(new URL("../../dist/", import.meta.url)), join(root, "v1", "dist"), {
    recursive: true,
  });
  cpSync(fileURLToPath(new URL("../../package.json", import.meta.url)), join(root, "v1", "package.json"));
  const repo = join(root, "repo");
  cpSync(fileURLToPath(new URL("../../examples/monorepo/", import.meta.url)), repo, { recursive: true });
  cpSync(fileURLToPath(new URL("../../scenarios/", import.meta.url)), join(repo, "scenarios"), {
    recursive: true,
  });
  const env = {
    PATH: "/usr/bin:/bin",
    SCENARIO_CACHE_DIR: join(root, "cache"),
    RUNNER_TEMP: join(root, "runner-temp"),
    GIT_AUTHOR_NAME: "Dana",
    GIT_AUTHOR_EMAIL: "dana@example.com",
    GIT_COMMITTER_NAME: "Dana",
    GIT_COMMITTER_EMAIL: "dana@example.com",
  };
  mkdirSync(env.RUNNER_TEMP);
  for (const args of [
    ["init", "-q", "-b", "main"],
    ["add", "-A"],
    ["commit", "-q", "-m", "base"],
  ])
    spawnSync("git", args, { cwd: repo, env });
  const r = spawnSync(
    process.execPath,
    [join(root, "v1", "dist", "scenario.js"), "test", "create-database-table"],
    {
      cwd: repo,
      env,
      encoding: "utf8",
    },
  );
  expect(r.status, r.stdout + r.stderr).toBe(0);
  expect(r.stdout).toContain("PASSED: create-database-table ran, held its post-validation and rolled back");
});
