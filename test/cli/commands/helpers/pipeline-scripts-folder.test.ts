// `scenario pipeline-scripts-folder` as a step runs it: a process, the folder on stdout, a clear error
// and exit 1 for a wrapper it cannot read.
import { describe, expect, it } from "vitest";
import { spawnCli } from "../../support/spawn-cli.ts";
import { tempFiles } from "./temp-files.ts";

const GIT_WRAPPER = [
  'case "$1" in',
  '  "list-worktrees") track_command "list-worktrees" node "$SCRIPT_DIR/commands/list-worktrees.ts" "${@:2}" ;;',
  '  "create-worktree") track_command "create-worktree" node "$SCRIPT_DIR/commands/create-worktree.ts" "${@:2}" ;;',
  "esac",
].join("\n");

describe("scenario pipeline-scripts-folder", () => {
  it("prints the folder the wrapper's tracked commands run their scripts from", async () => {
    const { dir } = tempFiles({ "git/git-cli.sh": GIT_WRAPPER, "empty/empty-cli.sh": "#!/bin/bash\n" });
    expect(await spawnCli(dir, ["pipeline-scripts-folder", "git/git-cli.sh"])).toMatchObject({
      code: 0,
      out: "commands\n",
    });
    expect(await spawnCli(dir, ["pipeline-scripts-folder", "empty/empty-cli.sh"])).toMatchObject({
      code: 0,
      out: ".\n",
    });
  });

  it("prints the path a file gets there, and refuses a name with a folder in it", async () => {
    const { dir } = tempFiles({ "git/git-cli.sh": GIT_WRAPPER, "empty/empty-cli.sh": "#!/bin/bash\n" });
    expect(
      await spawnCli(dir, ["pipeline-scripts-folder", "git/git-cli.sh", "prune-merged.ts"]),
    ).toMatchObject({
      code: 0,
      out: "git/commands/prune-merged.ts\n",
    });
    expect(await spawnCli(dir, ["pipeline-scripts-folder", "empty/empty-cli.sh", "x.ts"])).toMatchObject({
      code: 0,
      out: "empty/x.ts\n",
    });
    const climbing = await spawnCli(dir, ["pipeline-scripts-folder", "git/git-cli.sh", "../x.ts"]);
    expect(climbing).toMatchObject({ code: 1, out: "" });
    expect(climbing.err).toContain("../x.ts: give a file name, without a folder");
  });

  it("refuses a wrapper it cannot read, saying what to give", async () => {
    const { dir } = tempFiles({});
    const r = await spawnCli(dir, ["pipeline-scripts-folder", "nope/nope-cli.sh"]);
    expect(r).toMatchObject({ code: 1, out: "" });
    expect(r.err).toContain(
      "nope/nope-cli.sh: cannot read it; give the path of the pipeline's <domain>-cli.sh",
    );
  });
});
