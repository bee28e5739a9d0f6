// `npm run trial:learn` on a small history: each commit learned as a merged pull request and its draft
// run by the CLI (a process) on the commit's parent with the commit's own name.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { learnAndRun, sampleCommits } from "../../bench/trial/learn.ts";
import { commitFiles, makeRepo } from "../support/engine-harness.ts";

const repo = makeRepo({ "README.md": "# mono\n", "scripts/cli-pipeline/media/media-cli.sh": "echo media\n" });
const work = mkdtempSync(path.join(tmpdir(), "trial-learn-test-"));
afterAll(() => {
  repo.cleanup();
  rmSync(work, { recursive: true, force: true });
});

// A new folder, and a file added into a folder that was there (dhg-mono's a4b787d5 and 05dcf62b).
const newService = commitFiles(
  repo.dir,
  {
    "packages/shared/services/mail-service/mail-service.ts": "export class MailService {}\n",
    "packages/shared/services/mail-service/index.ts": 'export * from "./mail-service";\n',
  },
  "Add the mail service",
);
const intoExisting = commitFiles(
  repo.dir,
  { "scripts/cli-pipeline/media/media-report.sh": 'media_dir="$1"\necho "media in $media_dir"' },
  "Add a media report",
);

describe("trial:learn", () => {
  it("picks the commits that add files, newest first", () => {
    expect(sampleCommits(repo.dir, "HEAD", 10)).toEqual([intoExisting, newService]);
  });

  it("reproduces each commit's added files with its own name, a folder it made or one it added to", async () => {
    const made = await learnAndRun(repo.dir, newService, work);
    expect(made).toMatchObject({ verdict: "reproduced", written: 2, differ: [], leftToAPerson: [] });
    expect(made.command).toMatch(/^scenario run \S+ name=mail-service$/);
    // No final line ending in the commit: a fenced block cannot say so, and that is not a difference.
    const added = await learnAndRun(repo.dir, intoExisting, work);
    expect(added).toMatchObject({ verdict: "reproduced", written: 1, differ: [] });
  });
});
