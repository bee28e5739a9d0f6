// `--repo <dir>` on the commands that read a repository's scenarios, as processes started from another
// folder: they read that repository (its .github/scenarios.yml), `--scenarios` is taken from the current
// folder as `plan --repo` takes it, and a hint that repeats --repo suggests a command that works.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnCli } from "./support/spawn-cli.ts";

const root = join(import.meta.dirname, "../..");
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** The example monorepo as a git repository whose scenarios live in docs/recipes (the shipped cli ones). */
function exampleRepo(): string {
  const dir = tempDir("scenario-repo-flag-");
  cpSync(join(root, "examples/monorepo"), dir, { recursive: true });
  cpSync(join(root, "scenarios/cli"), join(dir, "docs/recipes/cli"), { recursive: true });
  mkdirSync(join(dir, ".github"), { recursive: true });
  writeFileSync(join(dir, ".github/scenarios.yml"), "scenarios: docs/recipes\n");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init");
  return dir;
}

const repo = exampleRepo();
// Not a repository, and with no scenarios of its own: only --repo can lead the commands to some.
const elsewhere = tempDir("scenario-elsewhere-");

describe("--repo from another folder", () => {
  it("show reads the scenario from the repository's configured folder", async () => {
    const { code, out, err } = await spawnCli(elsewhere, ["show", "add-cli-command", "--repo", repo]);
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(out.split("\n").slice(0, 2)).toEqual([
      "add-cli-command: Add a command to a CLI pipeline",
      "docs/recipes/cli/add-cli-command.md",
    ]);
    expect(out).toContain("Parameters:\n  domain");
  });

  it("list, graph and validate read the same catalog", async () => {
    const list = await spawnCli(elsewhere, ["list", "--json", "--repo", repo]);
    expect(list.err).toBe("");
    expect(JSON.parse(list.out).map((s: { file: string }) => s.file)).toEqual([
      "docs/recipes/cli/add-cli-command.md",
      "docs/recipes/cli/create-cli-pipeline.md",
      "docs/recipes/cli/migrate-script-to-pipeline.md",
    ]);
    const graph = await spawnCli(elsewhere, ["graph", "add-cli-command", "--repo", repo]);
    expect(graph.code).toBe(0);
    expect(graph.out).toContain("create-cli-pipeline");
    const validate = await spawnCli(elsewhere, ["validate", "--repo", repo]);
    expect(validate.code).toBe(0);
    expect(validate.out).toBe("ok: 3 documents valid (3 scenarios, 0 templates)\n");
  });

  it("takes --scenarios from the current folder, as plan --repo does", async () => {
    const cwd = tempDir("scenario-elsewhere-");
    cpSync(join(root, "scenarios/infra/add-pnpm-script.md"), join(cwd, "mine/add-pnpm-script.md"));
    const list = await spawnCli(cwd, ["list", "--json", "--repo", repo, "--scenarios", "mine"]);
    expect(list.err).toBe("");
    expect(JSON.parse(list.out).map((s: { id: string }) => s.id)).toEqual(["add-pnpm-script"]);
    const plan = await spawnCli(cwd, [
      "plan",
      "add-pnpm-script",
      "name=lint:docs",
      "workspace_script=lint",
      "--repo",
      repo,
      "--scenarios",
      "mine",
    ]);
    expect(plan.err).toBe("");
    expect(plan.code).toBe(0);
  });

  it("validate, like list, falls back to the shipped catalog where there is no scenarios folder", async () => {
    const bare = tempDir("scenario-bare-");
    const list = await spawnCli(elsewhere, ["list", "--json", "--repo", bare]);
    const validate = await spawnCli(elsewhere, ["validate", "--repo", bare]);
    const note = `note: the checkout at ${bare} has no scenario documents under \`scenarios/\`, so the ${JSON.parse(list.out).length} scenarios shipped with scenario-bot are used.\n`;
    expect(list.err).toBe(note);
    expect([validate.code, validate.err]).toEqual([0, note]);
    expect(validate.out).toMatch(/^ok: \d+ documents valid \(\d+ scenarios, \d+ templates\)\n$/);
  });

  it("validate refuses an explicit --scenarios folder that does not exist, saying how to fix it", async () => {
    const { code, out, err } = await spawnCli(elsewhere, ["validate", "--scenarios", "nowhere"]);
    expect([code, out]).toEqual([1, ""]);
    expect(err).toBe(
      `error: --scenarios nowhere: no such folder (${join(elsewhere, "nowhere")}). Pass the folder of your scenario documents, leave --scenarios out for the repository's own, or name the files to check.\n`,
    );
  });

  it("db status and archive open the store of the repository --repo names", async () => {
    // A live process holds that repository's embedded database: the refusal names the store opened,
    // without starting PGlite.
    const holder = spawn("sleep", ["30"]);
    try {
      mkdirSync(join(repo, ".scenario"), { recursive: true });
      writeFileSync(join(repo, ".scenario", "db.lock"), `${holder.pid}\n`);
      const embedded = `the embedded database ${join(repo, ".scenario", "db")} is in use by process ${holder.pid}`;
      for (const argv of [
        ["db", "status"],
        ["archive", "audit"],
      ]) {
        const { code, err } = await spawnCli(elsewhere, [...argv, "--repo", repo], { DATABASE_URL: "" });
        expect([argv, code]).toEqual([argv, 1]);
        expect(err).toContain(embedded);
      }
    } finally {
      holder.kill();
      rmSync(join(repo, ".scenario"), { recursive: true, force: true });
    }
  });

  it("says so when the folder does not exist", async () => {
    const { code, err } = await spawnCli(elsewhere, ["list", "--repo", join(elsewhere, "nowhere")]);
    expect(code).toBe(1);
    expect(err).toBe(
      `error: --repo ${join(elsewhere, "nowhere")}: no such folder. Pass the folder of a git repository.\n`,
    );
  });

  it("an unknown parameter ends in a hint whose command works when pasted", async () => {
    const run = await spawnCli(elsewhere, ["run", "add-cli-command", "name=x", "--repo", repo]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('unknown parameter "name". Known parameters: domain, command, summary.');
    const hinted = /`(scenario show [^`]*)`/.exec(run.err)?.[1];
    expect(hinted).toBe(`scenario show add-cli-command --repo ${repo}`);
    const show = await spawnCli(elsewhere, (hinted as string).split(" ").slice(1));
    expect(show.err).toBe("");
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/^ {2}domain +string +required/m);
    // The refused run changed nothing: no store, no branch.
    expect(existsSync(join(repo, ".scenario"))).toBe(false);
    expect(execFileSync("git", ["branch", "--list"], { cwd: repo, encoding: "utf8" })).toBe("* main\n");
  });
});
