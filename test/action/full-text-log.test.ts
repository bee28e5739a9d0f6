// A body the job cuts to GitHub's limit links the workflow run's log, and the log holds its whole text,
// fenced by stop-commands so that no line of it is read by the runner as a workflow command.
import { afterAll, beforeAll, expect, it } from "vitest";
import { fullTextInLog } from "../../src/action/full-text-log.ts";
import { createOctokit } from "../../src/github/octokit.ts";
import { GitHubRepository } from "../../src/github/repository.ts";
import { MAX_BODY_CHARS } from "../../src/github/text-limits.ts";
import { addRepo, type GitHubFake, startGitHubFake } from "../support/github-fake/index.ts";
import { recordingIo } from "../support/recording-io.ts";

let fake: GitHubFake;
beforeAll(async () => {
  fake = await startGitHubFake();
});
afterAll(() => fake.close());

it("posts the cut body with a link to the run's log, and prints the whole text there between stop-commands", async () => {
  const repo = addRepo(fake.state, { owner: "acme", name: "mono" });
  repo.issues.set(7, {
    number: 7,
    title: "t",
    body: null,
    state: "open",
    labels: [],
    user: { login: "alice", id: 1, type: "User" },
    createdAt: "2026-01-01T00:00:00Z",
    updatedAt: "2026-01-01T00:00:00Z",
  });
  const io = recordingIo();
  const runUrl = "https://github.com/acme/mono/actions/runs/4242";
  const github = new GitHubRepository(
    createOctokit({ token: "ghs_job", baseUrl: fake.url, retries: 0 }),
    "acme",
    "mono",
    { bodies: fullTextInLog(io, runUrl) },
  );
  // Output a step printed: one of its lines looks like a workflow command.
  const output = `::error::not a command\n${"a line of output\n".repeat(5_000)}`;
  const body = `<!-- scenario-bot run:20261201-log001 -->\n\n\`\`\`\n${output}\`\`\``;

  const posted = await github.issues.comment(7, body);

  const sent = repo.comments.get(posted.id)?.body ?? "";
  expect(sent.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
  expect(sent).toContain(`the whole text is in [the workflow run's log](${runUrl})`);
  expect(sent.startsWith("<!-- scenario-bot run:20261201-log001 -->\n")).toBe(true);
  const [said, stop, whole, resume, ...rest] = io.logs;
  expect(said).toBe("the comment on #7 was cut to stay within GitHub's limit; its whole text follows.");
  expect(stop).toMatch(/^::stop-commands::[0-9a-f-]{36}$/);
  expect(whole).toBe(body);
  expect(resume).toBe(`::${stop?.slice("::stop-commands::".length)}::`);
  expect(rest).toEqual([]);
});
