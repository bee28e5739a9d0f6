// The CLI reads a repository by the same rules as the App and the Action (src/application/repository):
// `.github/scenarios.yml` names the scenarios folder and the branch prefix, index.md and README.md are
// folder documentation, and a repository without documents gets the shipped catalog with a notice.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "./support/read-commands.ts";

const root = join(import.meta.dirname, "../..");
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function gitRepo(files: Record<string, string>, copies: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "scenario-cli-repo-"));
  made.push(dir);
  for (const [to, from] of Object.entries(copies)) cpSync(from, join(dir, to), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init");
  return dir;
}

describe("the CLI reads .github/scenarios.yml", () => {
  const repo = () =>
    gitRepo(
      {
        ".github/scenarios.yml": "scenarios: docs/recipes\nbranch_prefix: bots/\n",
        "docs/recipes/README.md": "# Our recipes\n\nHow we write them.\n",
        "docs/recipes/index.md": "- [add a script](add-pnpm-script.md)\n",
      },
      {
        "docs/recipes/add-pnpm-script.md": join(root, "scenarios/infra/add-pnpm-script.md"),
        "scenarios/service": join(root, "scenarios/service"),
        "package.json": join(root, "examples/monorepo/package.json"),
      },
    );

  it("lists the configured folder's scenarios, not scenarios/, and no README or index", async () => {
    const dir = repo();
    const { code, stdout, stderr } = await cli(dir, "list", "--json");
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(JSON.parse(stdout).map((s: { id: string; file: string }) => [s.id, s.file])).toEqual([
      ["add-pnpm-script", "docs/recipes/add-pnpm-script.md"],
    ]);
    expect((await cli(dir, "validate")).stdout).toBe("ok: 1 document valid (1 scenarios, 0 templates)\n");
  });

  it("plans a run on a branch named with branch_prefix", async () => {
    const dir = repo();
    const { code, stdout } = await cli(
      dir,
      "plan",
      "add-pnpm-script",
      "name=lint:docs",
      "workspace_script=lint",
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/branch: bots\/add-pnpm-script\/\d{8}-[0-9a-z]{6}/);
  });

  it("finds the same folder from a subfolder of the repository", async () => {
    const dir = repo();
    const { stdout } = await cli(join(dir, "docs"), "list");
    expect(stdout).toContain("add-pnpm-script");
    expect(stdout).not.toContain("create-shared-service");
  });
});

describe("a repository without scenario documents", () => {
  it("gets the shipped catalog, and a notice saying so", async () => {
    const dir = gitRepo({ "README.md": "# nothing here\n" });
    const { code, stdout, stderr } = await cli(dir, "list", "--type", "proxy");
    expect(code).toBe(0);
    expect(stdout).toContain("add-proxy-server");
    expect(stderr).toMatch(
      /^note: the checkout at .+ has no scenario documents under `scenarios\/`, so the \d+ scenarios shipped with scenario-bot are used\.\n$/,
    );
  });
});
