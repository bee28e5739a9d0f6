// `command: check` on a pull_request event (GitHub's example payloads): the changed scenario documents
// validated through the catalog, problems as annotations at file:line (workflow and check run), notes
// as notices, and on a pull request from this repository's own branches each changed scenario
// self-tested (`scenario test` as a process); a fork's documents are only validated.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { run } from "../../../src/action/main.ts";
import { initFiles } from "../../../src/cli/commands/init.ts";
import { actionEnv, dispatchPayload } from "../../support/action-env.ts";
import { createGitOrigin, type GitOrigin } from "../../support/git-origin.ts";
import {
  addRepo,
  type FakeRepo,
  type GitHubFake,
  grantToken,
  refusedRequests,
  startGitHubFake,
  workflowIdentity,
} from "../../support/github-fake/index.ts";
import { recordingIo } from "../../support/recording-io.ts";
import { example } from "../../support/webhook-payloads.ts";

/** Three small documents: one whose self-test passes, one whose rollback leaves a file, one that fails post-validation. */
const FIXTURES = join(import.meta.dirname, "../../cli/test-command-scenarios");
const FORK = "octo-fork/Hello-World";
let fake: GitHubFake;
let origin: GitOrigin;
let repo: FakeRepo;

beforeAll(async () => {
  fake = await startGitHubFake();
  origin = createGitOrigin({
    copyDirs: { scenarios: FIXTURES },
    files: { "README.md": "# notes\n", "notes/.keep": "" },
  });
});
afterAll(async () => {
  await fake.close();
  origin.dispose();
});
beforeEach(() => {
  repo = addRepo(fake.state, { owner: "acme", name: `chk${Math.random().toString(36).slice(2, 8)}` });
  fake.requests.length = 0;
});

async function check(
  files: { filename: string; status: string }[],
  options: { fork?: boolean; apiUrl?: string; token?: string } = {},
) {
  const payload = example("pull_request", (x) => x.action === "opened");
  payload.repository.name = repo.name;
  payload.repository.owner.login = "acme";
  payload.repository.full_name = `acme/${repo.name}`;
  const head = payload.pull_request.head.repo;
  if (head) head.full_name = options.fork ? FORK : `acme/${repo.name}`;
  if (head && options.fork) head.fork = true;
  const at = new Date().toISOString();
  repo.issues.set(payload.number, {
    number: payload.number,
    title: "docs",
    body: "",
    state: "open",
    labels: [],
    user: { login: "octocat", id: 1, type: "User" },
    pull: {
      head: "docs",
      base: "main",
      headSha: payload.pull_request.head.sha,
      draft: false,
      merged: false,
      ...(options.fork ? { headRepo: FORK } : {}),
    },
    createdAt: at,
    updatedAt: at,
  });
  repo.pullFiles.set(payload.number, files as never);
  const io = recordingIo({ command: "check", "github-token": options.token ?? "ghs_runner" });
  const { env } = actionEnv({
    apiUrl: options.apiUrl ?? fake.url,
    repository: `acme/${repo.name}`,
    workspace: origin.checkout,
    eventName: "pull_request",
    payload,
  });
  const result = await run({ io, env, retries: 0 });
  return { io, result, headSha: payload.pull_request.head.sha, number: String(payload.number) };
}

interface Annotated {
  path: string;
  annotation_level: string;
  message: string;
}
const checkRun = () => [...repo.checkRuns.values()][0];
const annotationsOf = () => (checkRun()?.annotations ?? []) as Annotated[];

/** The `permissions:` of the check job `scenario init --mode zero-server` writes. */
function initCheckJobPermissions(): Record<string, string> {
  const text = initFiles("zero-server")[".github/workflows/scenario-checks.yml"] as string;
  const doc = parse(text) as { jobs: { check: { permissions: Record<string, string> } } };
  return doc.jobs.check.permissions;
}

describe("command: check", () => {
  it("on the GITHUB_TOKEN of the check job `scenario init` writes, validates and self-tests with nothing refused", async () => {
    grantToken(fake.state, "ghs_check_job", workflowIdentity(initCheckJobPermissions()));
    const { io, result } = await check([{ filename: "scenarios/reviewed-note.md", status: "modified" }], {
      token: "ghs_check_job",
    });
    expect(refusedRequests(fake.requests)).toEqual([]);
    expect(io.failed).toEqual([]);
    expect(result?.status).toBe("success");
    expect(io.summary).toContain("reviewed-note");
    expect(checkRun()).toMatchObject({ name: "scenario docs", conclusion: "success" });
  });

  it("validates a fork's changed documents and self-tests none of them", async () => {
    const { io, result, headSha } = await check(
      [
        { filename: "scenarios/reviewed-note.md", status: "modified" },
        { filename: "README.md", status: "modified" },
      ],
      { fork: true },
    );
    expect(result?.status).toBe("success");
    expect(io.failed).toEqual([]);
    expect(io.summary).toContain("| `scenarios/reviewed-note.md` | ✅ valid | — |");
    expect(io.summary).toContain(
      `Not self-tested: this pull request comes from ${FORK}; a fork's documents are untrusted code, so they were only validated.`,
    );
    expect(checkRun()).toMatchObject({ name: "scenario docs", headSha, conclusion: "success" });
    expect(checkRun()?.output?.summary).toContain("only validated");
  });

  it("on a fork's pull request, whose GITHUB_TOKEN GitHub makes read-only, still validates and annotates", async () => {
    // https://docs.github.com/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token
    const readOnly = Object.fromEntries(Object.keys(initCheckJobPermissions()).map((k) => [k, "read"]));
    grantToken(fake.state, "ghs_fork_job", workflowIdentity(readOnly));
    writeFileSync(
      join(origin.checkout, "scenarios/broken.md"),
      "# Scenario: Broken\n\n## Metadata\n- **ID**: `broken`\n- **Object Type**: spaceship\n",
    );
    const { io, result } = await check([{ filename: "scenarios/broken.md", status: "added" }], {
      token: "ghs_fork_job",
      fork: true,
    });
    expect(result?.status).toBe("failure");
    expect(io.failed[0]).toMatch(/problem\(s\) in 1 changed scenario document/);
    expect(
      io.annotations.some((a) => a.level === "error" && a.annotation?.file === "scenarios/broken.md"),
    ).toBe(true);
    expect(io.annotations.map((a) => a.message).join("\n")).toContain("read-only token");
    expect(io.summary).toContain("| `scenarios/broken.md` | ❌");
    expect(repo.checkRuns.size).toBe(0);
    // Only the check run was refused; the same 403 on a same-repository pull request still fails the job.
    expect(refusedRequests(fake.requests).map((r) => r.operation)).toEqual(["checks/create"]);
  });

  it("dispatched by the App for a fork's pull request number, still only validates", async () => {
    const { headSha, number } = await check(
      [{ filename: "scenarios/reviewed-note.md", status: "modified" }],
      { fork: true },
    );
    repo.checkRuns.clear();
    const inputs = { command: "check", "issue-number": number, "github-token": "ghs_app" };
    const io = recordingIo(inputs);
    const { env } = actionEnv({
      apiUrl: fake.url,
      repository: `acme/${repo.name}`,
      workspace: origin.checkout,
      eventName: "workflow_dispatch",
      payload: dispatchPayload({ command: "check", "issue-number": number }),
    });
    const result = await run({ io, env: { ...env, GITHUB_SHA: headSha }, retries: 0 });
    expect(result?.status).toBe("success");
    expect(io.summary).toContain(`Not self-tested: this pull request comes from ${FORK}`);
    expect(checkRun()).toMatchObject({ name: "scenario docs", headSha, conclusion: "success" });
  });

  it("talks to a GitHub Enterprise Server API root (GITHUB_API_URL ending in /api/v3)", async () => {
    const { result } = await check([{ filename: "README.md", status: "modified" }], {
      apiUrl: `${fake.url}/api/v3`,
    });
    expect(result?.status).toBe("success");
    expect(fake.requests.length).toBeGreaterThan(0);
    expect([...repo.checkRuns.values()]).toMatchObject([{ name: "scenario docs", conclusion: "success" }]);
  });

  it("annotates a broken document at its line and fails, without self-testing it", async () => {
    writeFileSync(
      join(origin.checkout, "scenarios/broken.md"),
      "# Scenario: Broken\n\n## Metadata\n- **ID**: `broken`\n- **Object Type**: spaceship\n",
    );
    const { io, result } = await check([{ filename: "scenarios/broken.md", status: "added" }]);
    expect(result?.status).toBe("failure");
    expect(io.failed[0]).toMatch(/problem\(s\) in 1 changed scenario document/);
    const errors = io.annotations.filter((a) => a.level === "error");
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.some((a) => a.annotation?.file === "scenarios/broken.md" && a.annotation.startLine === 5),
    ).toBe(true);
    expect(checkRun()?.conclusion).toBe("failure");
    expect(checkRun()?.annotations.length).toBe(errors.length);
    expect(io.summary).toContain("| `scenarios/broken.md` | ❌");
    expect(refusedRequests(fake.requests)).toEqual([]);
  });

  it("shows a README and a file that is no scenario as notes (notices), not failures", async () => {
    writeFileSync(join(origin.checkout, "scenarios/README.md"), "# Our scenarios\n\nHow we write them.\n");
    writeFileSync(
      join(origin.checkout, "scenarios/recipe.md"),
      "# Add a service\n\n### 1. Create the folder\n\n```bash\nmkdir x\n```\n",
    );
    const { io, result } = await check(
      [
        { filename: "scenarios/README.md", status: "added" },
        { filename: "scenarios/recipe.md", status: "added" },
      ],
      { fork: true },
    );
    expect(result?.status).toBe("success");
    expect(io.failed).toEqual([]);
    expect(io.annotations.filter((a) => a.level === "error")).toEqual([]);
    const notices = io.annotations.filter((a) => a.level === "notice");
    expect(notices.map((a) => a.annotation?.file).sort()).toEqual([
      "scenarios/README.md",
      "scenarios/recipe.md",
    ]);
    expect(notices.map((a) => a.message).join("\n")).toMatch(/not a scenario/);
    expect(checkRun()?.conclusion).toBe("success");
    expect(
      annotationsOf()
        .map((a) => [a.path, a.annotation_level])
        .sort(),
    ).toEqual([
      ["scenarios/README.md", "notice"],
      ["scenarios/recipe.md", "notice"],
    ]);
    expect(io.summary).toContain("| `scenarios/README.md` | ℹ️ note | — |");
  });

  it("self-tests the changed scenarios of a same-repository pull request and fails on a rollback that leaves a file", async () => {
    const before = origin.git(origin.checkout, "status", "--porcelain");
    const { io, result, headSha } = await check([
      { filename: "scenarios/reviewed-note.md", status: "modified" },
      { filename: "scenarios/leaves-a-file.md", status: "added" },
    ]);
    expect(result?.status).toBe("failure");
    expect(io.failed[0]).toBe("1 scenario self-test(s) failed; see the annotations.");
    expect(io.summary).toContain(
      "| `scenarios/reviewed-note.md` | ✅ valid | ✅ passed (run, post-validation, rollback, tree restored) |",
    );
    expect(io.summary).toContain("| `scenarios/leaves-a-file.md` | ✅ valid | ❌ failed: tree restored |");
    const run = checkRun();
    expect(run).toMatchObject({ name: "scenario docs", headSha, conclusion: "failure" });
    expect(run?.output?.title).toBe("1 self-test(s) failed");
    expect(annotationsOf()).toMatchObject([
      { path: "scenarios/leaves-a-file.md", annotation_level: "failure", title: "scenario test" },
    ]);
    expect(annotationsOf()[0]?.message).toContain("A notes/first.log");
    // The checkout the job works in is as it was: the tests ran in throwaway clones.
    expect(origin.git(origin.checkout, "status", "--porcelain")).toBe(before);
    expect(origin.git(origin.checkout, "branch", "--list")).toBe("* main");
    expect(refusedRequests(fake.requests)).toEqual([]);
  }, 300_000);
});
