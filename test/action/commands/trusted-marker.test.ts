// The run-state marker of a pull request is read only while the identity the job's token acts as last
// wrote the body: asked of the loopback fake through the real GitHub wrapper, for both tokens a job can
// hold (scenario-bot's App, a workflow's GITHUB_TOKEN), after a person's edit, and with a token GitHub
// will not tell.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trustedRunMarker } from "../../../src/action/commands/trusted-marker.ts";
import { renderMarker } from "../../../src/action/render/pr-body.ts";
import { createOctokit } from "../../../src/github/octokit.ts";
import { GitHubRepository } from "../../../src/github/repository.ts";
import {
  addRepo,
  editBody,
  type FakeRepo,
  type GitHubFake,
  grantToken,
  scenarioBotApp,
  startGitHubFake,
  workflowIdentity,
} from "../../support/github-fake/index.ts";

let fake: GitHubFake;
let repo: FakeRepo;
const RUN = "20261129-trust1";
const body = renderMarker({
  runId: RUN,
  scenarioId: "setup-environment",
  params: { environment: "staging" },
  baseBranch: "main",
  createdAt: "2026-11-29T12:00:00.000Z",
});

beforeAll(async () => {
  fake = await startGitHubFake();
  grantToken(fake.state, "ghs_app", scenarioBotApp(fake.state));
  grantToken(fake.state, "ghs_job", workflowIdentity({ "pull-requests": "write", contents: "write" }));
  grantToken(fake.state, "ghs_no_prs", workflowIdentity({ contents: "write" }));
  repo = addRepo(fake.state, { owner: "acme", name: "mono", actionsMayCreatePullRequests: true });
  repo.branches.set(`scenario/setup-environment/${RUN}`, repo.branches.get("main") as string);
});
afterAll(() => fake.close());

const github = (token: string) =>
  new GitHubRepository(createOctokit({ token, baseUrl: fake.url, retries: 0 }), "acme", "mono");

async function opened(token: string) {
  const gh = github(token);
  const pr = await gh.pulls.open({
    branch: `scenario/setup-environment/${RUN}`,
    base: "main",
    title: "t",
    body,
  });
  return { gh, pr };
}

async function closeAll() {
  for (const issue of repo.issues.values()) issue.state = "closed";
}

describe("the PR's run-state marker", () => {
  it("is read when the job's identity opened the body, or last rewrote it (App and GITHUB_TOKEN alike)", async () => {
    for (const token of ["ghs_app", "ghs_job"]) {
      const { gh, pr } = await opened(token);
      expect((await trustedRunMarker({ github: gh }, pr, RUN))?.params).toEqual({ environment: "staging" });
      await gh.pulls.setBody(pr.number, `${body}\nstep 2 done`);
      const again = await gh.pulls.findByHead(`scenario/setup-environment/${RUN}`);
      expect((await trustedRunMarker({ github: gh }, again ?? pr, RUN))?.scenarioId).toBe(
        "setup-environment",
      );
      // Another run's marker is not this run's state.
      expect(await trustedRunMarker({ github: gh }, pr, "20261129-other1")).toBeUndefined();
      await closeAll();
    }
  });

  it("is refused once a person edited the body, naming them and the way out", async () => {
    const { gh, pr } = await opened("ghs_app");
    editBody(
      repo.issues.get(pr.number) as never,
      { login: "mallory", id: 66, type: "User" },
      `${body}\nnote`,
    );
    const refused = await trustedRunMarker({ github: gh }, pr, RUN).catch((e: Error) => e);
    expect(refused).toMatchObject({
      name: "UntrustedRunMarkerError",
      editor: "mallory",
      pullRequest: pr.number,
    });
    expect((refused as Error).message).toBe(
      `run ${RUN}: the body of pull request #${pr.number} was last edited by @mallory, not by scenario-bot[bot] (the identity this job's token acts as). ` +
        "Its run-state marker (the run's scenario and parameters) is read only as scenario-bot wrote it, so the run was not rebuilt from it and nothing was changed.",
    );
    // Another bot (here the workflows' GITHUB_TOKEN) is not scenario-bot's App either.
    await github("ghs_job").pulls.setBody(pr.number, body);
    await expect(trustedRunMarker({ github: gh }, pr, RUN)).rejects.toThrow(
      /last edited by @github-actions\[bot\]/,
    );
    // A body without a marker asks nothing: the run is rebuilt from its commits.
    expect(await trustedRunMarker({ github: gh }, { ...pr, body: "no marker" }, RUN)).toBeUndefined();
    await closeAll();
  });

  it("is refused, saying which permission is missing, when GitHub will not say who edited it", async () => {
    const { pr } = await opened("ghs_app");
    const refused = await trustedRunMarker({ github: github("ghs_no_prs") }, pr, RUN).catch((e: Error) => e);
    expect(refused).toMatchObject({ name: "ActionRefusedError", kind: "environment" });
    expect((refused as Error).message).toContain("Resource not accessible by integration");
    expect((refused as Error).message).toContain("needs pull-requests: read");
    await closeAll();
  });
});
