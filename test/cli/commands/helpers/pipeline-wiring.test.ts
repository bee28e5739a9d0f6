// Whether a wrapper tracks a command and its help lists it, read as add-cli-command's checks read it:
// a branch naming it (with a prefix kept), or, for a wrapper handing every command to its commander
// program (development's deployment and media-analytics, trimmed), that program having it; and
// `scenario check-pipeline-command` as a step runs it.
import { describe, expect, it } from "vitest";
import { commandWiring } from "../../../../src/cli/commands/helpers/pipeline-wiring.ts";
import { dhgMonoWrapper } from "../../../support/dhg-mono-wrappers.ts";
import { spawnCli } from "../../support/spawn-cli.ts";
import { tempFiles } from "./temp-files.ts";

const GIT = `SCRIPT_DIR="$(pwd)"
show_help() {
  echo "  list-worktrees     List all git worktrees"
}
case "$1" in
  "list-worktrees") track_command "list-worktrees" node "$SCRIPT_DIR/commands/list-worktrees.ts" "\${@:2}" ;;
  "refactor-status") track_command "refactor-status" node "$SCRIPT_DIR/status.ts" ;;
esac
`;

const DEPLOYMENT = `SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
track_command "deployment" "$1"
show_help() {
    echo "  validate-all          Run all pre-deployment validations"
    echo "  prune-stale           Prune stale rows"
}
cd "$SCRIPT_DIR"
ts-node deployment-cli.ts "$@"
`;

const MEDIA = `SCRIPT_DIR="$(cd "$(dirname "\${BASH_SOURCE[0]}")" && pwd)"
CLI_SCRIPT="$SCRIPT_DIR/media-analytics-cli.ts"
if [ $# -eq 0 ]; then
    ts-node "$CLI_SCRIPT" --help
    exit 0
fi
COMMAND="$1"
track_command "$COMMAND" "\${@:2}"
ts-node "$CLI_SCRIPT" "$@"
`;

const PROGRAM = `import { Command } from 'commander';
import pruneStaleCommand from './commands/prune-stale';
const program = new Command();
program.command('view-sessions').action(() => {});
program.addCommand(pruneStaleCommand);
program.parse(process.argv);
`;

describe("commandWiring", () => {
  it("finds the branch tracking the command, with the wrapper's prefix, and its help line", () => {
    expect(commandWiring(GIT, "list-worktrees")).toEqual({
      tracked: { ok: true, how: "a branch tracks it" },
      listed: { ok: true, how: "its help text lists it" },
    });
    expect(commandWiring(GIT, "status").tracked.ok).toBe(true);
    expect(commandWiring(GIT, "prune")).toEqual({
      tracked: { ok: false, how: "does not track" },
      listed: { ok: false, how: "does not list" },
    });
  });

  it("finds the CLI Pipeline Framework's track_and_execute, which records the name in snake case (5e9e240a's git)", () => {
    const framework = dhgMonoWrapper("git-framework");
    expect(commandWiring(framework, "list-worktrees")).toEqual({
      tracked: { ok: true, how: "the CLI Pipeline Framework's track_and_execute tracks it" },
      listed: { ok: true, how: "its help text lists it" },
    });
    expect(commandWiring(framework, "worktree-status").tracked.ok).toBe(false);
  });

  it("counts a forwarding wrapper's tracking of its first argument only for a command its program has", () => {
    expect(commandWiring(DEPLOYMENT, "prune-stale", PROGRAM).tracked).toEqual({
      ok: true,
      how: "it tracks every command by its first argument and hands it to deployment-cli.ts, which has it",
    });
    expect(commandWiring(DEPLOYMENT, "prune-stale", "const program = new Command();\n").tracked.ok).toBe(
      false,
    );
    expect(commandWiring(DEPLOYMENT, "prune-stale").tracked.ok).toBe(false);
  });

  it("takes the program's help for a wrapper that prints none of its own", () => {
    expect(commandWiring(MEDIA, "view-sessions", PROGRAM)).toEqual({
      tracked: {
        ok: true,
        how: "it tracks every command by its first argument and hands it to media-analytics-cli.ts, which has it",
      },
      listed: { ok: true, how: "media-analytics-cli.ts prints the help, and has it" },
    });
    expect(commandWiring(MEDIA, "prune-stale", PROGRAM).listed.ok).toBe(true);
    expect(commandWiring(MEDIA, "other", PROGRAM).listed.ok).toBe(false);
  });
});

describe("scenario check-pipeline-command", { timeout: 120_000 }, () => {
  it("exits 0 saying how, else 1 saying what is missing", async () => {
    const { dir } = tempFiles({
      "media/media-analytics-cli.sh": MEDIA,
      "media/media-analytics-cli.ts": PROGRAM,
      "git/git-cli.sh": GIT,
    });
    expect(
      await spawnCli(dir, ["check-pipeline-command", "media/media-analytics-cli.sh", "view-sessions"]),
    ).toMatchObject({
      code: 0,
      out: "media/media-analytics-cli.sh: view-sessions: it tracks every command by its first argument and hands it to media-analytics-cli.ts, which has it; media-analytics-cli.ts prints the help, and has it\n",
    });
    expect(await spawnCli(dir, ["check-pipeline-command", "git/git-cli.sh", "prune"])).toMatchObject({
      code: 1,
      out: "",
      err: "git/git-cli.sh does not track prune\nthe help text of git/git-cli.sh does not list prune\n",
    });
    const missing = await spawnCli(dir, ["check-pipeline-command", "none-cli.sh", "x"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("check-pipeline-command: none-cli.sh: cannot read it");
  });
});
