// `command: run`, in process: create-shared-service (the fixture of test/support/action-repo.ts) on a copy of the example
// monorepo, pushed to a bare origin, reported to the loopback GitHub fake, stored in PostgreSQL.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useActionRepo } from "../support/action-repo.ts";
import { refusedRequests, withoutConfigReads } from "../support/github-fake/index.ts";
import { useTestDb } from "../support/test-db.ts";
import { startJob } from "./support/start-job.ts";

const root = join(import.meta.dirname, "../..");
const testDb = useTestDb("postgres", "action_run");

const t = useActionRepo();

/** 1-based line of the first line starting with `prefix`, so the test follows edits of the document. */
function lineOf(file: string, prefix: string): number {
  return (
    readFileSync(join(root, file), "utf8")
      .split("\n")
      .findIndex((l) => l.startsWith(prefix)) + 1
  );
}

function start(inputs: Record<string, string>, signal?: AbortSignal, fetchImpl?: typeof fetch) {
  return startJob(
    {
      fake: t.fake,
      repo: t.repo,
      workspace: t.origin.checkout,
      ...(testDb.url ? { databaseUrl: testDb.url } : {}),
      ...(signal ? { signal } : {}),
      ...(fetchImpl ? { fetch: fetchImpl } : {}),
    },
    inputs,
  );
}

describe("command: run", () => {
  it("runs create-shared-service: one pushed commit and one check run per step, the PR, outputs and summary", async () => {
    const { io, done } = start({
      command: "run",
      scenario: "create-shared-service",
      params: '{"name":"billing-service"}',
      "run-id": "20261124-run001",
    });
    const result = await done;
    expect(io.failed).toEqual([]);
    expect(result).toMatchObject({
      status: "succeeded",
      runId: "20261124-run001",
      branch: "scenario/create-shared-service/20261124-run001",
    });
    expect(io.outputs).toMatchObject({
      status: "succeeded",
      "run-id": "20261124-run001",
      branch: result?.branch,
    });

    // A commit per step that changed something (the checks and the checkpoint change nothing).
    const commits = t.origin.log(result?.branch as string);
    expect(commits.slice(1).map((s) => s.split(":")[1]?.trim())).toEqual([
      "Write the service",
      "Export it from the shared index",
      "execution log",
    ]);
    const verdicts = [...t.repo.checkRuns.values()].filter((c) => c.conclusion !== "neutral");
    expect(verdicts.map((c) => [c.name, c.conclusion])).toEqual([
      ["scenario / 1. Check the name against the conventions", "success"],
      ["scenario / 2. Write the service", "success"],
      ["scenario / 3. Export it from the shared index", "success"],
      ["scenario / 4. Check the syntax", "success"],
      ["scenario / 5. Load it through the index and ask its health", "success"],
      ["scenario / 6. Ready for review", "success"],
      ["scenario / create-shared-service", "success"],
    ]);
    const head = t.origin.remoteSha(result?.branch as string);
    expect(verdicts.at(-1)?.headSha).toBe(head);
    const pr = [...t.repo.issues.values()].find((i) => i.pull);
    expect(pr?.number).toBe(result?.pullRequest);
    expect(io.outputs["pull-request"]).toBe(String(pr?.number));
    expect(pr?.body).toContain("✅ succeeded");
    expect(io.summary).toContain("```mermaid");
    expect(io.summary).toContain("| 6 | Ready for review");
    expect(refusedRequests(t.fake.requests)).toEqual([]);
  });

  it("names the run branch with the repository's branch_prefix from .github/scenarios.yml, and leaves out the integrations it turns off", async () => {
    const work = t.origin.checkout;
    mkdirSync(join(work, ".github"), { recursive: true });
    writeFileSync(
      join(work, ".github/scenarios.yml"),
      "branch_prefix: bots/scenario-\nintegrations:\n  execution_log: false\n",
    );
    t.origin.git(work, "add", ".github/scenarios.yml");
    t.origin.git(work, "commit", "-q", "-m", "configure scenario-bot");
    t.origin.git(work, "push", "-q", "origin", "HEAD:main");
    const { io, done } = start({
      command: "run",
      scenario: "add-pnpm-script",
      params: '{"name":"build:all","workspace_script":"build"}',
      "run-id": "20261124-pre001",
    });
    const result = await done;
    expect(io.failed).toEqual([]);
    expect(result).toMatchObject({
      status: "succeeded",
      branch: "bots/scenario-add-pnpm-script/20261124-pre001",
    });
    expect(t.origin.remoteSha("bots/scenario-add-pnpm-script/20261124-pre001")).toMatch(/^[0-9a-f]{40}$/);
    expect(
      t.origin.git(
        t.origin.bare,
        "log",
        "--format=%s",
        "main..bots/scenario-add-pnpm-script/20261124-pre001",
      ),
    ).not.toContain("execution log");
  });

  it("adds its commits to the same-repository pull request it was asked on, keeping that PR's description", async () => {
    // A contributor's branch with one commit, and its open pull request.
    const work = t.origin.freshCheckout("contributor");
    t.origin.git(work, "switch", "-q", "-c", "feature/billing");
    t.origin.git(work, "commit", "-q", "--allow-empty", "-m", "feature work");
    t.origin.git(work, "push", "-q", "origin", "feature/billing");
    const featureSha = t.origin.remoteSha("feature/billing") as string;
    const at = new Date().toISOString();
    t.repo.issues.set(9, {
      number: 9,
      title: "Billing",
      body: "Adds billing. Please review.",
      state: "open",
      labels: [],
      user: { login: "octocat", id: 1, type: "User" },
      pull: { head: "feature/billing", base: "main", headSha: featureSha, draft: false, merged: false },
      createdAt: at,
      updatedAt: at,
    });
    t.repo.nextNumber = 10;
    const { io, done } = start({
      command: "run",
      scenario: "create-shared-service",
      params: '{"name":"billing"}',
      "run-id": "20261124-onpr01",
      "issue-number": "9",
    });
    const result = await done;
    expect(io.failed).toEqual([]);
    expect(result).toMatchObject({ status: "succeeded", branch: "feature/billing", pullRequest: 9 });
    expect(t.origin.log("feature/billing")).toContain("feature work");
    expect(t.origin.log("feature/billing").at(-1)).toMatch(/execution log/);
    expect([...t.repo.issues.values()].filter((i) => i.pull)).toHaveLength(1);
    const body = t.repo.issues.get(9)?.body ?? "";
    expect(body.startsWith("Adds billing. Please review.\n\n<!-- scenario-run:start -->")).toBe(true);
    expect(body).toContain("✅ succeeded");
    expect(body.match(/scenario-run:start/g)).toHaveLength(1);
  });

  it("cancels a waiting run in a later job: rolled back, branch reset, recorded as cancelled", async () => {
    const first = start({
      command: "run",
      scenario: "setup-environment",
      params: '{"environment":"test"}',
      "run-id": "20261124-cancel",
    });
    expect((await first.done)?.status).toBe("waiting");
    // Without an issue the checklist went to a new issue, the run's dev task.
    expect([...t.repo.issues.values()].find((i) => !i.pull)?.title).toBe(
      "Manual steps: setup-environment test",
    );
    const { io, done } = start({ command: "cancel", "run-id": "20261124-cancel" });
    const result = await done;
    expect(result?.status).toBe("cancelled");
    // Its pull request (opened after the first pushed step) is closed: nothing is left to review.
    expect([...t.repo.issues.values()].find((i) => i.pull?.head === result?.branch)?.state).toBe("closed");
    expect(io.summary).toContain("🚫 cancelled");
    expect(t.origin.remoteSha(result?.branch as string)).toBe(t.origin.remoteSha("main"));
  });

  it("a cancelled job (the runner's SIGINT) stops the run, rolls it back and resets its branch", async () => {
    const controller = new AbortController();
    const { io, done } = start(
      {
        command: "run",
        scenario: "create-shared-service",
        params: '{"name":"billing"}',
        "run-id": "20261124-abort1",
      },
      controller.signal,
    );
    const info = io.info;
    io.info = (message) => {
      info(message);
      if (message.startsWith("[3/")) controller.abort();
    };
    const result = await done;
    expect(result?.status).toBe("cancelled");
    expect(t.origin.remoteSha(result?.branch as string)).toBe(t.origin.remoteSha("main"));
    const aggregate = [...t.repo.checkRuns.values()].find(
      (c) => c.name === "scenario / create-shared-service" && c.conclusion !== "neutral",
    );
    expect(aggregate?.conclusion).toBe("cancelled");
  });

  it("a GitHub outage while reporting a later step is a warning: the run still succeeds", async () => {
    let checkPosts = 0;
    const flaky: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (init?.method === "POST" && url.endsWith("/check-runs") && ++checkPosts === 4) {
        return new Response(JSON.stringify({ message: "Server Error" }), {
          status: 502,
          headers: { "content-type": "application/json" },
        });
      }
      return fetch(input, init);
    };
    const { io, done } = start(
      {
        command: "run",
        scenario: "create-shared-service",
        params: '{"name":"billing"}',
        "run-id": "20261124-flaky1",
      },
      undefined,
      flaky,
    );
    const result = await done;
    expect(result?.status).toBe("succeeded");
    expect(io.failed).toEqual([]);
    expect(io.annotations.filter((a) => a.level === "warning").map((a) => a.message)).toEqual([
      expect.stringMatching(/^GitHub failed while reporting step \d's (check run|verdict) \(Server Error/),
    ]);
  });

  it("refuses a bad parameter before anything runs, with the rule and an example", async () => {
    const { io, done } = start({
      command: "run",
      scenario: "create-shared-service",
      params: '{"name":"Billing Service!"}',
    });
    expect(await done).toBeUndefined();
    expect(io.failed).toHaveLength(1);
    expect(io.failed[0]).toMatch(/name/);
    expect(io.failed[0]).toMatch(/email-digest-service/);
    expect(io.annotations).toMatchObject([
      {
        level: "error",
        annotation: {
          title: "parameter name (pattern)",
          file: "scenarios/service/create-shared-service.md",
          startLine: lineOf(
            "test/fixtures/action-scenarios/service/create-shared-service.md",
            "- `name` (required)",
          ),
        },
      },
    ]);
    // Reads only: the config, and who this job's token acts as (which App's dispatch it takes as checked).
    const viewer = (r: { body: unknown }) => /viewer/.test(String((r.body as { query?: string })?.query));
    expect(withoutConfigReads(t.fake.requests).filter((r) => !viewer(r))).toEqual([]);
    expect(t.origin.git(t.origin.bare, "branch", "--list")).toBe("* main");
  });

  it("fails a run at its first step: no check run on main, the reason annotated, the branch reset to its base", async () => {
    const { io, done } = start({
      command: "run",
      scenario: "create-shared-service",
      params: '{"name":"index"}',
      "run-id": "20261124-fail01",
    });
    const result = await done;
    expect(result?.status).toBe("rolled_back");
    expect(io.failed[0]).toMatch(/20261124-fail01.*rolled back/);
    // Step 1 failed before the run had a commit of its own: no check run at all (none on main); the
    // failure is an error annotation on the document, with the reason.
    expect([...t.repo.checkRuns.values()]).toEqual([]);
    expect(io.annotations.some((a) => a.level === "error" && a.message.includes("'index' is reserved"))).toBe(
      true,
    );
    expect(t.origin.remoteSha(result?.branch as string)).toBe(t.origin.remoteSha("main"));
    expect(
      io.annotations.some(
        (a) => a.level === "error" && a.annotation?.file === "scenarios/service/create-shared-service.md",
      ),
    ).toBe(true);
  });
});
