// `command: check` on a pull_request event: the changed scenario documents validated through the
// catalog, problems as annotations at file:line (workflow and check run) and in the job summary.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { run } from "../../../src/action/main.ts";
import { actionEnv } from "../../support/action-env.ts";
import { createGitOrigin, type GitOrigin } from "../../support/git-origin.ts";
import {
  addRepo,
  type FakeRepo,
  type GitHubFake,
  refusedRequests,
  startGitHubFake,
} from "../../support/github-fake/index.ts";
import { recordingIo } from "../../support/recording-io.ts";
import { example } from "../../support/webhook-payloads.ts";

const root = join(import.meta.dirname, "../../..");
let fake: GitHubFake;
let origin: GitOrigin;
let repo: FakeRepo;

beforeAll(async () => {
  fake = await startGitHubFake();
  origin = createGitOrigin({ copyDirs: { scenarios: join(root, "scenarios") }, files: {} });
});
afterAll(async () => {
  await fake.close();
  origin.dispose();
});
beforeEach(() => {
  repo = addRepo(fake.state, { owner: "acme", name: `chk${Math.random().toString(36).slice(2, 8)}` });
  fake.requests.length = 0;
});

async function check(files: { filename: string; status: string }[], apiUrl = fake.url) {
  const payload = example("pull_request" as never, (x) => x.action === "opened") as unknown as {
    number: number;
    repository: { name: string; owner: { login: string } };
    pull_request: { head: { sha: string } };
  };
  payload.repository.name = repo.name;
  payload.repository.owner.login = "acme";
  const at = new Date().toISOString();
  repo.issues.set(payload.number, {
    number: payload.number,
    title: "docs",
    body: "",
    state: "open",
    labels: [],
    user: { login: "octocat", id: 1, type: "User" },
    pull: { head: "docs", base: "main", headSha: payload.pull_request.head.sha, draft: false, merged: false },
    createdAt: at,
    updatedAt: at,
  });
  repo.pullFiles.set(payload.number, files as never);
  const io = recordingIo({ command: "check", "github-token": "ghs_runner" });
  const { env } = actionEnv({
    apiUrl,
    repository: `acme/${repo.name}`,
    workspace: origin.checkout,
    eventName: "pull_request",
    payload,
  });
  return { io, result: await run({ io, env, retries: 0 }), headSha: payload.pull_request.head.sha };
}

describe("command: check", () => {
  it("passes valid changed documents and ignores other files", async () => {
    const { io, result, headSha } = await check([
      { filename: "scenarios/service/create-shared-service.md", status: "modified" },
      { filename: "README.md", status: "modified" },
    ]);
    expect(result?.status).toBe("success");
    expect(io.failed).toEqual([]);
    expect(io.summary).toContain("| `scenarios/service/create-shared-service.md` | ✅ valid |");
    expect([...repo.checkRuns.values()]).toMatchObject([
      { name: "scenario docs", headSha, conclusion: "success" },
    ]);
  });

  it("talks to a GitHub Enterprise Server API root (GITHUB_API_URL ending in /api/v3)", async () => {
    const { result } = await check(
      [{ filename: "scenarios/service/create-shared-service.md", status: "modified" }],
      `${fake.url}/api/v3`,
    );
    expect(result?.status).toBe("success");
    expect(fake.requests.length).toBeGreaterThan(0);
    expect([...repo.checkRuns.values()]).toMatchObject([{ name: "scenario docs", conclusion: "success" }]);
  });

  it("annotates a broken document at its line and fails", async () => {
    writeFileSync(
      join(origin.checkout, "scenarios/service/broken.md"),
      "# Scenario: Broken\n\n## Metadata\n- **ID**: `broken`\n- **Object Type**: spaceship\n",
    );
    const { io, result } = await check([{ filename: "scenarios/service/broken.md", status: "added" }]);
    expect(result?.status).toBe("failure");
    expect(io.failed[0]).toMatch(/problem\(s\) in 1 changed scenario document/);
    const errors = io.annotations.filter((a) => a.level === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.some(
        (a) => a.annotation?.file === "scenarios/service/broken.md" && a.annotation.startLine === 5,
      ),
    ).toBe(true);
    const checkRun = [...repo.checkRuns.values()][0];
    expect(checkRun?.conclusion).toBe("failure");
    expect(checkRun?.annotations.length).toBe(errors.length);
    expect(refusedRequests(fake.requests)).toEqual([]);
  });
});
