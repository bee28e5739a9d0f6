// `scenario init [--mode app|zero-server]`: the files a repository needs to use scenario-bot, written
// from templates/ (the README shows the same files): the scenario workflow for the chosen mode, in
// zero-server mode the pull request check (with the App, the App checks pull requests), and a
// commented `.github/scenarios.yml`. Existing files are kept unless `--force`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type Command, Option } from "commander";
import { packageRoot } from "../../application/repository/package-root.ts";
import type { CommandContext } from "./index.ts";

export type InstallMode = "app" | "zero-server";

/** The files `init` writes for `mode`: repository path -> content. */
export function initFiles(mode: InstallMode): Record<string, string> {
  const template = (...path: string[]) => readFileSync(join(packageRoot(), "templates", ...path), "utf8");
  return {
    ".github/workflows/scenario.yml": template(mode, "scenario.yml"),
    ...(mode === "zero-server"
      ? { ".github/workflows/scenario-checks.yml": template(mode, "scenario-checks.yml") }
      : {}),
    ".github/scenarios.yml": template("scenarios.yml"),
  };
}

const NEXT: Record<InstallMode, string[]> = {
  app: [
    "Install the scenario-bot App on this repository (README: Host the App).",
    "Add the repository variable SCENARIO_APP_ID and the secret SCENARIO_APP_PRIVATE_KEY (the App's id and private key):",
    "  the workflow acts as the App, so its check runs' buttons reach the App and its pull requests get CI.",
    "Comment `/scenario list` on an issue.",
  ],
  "zero-server": [
    'To let the workflow open the run\'s pull request, turn on Settings > Actions > General > "Allow GitHub Actions to create and approve pull requests";',
    "  without it the run still succeeds and its summary and reply link the branch to open one by hand.",
    "Commit and push these files, then comment `/scenario list` on an issue; a pull request that changes",
    "  scenario documents is checked by scenario-checks.yml (and self-tested when it comes from this repository).",
  ],
};

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command("init")
    .description(
      "Write the scenario workflow (zero-server: also the pull request check) and a commented .github/scenarios.yml into a repository.",
    )
    .addOption(
      new Option("--mode <mode>", "app: the App answers comments; zero-server: the workflow does")
        .choices(["app", "zero-server"])
        .default("zero-server"),
    )
    .option("--repo <dir>", "the repository to write into", ".")
    .option("--force", "overwrite files that exist")
    .action((flags: { mode: InstallMode; repo: string; force?: boolean }) => {
      const root = resolve(ctx.io.cwd, flags.repo);
      const kept: string[] = [];
      for (const [path, content] of Object.entries(initFiles(flags.mode))) {
        const target = join(root, path);
        if (existsSync(target) && !flags.force) {
          kept.push(path);
          continue;
        }
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, content);
        ctx.io.stdout(`wrote ${path}\n`);
      }
      for (const path of kept) ctx.io.stderr(`kept ${path}: it exists (--force overwrites it)\n`);
      ctx.io.stdout(`\nNext (${flags.mode} mode):\n${NEXT[flags.mode].map((l) => `  ${l}`).join("\n")}\n`);
    });
}
