// A repository that commits `.scenario/` (scenario-bot's own state on each machine) is refused by every
// command that would use it, as processes on a real repository: before anything there is opened or
// written, with what to do; once the files are out of git, the same command works.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { gitIn, makeRepo } from "../../support/engine-harness.ts";
import { spawnCli } from "../support/spawn-cli.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A clone's view of a repository someone committed their `.scenario/` to. */
function repoTrackingState(): string {
  const repo = makeRepo({
    "README.md": "# demo\n",
    ".scenario/db/PG_VERSION": "17\n",
    ".scenario/db/global/pg_control": "not this machine's\n",
    ".scenario/tasks/20260101-abcdef.md": "- [x] ticked elsewhere\n",
    ".scenario/worktrees/x/README.md": "x\n",
  });
  cleanups.push(repo.cleanup);
  return repo.dir;
}

const env = { DATABASE_URL: "", NO_COLOR: "1" };

describe("a repository that tracks files under .scenario/", () => {
  it("is refused by `runs` and `run`, with the files named and how to remove them; nothing there changes", async () => {
    const dir = repoTrackingState();
    for (const argv of [["runs"], ["run", "create-shared-service", "name=billing-service"]]) {
      const { code, err } = await spawnCli(dir, argv, env);
      expect(code, err).toBe(1);
      expect(err).toContain(
        "this repository tracks .scenario/db/PG_VERSION, .scenario/db/global/pg_control, .scenario/tasks/20260101-abcdef.md and 1 more under .scenario/",
      );
      expect(err).toContain("git rm -r --cached .scenario");
    }
    expect(gitIn(dir, "status", "--porcelain", "--untracked-files=all")).toBe("");
    expect(readFileSync(path.join(dir, ".scenario/db/PG_VERSION"), "utf8")).toBe("17\n");
  }, 60_000);

  it("works once the files are out of git", async () => {
    const dir = repoTrackingState();
    gitIn(dir, "rm", "-r", "-q", "--cached", ".scenario");
    gitIn(dir, "commit", "-q", "-m", "untrack .scenario");
    // What git no longer tracks stays where it was: the embedded database is made beside it.
    gitIn(dir, "clean", "-fdxq", ".scenario");
    const { code, err, out } = await spawnCli(dir, ["runs"], env);
    expect(code, err).toBe(0);
    expect(out).toContain("No runs");
  }, 60_000);
});
