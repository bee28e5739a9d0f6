// add-cli-command on pipelines shaped like dhg-mono's: a wrapper dispatching through
// `if [ "$1" = ... ]` blocks (google_sync) gets its block; one it cannot extend (development's
// deployment, handing every command to its commander program) and a folder without a wrapper (core)
// are refused at pre-condition time, before any change, saying why.
import { execSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunRecord, RunStore } from "../../src/engine/ports.ts";
import { type Catalog, loadCatalog } from "../../src/scenario/index.ts";
import { dhgMonoFramework, dhgMonoWrapper } from "../support/dhg-mono-wrappers.ts";
import { gitIn, useEngineDb } from "../support/engine-harness.ts";
import { copyMonorepo, REPO_ROOT } from "./monorepo.ts";
import { runToEnd } from "./run-to-end.ts";

const store = useEngineDb("add_cli_command_dispatch");
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog("scenarios", { root: REPO_ROOT });
});

/** The example monorepo with these files added and committed. */
function repoWith(files: Record<string, string>) {
  const copy = copyMonorepo();
  cleanups.push(copy.cleanup);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(copy.dir, file)), { recursive: true });
    writeFileSync(path.join(copy.dir, file), text);
  }
  gitIn(copy.dir, "add", "-A");
  gitIn(copy.dir, "commit", "-q", "-m", "dhg-mono's pipelines");
  return { dir: copy.dir, baseSha: gitIn(copy.dir, "rev-parse", "HEAD") };
}

// google_sync/google-sync-cli.sh, trimmed (shared with the wrapper-edit tests).
const GOOGLE_SYNC = dhgMonoWrapper("google-sync");

// development's deployment/deployment-cli.sh, trimmed.
const DEPLOYMENT = `#!/bin/bash
SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
track_command() {
  echo "$1" > /dev/null
}
track_command "deployment" "$1"
show_help() {
    echo "Commands:"
    echo "  validate-all          Run all pre-deployment validations"
}
if [ $# -eq 0 ] || [ "$1" == "--help" ] || [ "$1" == "help" ]; then
    show_help
    exit 0
fi
cd "$SCRIPT_DIR"
ts-node deployment-cli.ts "$@"
`;

// git/git-cli.sh, trimmed: a case branch per command, each running its script from commands/.
const GIT = `#!/bin/bash
SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
track_command() {
    local command="$1"
    shift
    "$@"
}
show_help() {
    echo "Commands:"
    echo "  list-worktrees                List all git worktrees"
    echo "  create-worktree              Create a new worktree"
    echo "  help                         Show this help message"
}
case "$1" in
    "list-worktrees")
        track_command "list-worktrees" node --loader ts-node/esm "$SCRIPT_DIR/commands/list-worktrees.ts" "\${@:2}"
        ;;
    "create-worktree")
        track_command "create-worktree" node --loader ts-node/esm "$SCRIPT_DIR/commands/create-worktree.ts" "\${@:2}"
        ;;
    "help"|"--help"|"-h"|"")
        show_help
        ;;
esac
`;

// The git pipeline: its wrapper and the commands/ folder its branches run their scripts from.
const GIT_PIPELINE = {
  "scripts/cli-pipeline/git/git-cli.sh": GIT,
  "scripts/cli-pipeline/git/commands/list-worktrees.ts": "console.log('list');\n",
  "scripts/cli-pipeline/git/commands/create-worktree.ts": "console.log('create');\n",
};

// classify/classify-cli.sh, trimmed: its case branches call functions running one commander program
// with each command's name. The program here is ESM run by node, as the example monorepo's scripts.
const CLASSIFY = `#!/bin/bash
SCRIPT_DIR="$( cd "$( dirname "\${BASH_SOURCE[0]}" )" && pwd )"
PROJECT_ROOT="$(cd "$SCRIPT_DIR/../../.." && pwd)"
track_command() {
  local command_name="$1"
  shift
  local full_command="$@"
  eval "$full_command"
}
display_help() {
  echo -e "  * list                       List all subject classifications"
  echo -e "    help                       Show this help"
}
list_command() {
  track_command "list" "cd $PROJECT_ROOT && node $SCRIPT_DIR/index.ts list $@"
}
health_check_command() {
  track_command "health-check" "cd $PROJECT_ROOT && node $SCRIPT_DIR/index.ts health-check $@"
}
case "$1" in
  "list")
    list_command "\${@:2}"
    ;;
  "health-check")
    health_check_command "\${@:2}"
    ;;
  "help"|"--help"|"-h"|"")
    display_help
    ;;
esac
`;

const CLASSIFY_PIPELINE = {
  "scripts/cli-pipeline/classify/classify-cli.sh": CLASSIFY,
  "scripts/cli-pipeline/classify/index.ts": `import { Command } from "commander";
import { healthCheckCommand } from "./commands/health-check.ts";

const program = new Command().name("classify-cli");

program
  .command("list")
  .action(() => console.log("list"));

program
  .command("health-check")
  .action(async () => {
    await healthCheckCommand();
  });

// Handle if no command is provided
program.parse(process.argv);
`,
  "scripts/cli-pipeline/classify/commands/health-check.ts":
    'export async function healthCheckCommand(): Promise<void> {\n  console.log("ok");\n}\n',
};

/**
 * The branch's files run as a user runs the pipeline (`bash <wrapper> <args>`: the wrapper, then the
 * program, then the module), with commander beside them and this Node first on PATH.
 */
function runFromBranch(dir: string, branch: string, args: string[]) {
  const out = mkdtempSync(path.join(tmpdir(), "pipeline-run-"));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  execSync(`git -C ${JSON.stringify(dir)} archive ${branch} | tar -x -C ${JSON.stringify(out)}`);
  mkdirSync(path.join(out, "node_modules"));
  symlinkSync(path.join(REPO_ROOT, "node_modules", "commander"), path.join(out, "node_modules", "commander"));
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` };
  return spawnSync("bash", args, { cwd: out, env, encoding: "utf8" });
}

/** The run succeeded; else the failed steps' output says why. */
async function expectSucceeded(run: RunRecord, store: RunStore, runId: string) {
  const steps = await store.listSteps(runId);
  const failed = steps.filter((s) => s.status === "failed").map((s) => `${s.name}:\n${s.outputTail ?? ""}`);
  expect(run.status, `${run.error ?? ""}\n${failed.join("\n")}`).toBe("succeeded");
}

describe("add-cli-command on dhg-mono's wrappers", { timeout: 120_000 }, () => {
  it("puts the command's file in commands/ when the wrapper runs its other commands from there (git)", async () => {
    const wrapper = "scripts/cli-pipeline/git/git-cli.sh";
    const { dir } = repoWith(GIT_PIPELINE);
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "add-cli-command", {
      domain: "git",
      command: "prune-merged",
      summary: "Remove merged branches",
    });
    await expectSucceeded(run, ports.store, runId);
    const files = gitIn(dir, "ls-tree", "-r", "--name-only", plan.branch, "scripts/cli-pipeline/git/").split(
      "\n",
    );
    expect(files).toContain("scripts/cli-pipeline/git/commands/prune-merged.ts");
    expect(files).not.toContain("scripts/cli-pipeline/git/prune-merged.ts");
    expect(gitIn(dir, "show", `${plan.branch}:${wrapper}`)).toContain(
      '    "prune-merged")\n        track_command "prune-merged" node --loader ts-node/esm "$SCRIPT_DIR/commands/prune-merged.ts" "${@:2}"\n        ;;',
    );
  });

  it("makes the command one of the commander program the wrapper runs with each name (classify), and it runs", async () => {
    const pipeline = "scripts/cli-pipeline/classify";
    const { dir } = repoWith(CLASSIFY_PIPELINE);
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "add-cli-command", {
      domain: "classify",
      command: "prune-stale",
      summary: "Prune stale rows",
    });
    await expectSucceeded(run, ports.store, runId);
    const files = gitIn(dir, "ls-tree", "-r", "--name-only", plan.branch, `${pipeline}/`).split("\n");
    expect(files).toContain(`${pipeline}/commands/prune-stale.ts`);
    expect(files).not.toContain(`${pipeline}/prune-stale.ts`);
    expect(gitIn(dir, "show", `${plan.branch}:${pipeline}/index.ts`)).toContain(
      'import pruneStaleCommand from "./commands/prune-stale.ts";',
    );
    const ran = runFromBranch(dir, plan.branch, [
      `${pipeline}/classify-cli.sh`,
      "prune-stale",
      "--json",
      "--dry-run",
    ]);
    expect(ran.stderr).toBe("");
    expect(JSON.parse(ran.stdout)).toEqual({ command: "prune-stale", dryRun: true });
    const help = runFromBranch(dir, plan.branch, [`${pipeline}/classify-cli.sh`, "help"]);
    expect(help.stdout).toContain("prune-stale                Prune stale rows");
  });

  it("gives a wrapper on the CLI Pipeline Framework (git at 5e9e240a) a function and a branch calling it, and it runs", async () => {
    const wrapper = "scripts/cli-pipeline/git/git-cli.sh";
    // Its commands run with Node's own type stripping here (dhg-mono's run them with ts-node's loader).
    const { dir } = repoWith({
      ...dhgMonoFramework(),
      [wrapper]: dhgMonoWrapper("git-framework").replaceAll("node --loader ts-node/esm", "node"),
      "scripts/cli-pipeline/git/commands/list-worktrees.ts": "console.log('list');\n",
    });
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "add-cli-command", {
      domain: "git",
      command: "prune-merged",
      summary: "Remove merged branches",
    });
    await expectSucceeded(run, ports.store, runId);
    const text = gitIn(dir, "show", `${plan.branch}:${wrapper}`);
    expect(text).toContain(
      [
        "# Command: prune-merged - Remove merged branches",
        "command_prune_merged() {",
        '    local description="Remove merged branches"',
        "    ",
        '    track_and_execute "prune_merged" "$description" \\',
        '        node "$SCRIPT_DIR/commands/prune-merged.ts" "$@"',
        "}",
      ].join("\n"),
    );
    expect(text).toContain(
      '    prune-merged)\n        shift\n        command_prune_merged "$@"\n        ;;\n    *)',
    );
    const ran = runFromBranch(dir, plan.branch, [wrapper, "prune-merged", "--json"]);
    expect(ran.status, ran.stderr).toBe(0);
    // The framework tracked it under its name, then the command answered.
    expect(ran.stdout).toContain("Executing: prune_merged");
    expect(ran.stdout).toContain('"command": "prune-merged"');
  });

  it("adds an if block to a wrapper dispatching through if blocks (google_sync)", async () => {
    const wrapper = "scripts/cli-pipeline/google_sync/google-sync-cli.sh";
    const { dir } = repoWith({ [wrapper]: GOOGLE_SYNC });
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "add-cli-command", {
      domain: "google_sync",
      command: "hello",
      summary: "Say hello",
    });
    await expectSucceeded(run, ports.store, runId);
    const text = gitIn(dir, "show", `${plan.branch}:${wrapper}`);
    expect(text).toContain(
      'if [ "$1" = "hello" ]; then\n  shift\n  track_command "hello" "ts-node $SCRIPT_DIR/hello.ts $*"\n  exit $?\nfi\n\nif [ "$1" = "help" ]',
    );
    expect(text).toContain('  echo "    hello                        Say hello"');
  });

  it("migrate-script-to-pipeline moves a script into such a pipeline, tracked and listed", async () => {
    const wrapper = "scripts/cli-pipeline/google_sync/google-sync-cli.sh";
    const { dir } = repoWith({ [wrapper]: GOOGLE_SYNC });
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "migrate-script-to-pipeline", {
      script: "scripts/root/count-words.ts",
      domain: "google_sync",
      command: "count-words",
      summary: "Count the words of a file",
    });
    await expectSucceeded(run, ports.store, runId);
    expect(gitIn(dir, "show", `${plan.branch}:${wrapper}`)).toContain(
      'if [ "$1" = "count-words" ]; then\n  shift\n  track_command "count-words" "ts-node $SCRIPT_DIR/count-words.ts $*"\n  exit $?\nfi',
    );
  });

  it("migrate-script-to-pipeline moves a script into the pipeline's commands/ when its commands run from there (git)", async () => {
    const wrapper = "scripts/cli-pipeline/git/git-cli.sh";
    const { dir } = repoWith(GIT_PIPELINE);
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "migrate-script-to-pipeline", {
      script: "scripts/root/count-words.ts",
      domain: "git",
      command: "count-words",
      summary: "Count the words of a file",
    });
    await expectSucceeded(run, ports.store, runId);
    const files = gitIn(dir, "ls-tree", "-r", "--name-only", plan.branch, "scripts/").split("\n");
    expect(files).toContain("scripts/cli-pipeline/git/commands/count-words.ts");
    expect(files).not.toContain("scripts/root/count-words.ts");
    expect(gitIn(dir, "show", `${plan.branch}:${wrapper}`)).toContain(
      'track_command "count-words" node --loader ts-node/esm "$SCRIPT_DIR/commands/count-words.ts" "${@:2}"',
    );
  });

  it("refuses a command an if block already handles, before any change", async () => {
    const { dir, baseSha } = repoWith({ "scripts/cli-pipeline/google_sync/google-sync-cli.sh": GOOGLE_SYNC });
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "add-cli-command", {
      domain: "google_sync",
      command: "count-mp4",
    });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^add-cli-command: pre-condition 4 .*count-mp4 is already one of its commands; choose another name/,
    );
    expect(await ports.store.listSteps(runId)).toEqual([]);
    expect(gitIn(dir, "rev-parse", plan.branch)).toBe(baseSha);
  });

  it("adds the command to the program a wrapper hands every command to (deployment), and it runs", async () => {
    const pipeline = "scripts/cli-pipeline/deployment";
    const { dir } = repoWith({
      [`${pipeline}/deployment-cli.sh`]: DEPLOYMENT.replace(
        "ts-node deployment-cli.ts",
        "node deployment-cli.ts",
      ),
      [`${pipeline}/deployment-cli.ts`]: `import { Command } from "commander";

const program = new Command();

program
  .command("validate-all")
  .action(() => console.log("valid"));

program.parse(process.argv);
`,
    });
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "add-cli-command", {
      domain: "deployment",
      command: "prune-stale",
      summary: "Prune stale rows",
    });
    await expectSucceeded(run, ports.store, runId);
    expect(gitIn(dir, "show", `${plan.branch}:${pipeline}/deployment-cli.ts`)).toContain(
      'import pruneStaleCommand from "./prune-stale.ts";',
    );
    expect(gitIn(dir, "show", `${plan.branch}:${pipeline}/deployment-cli.sh`)).toContain(
      '    echo "  validate-all          Run all pre-deployment validations"\n    echo "  prune-stale           Prune stale rows"\n',
    );
    const ran = runFromBranch(dir, plan.branch, [`${pipeline}/deployment-cli.sh`, "prune-stale", "--json"]);
    expect(ran.stderr).toBe("");
    expect(JSON.parse(ran.stdout)).toEqual({ command: "prune-stale", dryRun: false });
  });

  it("refuses a wrapper handing every command to a commander program it cannot find, before any change", async () => {
    const { dir, baseSha } = repoWith({ "scripts/cli-pipeline/deployment/deployment-cli.sh": DEPLOYMENT });
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "add-cli-command", {
      domain: "deployment",
      command: "hello",
    });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toMatch(
      /^add-cli-command: pre-condition 4 "The wrapper dispatches in a way the command can be added to \(checked without changing it\)" does not hold \(.*checked before any change\)/,
    );
    expect(run.error).toContain(
      "it hands every command to the commander program deployment-cli.ts (\"$@\"), so its commands are that program's: add `program.command('hello')` to it by hand",
    );
    expect(await ports.store.listSteps(runId)).toEqual([]);
    expect(gitIn(dir, "rev-parse", plan.branch)).toBe(baseSha);
  });

  it("refuses a folder of the pipelines folder without its wrapper (core), naming its scripts", async () => {
    const { dir, baseSha } = repoWith({ "scripts/cli-pipeline/core/load-env.sh": "#!/bin/bash\n" });
    const { run, plan, ports, runId } = await runToEnd(store.db, catalog, dir, "add-cli-command", {
      domain: "core",
      command: "hello",
    });
    expect(run.status).toBe("rolled_back");
    expect(run.error).toContain(
      "scripts/cli-pipeline/core/core-cli.sh does not exist: scripts/cli-pipeline/core is not a pipeline with a core-cli.sh wrapper (its shell scripts: load-env.sh); give the domain of a pipeline that has its wrapper, or add the command by hand",
    );
    expect(await ports.store.listSteps(runId)).toEqual([]);
    expect(gitIn(dir, "rev-parse", plan.branch)).toBe(baseSha);
  });
});
