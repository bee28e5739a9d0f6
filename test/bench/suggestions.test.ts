// `npm run trial:suggestions` as a process: a repository's history replayed through the `scenario
// suggestions` check, each suggested command judged as the App would take it if commented as shown.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { changedFiles, replaySuggestions } from "../../bench/trial/suggestions.ts";
import { commitFiles, gitIn, makeRepo } from "../support/engine-harness.ts";

const SCRIPT = path.resolve(import.meta.dirname, "../../bench/trial/suggestions.ts");
const NODE = path.resolve(import.meta.dirname, "../../node_modules/.bin/node");
const repo = makeRepo();
afterAll(() => repo.cleanup());

commitFiles(repo.dir, { "scripts/fix/fix-metadata-fields.js": "console.log(1);\n" }, "a loose script");
commitFiles(
  repo.dir,
  { "supabase/migrations/20250101_orders.sql": "create table orders (id int);\n" },
  "a table, no RLS",
);
commitFiles(
  repo.dir,
  { "packages/shared/services/mail_service/mail.ts": "export class Mail {}\n" },
  "a service folder in snake_case",
);

describe("trial:suggestions", () => {
  it("reads a commit's files as a pull request lists them: status and patch", () => {
    const diff = gitIn(repo.dir, "diff-tree", "-p", "-U3", "--no-commit-id", "-r", "HEAD~1");
    expect(changedFiles(diff)).toEqual([
      {
        filename: "supabase/migrations/20250101_orders.sql",
        status: "added",
        patch: "@@ -0,0 +1 @@\n+create table orders (id int);",
      },
    ]);
  });

  it("judges each suggestion as the App would take its command as shown", async () => {
    const report = await replaySuggestions(repo.dir);
    expect(report).toMatchObject({
      commits: 4,
      unreadable: 0,
      suggested: 3,
      accepted: 1,
      toWrite: 2,
      refused: 0,
    });
    expect(report.byScenario["add-rls-policies"]?.sample).toMatch(
      /: \/scenario add-rls-policies table=orders$/,
    );
    // The folder's name is not a kebab-case service name: asked for, not offered.
    expect(report.byScenario["add-service-tests"]?.sample).toMatch(/add-service-tests name=<name>$/);
    expect(report.byScenario["migrate-script-to-pipeline"]?.sample).toMatch(
      /script=scripts\/fix\/fix-metadata-fields\.js command=fix-metadata-fields domain=<domain>$/,
    );
  });

  it("runs as a process: the summary, exit 0 when nothing is refused, 2 on a bad command line", () => {
    const run = spawnSync(NODE, [SCRIPT, repo.dir], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "4 commits of HEAD: 3 suggestions, 1 accepted as shown, 2 with values to write, 0 refused as shown",
    );
    const bad = spawnSync(NODE, [SCRIPT, repo.dir, "--colour"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("usage: npm run trial:suggestions");
  });
});
