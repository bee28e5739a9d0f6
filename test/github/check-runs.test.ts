// Check run output past GitHub's limits is cut, with a note saying so and linking the whole, and the
// fake (which keeps the limits) accepts what is sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckRuns } from "../../src/github/check-runs.ts";
import { createOctokit } from "../../src/github/octokit.ts";
import { clip } from "../../src/github/text-limits.ts";
import { addRepo, type GitHubFake, startGitHubFake } from "../support/github-fake/index.ts";

let fake: GitHubFake;
beforeAll(async () => {
  fake = await startGitHubFake();
});
afterAll(() => fake.close());

describe("check run output within GitHub's limits", () => {
  it("keeps the end of a long text, after a note with the number cut and a link to the whole", () => {
    const text = `${"a".repeat(70_000)}THE END`;
    const cut = clip(text, 65_000, "https://x/actions/runs/1");
    expect(cut.length).toBeLessThanOrEqual(65_000);
    expect(cut.endsWith("THE END")).toBe(true);
    expect(cut).toMatch(
      /^\*\([\d,]+ characters cut to stay within GitHub's limit; the whole text is in \[the workflow run's log\]\(https:\/\/x\/actions\/runs\/1\)\)\*/,
    );
    expect(clip("short", 65_000)).toBe("short");
  });

  it("sends a summary, a text and annotations GitHub accepts, whatever their length", async () => {
    const repo = addRepo(fake.state, { owner: "acme", name: "limits" });
    const checks = new CheckRuns({
      octokit: createOctokit({ token: "ghs_t", baseUrl: fake.url, retries: 0 }),
      owner: "acme",
      repo: "limits",
      detailsUrl: "https://x/actions/runs/1",
    });
    const id = await checks.start("c", repo.branches.get("main") as string, "r1", {
      title: "t".repeat(300),
      summary: "s".repeat(100_000),
      text: "x".repeat(100_000),
      annotations: [
        {
          path: "a.md",
          start_line: 1,
          end_line: 1,
          annotation_level: "failure",
          title: "T".repeat(300),
          message: "m".repeat(70_000),
        },
      ],
    });
    const run = repo.checkRuns.get(id);
    expect(run?.output.summary?.length).toBeLessThanOrEqual(65_535);
    expect(run?.output.summary).toContain("[the workflow run's log](https://x/actions/runs/1)");
    expect(fake.takeViolations()).toEqual([]);
  });
});
