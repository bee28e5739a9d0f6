// The Action's run when GitHub misbehaves (a proxy in front of the loopback fake): a read answered
// 502 is retried and the run succeeds; a secondary rate limit on a check run waits `retry-after` and
// sends it again, with one check run per step in the end; a POST answered 502 (it may have been done)
// is not repeated, and the run ends (on or rolled back), says why and releases its target.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../src/action/main.ts";
import { createOctokit } from "../../src/github/octokit.ts";
import { actionEnv, dispatchPayload } from "../support/action-env.ts";
import { createGitOrigin, type GitOrigin, OriginBranches } from "../support/git-origin.ts";
import { addRepo, type FakeRepo, type GitHubFake, startGitHubFake } from "../support/github-fake/index.ts";
import { recordingIo } from "../support/recording-io.ts";
import { useTestDb } from "../support/test-db.ts";
import { type FlakyGitHub, startFlakyGitHub } from "./support/flaky-github.ts";

const testDb = useTestDb("postgres", "hostile_github");
const FULL = Boolean(process.env.HOSTILE_FULL);
const SCENARIO = `# Scenario: Two parts

Writes two files, one step each.

## Metadata
- **ID**: \`two-parts\`
- **Object Type**: infra
- **Complexity**: simple
- **Automation**: 100%
- **Dependencies**: none

## Parameters
- \`name\` (required): A name. Pattern: \`^[a-z]+$\`. Example: \`alpha\`

## Steps
1. **Write part 1** [automated]
   \`\`\`text file=out/{name}-1.txt
   one
   \`\`\`
2. **Write part 2** [automated]
   \`\`\`text file=out/{name}-2.txt
   two
   \`\`\`

## Post-Validation
1. [ ] Both parts exist
   \`\`\`bash check
   test -f out/{name}-2.txt
   \`\`\`

## Rollback
1. **Remove them**
   \`\`\`bash
   rm -rf out
   \`\`\`
`;

let fake: GitHubFake;
let flaky: FlakyGitHub;
let origin: GitOrigin;
let repo: FakeRepo;
beforeAll(async () => {
  fake = await startGitHubFake();
  flaky = await startFlakyGitHub(fake.url);
});
afterAll(async () => {
  await flaky.close();
  await fake.close();
});
beforeEach(() => {
  origin = createGitOrigin({ files: { "README.md": "# flaky\n", "scenarios/two-parts.md": SCENARIO } });
  repo = addRepo(fake.state, { owner: "acme", name: `flaky${Math.random().toString(36).slice(2, 8)}` });
  repo.branches = new OriginBranches(origin.bare);
  flaky.faults.length = 0;
  flaky.seen.length = 0;
  flaky.hangs.length = 0;
});
afterEach(() => origin.dispose());

async function action(name: string) {
  const io = recordingIo({
    "github-token": "ghs_runner",
    command: "run",
    scenario: "two-parts",
    params: JSON.stringify({ name }),
    "database-url": testDb.url ?? "",
  });
  const { env } = actionEnv({
    apiUrl: flaky.url,
    repository: `acme/${repo.name}`,
    workspace: origin.checkout,
    eventName: "workflow_dispatch",
    payload: dispatchPayload({}),
  });
  const result = await run({ io, env: { ...env, PATH: process.env.PATH }, retries: 2 });
  return { io, result };
}

const stepChecks = () =>
  [...repo.checkRuns.values()]
    .filter((c) => /^scenario \/ \d\. /.test(c.name) && c.conclusion === "success")
    .map((c) => c.name)
    .sort();

describe("GitHub answering badly during a run", () => {
  // With retries on, plugin-throttling spaces writes a second apart: ~15 s a run, so these two run in
  // the full suite (npm run test:hostile); test/action/github/octokit.test.ts holds the same rules in CI.
  it.runIf(FULL)("a read answered 502 is retried and the run succeeds", async () => {
    flaky.faults.push({ method: "GET", path: /\/pulls$/, reply: 502, times: 1 });
    const { io, result } = await action("alpha");
    expect(io.failed).toEqual([]);
    expect(result?.status).toBe("succeeded");
    expect(flaky.seen.filter((s) => s.startsWith("GET") && s.includes("/pulls ")).slice(0, 2)).toEqual([
      `GET /repos/acme/${repo.name}/pulls -> 502`,
      `GET /repos/acme/${repo.name}/pulls -> 200`,
    ]);
    expect(stepChecks()).toEqual(["scenario / 1. Write part 1", "scenario / 2. Write part 2"]);
  });

  it.runIf(FULL)(
    "a secondary rate limit on a check run waits retry-after, sends it again, and leaves one check per step",
    async () => {
      flaky.faults.push({
        method: "POST",
        path: /\/check-runs$/,
        reply: 403,
        headers: { "retry-after": "1" },
        body: {
          message:
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        },
      });
      const started = Date.now();
      const { io, result } = await action("beta");
      expect(io.failed).toEqual([]);
      expect(result?.status).toBe("succeeded");
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(flaky.seen.filter((s) => s.includes("/check-runs ")).slice(0, 2)).toEqual([
        `POST /repos/acme/${repo.name}/check-runs -> 403`,
        `POST /repos/acme/${repo.name}/check-runs -> 201`,
      ]);
      expect(stepChecks()).toEqual(["scenario / 1. Write part 1", "scenario / 2. Write part 2"]);
    },
  );

  // The Action decides whether an outage while reporting stops the run (rolled back) or is a warning
  // (it goes on); either way: the POST is not repeated, nothing is posted twice, the run is not left
  // holding its target, and the person is told.
  it("a check run POST answered 502 is not repeated; the run ends, says why, and releases its target", async () => {
    flaky.faults.push({ method: "POST", path: /\/check-runs$/, reply: 502 });
    const { io, result } = await action("gamma");
    const posts = flaky.seen.filter((s) => s.startsWith("POST") && s.includes("/check-runs "));
    expect(posts[0]).toBe(`POST /repos/acme/${repo.name}/check-runs -> 502`);
    expect(posts.slice(1).every((p) => !p.endsWith("502"))).toBe(true);
    expect(["succeeded", "rolled_back"]).toContain(result?.status);
    const told = [...io.failed, ...io.annotations.map((a) => a.message)].join("\n");
    expect(told).toMatch(/Server Error|502/);
    const names = [...repo.checkRuns.values()].map((c) => `${c.name} @${c.headSha}`);
    expect(new Set(names).size).toBe(names.length);
    expect((await testDb.db.query("SELECT * FROM scenario_locks")).rows).toEqual([]);
    const status = await testDb.db.query<{ status: string }>(
      "SELECT status FROM scenario_runs WHERE params->>'name' = 'gamma'",
    );
    expect(status.rows.map((r) => r.status)).toEqual([result?.status]);
  });
});

describe("GitHub not answering at all", () => {
  // Every request of the client has the deadline, the retry that must succeed too: well above what a
  // loopback request takes on a loaded machine (300 ms was not), the hang bounded far below the
  // test's timeout (without a deadline it would last until then).
  const DEADLINE_MS = 2_000;
  const heldAtMost = DEADLINE_MS + 10_000;

  it("a read that hangs is abandoned at the deadline and retried; a POST that hangs is reported, not sent twice", async () => {
    const octokit = createOctokit({
      token: "ghs_runner",
      baseUrl: flaky.url,
      retries: 1,
      timeoutMs: DEADLINE_MS,
    });
    flaky.faults.push({ method: "GET", path: /\/pulls$/, reply: "hang" });
    const { data } = await octokit.rest.pulls.list({ owner: "acme", repo: repo.name });
    expect(data).toEqual([]);
    expect(flaky.seen).toEqual([
      `GET /repos/acme/${repo.name}/pulls -> hang`,
      `GET /repos/acme/${repo.name}/pulls -> 200`,
    ]);

    flaky.seen.length = 0;
    flaky.faults.push({ method: "POST", path: /\/issues$/, reply: "hang" });
    await expect(octokit.rest.issues.create({ owner: "acme", repo: repo.name, title: "x" })).rejects.toThrow(
      /aborted due to timeout/,
    );
    expect(flaky.seen).toEqual([`POST /repos/acme/${repo.name}/issues -> hang`]);
    // Each was held until the client's deadline gave up on it.
    await vi.waitFor(() => expect(flaky.hangs.map((h) => h.heldMs !== undefined)).toEqual([true, true]));
    for (const hang of flaky.hangs) {
      expect(hang.heldMs).toBeGreaterThan(DEADLINE_MS / 2);
      expect(hang.heldMs).toBeLessThan(heldAtMost);
    }
  });
});
