// The Action on the token a workflow gets by default: GITHUB_TOKEN acts as `github-actions` with the
// job's `permissions:` (read from the shipped workflow), and GitHub refuses it pull requests while the
// repository's "Allow GitHub Actions to create and approve pull requests" is off. The run still
// succeeds: its branch is the work, and the log and summary say how to open the pull request.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { useActionRepo } from "../support/action-repo.ts";
import { GITHUB_ACTIONS_APP_ID, grantToken, workflowIdentity } from "../support/github-fake/index.ts";
import { startJob } from "./support/start-job.ts";

const root = join(import.meta.dirname, "../..");
const t = useActionRepo();

/** The `permissions:` of the scenario job, as the shipped workflow declares them. */
function jobPermissions(): Record<string, string> {
  const workflow = parse(readFileSync(join(root, ".github/workflows/scenario.yml"), "utf8"));
  return workflow.jobs.scenario.permissions;
}

beforeEach(() => {
  grantToken(t.fake.state, "ghs_runner", workflowIdentity(jobPermissions()));
});

const RUN = {
  command: "run",
  scenario: "create-shared-service",
  params: '{"name":"billing-service"}',
  "run-id": "20261124-tok001",
};

describe("the Action on GITHUB_TOKEN", { timeout: 180_000 }, () => {
  it("succeeds when GitHub refuses the pull request, and names the setting and the link to open it", async () => {
    const { io, done } = startJob({ fake: t.fake, repo: t.repo, workspace: t.origin.checkout }, RUN);
    const result = await done;
    expect(io.failed).toEqual([]);
    expect(result).toMatchObject({ status: "succeeded" });
    expect(result?.pullRequest).toBeUndefined();
    expect([...t.repo.issues.values()].filter((i) => i.pull)).toEqual([]);
    // GitHub was asked once, not once per step.
    const refused = t.fake.requests.filter((r) => r.operation === "pulls/create");
    expect(refused.map((r) => r.status)).toEqual([403]);
    const compare = `https://github.example/acme/${t.repo.name}/compare/main...scenario/create-shared-service/20261124-tok001?expand=1`;
    const warnings = io.annotations.filter((a) => a.level === "warning").map((a) => a.message);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"Allow GitHub Actions to create and approve pull requests"');
    expect(warnings[0]).toContain(compare);
    expect(io.summary).toContain(compare);
    // Every check run is github-actions', the app that will update them.
    expect(new Set([...t.repo.checkRuns.values()].map((c) => c.appId))).toEqual(
      new Set([GITHUB_ACTIONS_APP_ID]),
    );
  });

  it("opens the pull request when the repository allows it; GitHub starts no workflow for it", async () => {
    t.repo.actionsMayCreatePullRequests = true;
    const { io, done } = startJob({ fake: t.fake, repo: t.repo, workspace: t.origin.checkout }, RUN);
    const result = await done;
    expect(io.failed).toEqual([]);
    const pr = t.repo.issues.get(result?.pullRequest as number);
    expect(pr?.user.login).toBe("github-actions[bot]");
    expect(t.repo.events.find((e) => e.name === "pull_request")).toMatchObject({ startsWorkflows: false });
    expect(io.annotations.filter((a) => a.level === "warning")).toEqual([]);
  });
});
