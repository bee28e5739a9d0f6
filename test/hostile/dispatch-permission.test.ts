// Anyone who may dispatch a workflow (write access) could start the scenario workflow by hand and skip
// the App's permission check. Before: the Action never checked the dispatching person, so a role above
// `write` in .github/scenarios.yml was advice. Now a dispatch by a person is checked against the same
// policy, scenario and object type as a comment; only a dispatch by scenario-bot's own App (the job's
// token's identity) was checked by the App. Any other bot, github-actions[bot] included, is checked.
import { describe, expect, it } from "vitest";
import { startJob } from "../action/support/start-job.ts";
import { useActionRepo } from "../support/action-repo.ts";

const t = useActionRepo({
  files: { ".github/scenarios.yml": "permissions:\n  scenarios:\n    add-pnpm-script: admin\n" },
  roles: { dana: "write", boss: "admin" },
  prefix: "dispatch",
});

// A bad parameter fails after the permission check: which error comes first shows the order.
const inputs = { command: "run", scenario: "add-pnpm-script", params: '{"name":"Bad!"}' };
const dispatchBy = (login: string, type: "User" | "Bot" = "User") =>
  startJob({ fake: t.fake, repo: t.repo, workspace: t.origin.checkout, sender: { login, type } }, inputs);

describe("a workflow_dispatch of the scenario workflow", () => {
  it("by someone whose role is below the scenario's is refused with the policy's reason, before anything", async () => {
    const job = dispatchBy("dana");
    await job.done;
    expect(job.io.failed).toEqual([
      expect.stringContaining(
        "@dana: your role on this repository is `write`; to start a run for `add-pnpm-script` you need at least `admin`",
      ),
    ]);
    expect(t.origin.git(t.origin.bare, "branch", "--list")).toBe("* main");
  });

  it("by someone with the scenario's role goes on (here to the parameter check)", async () => {
    const job = dispatchBy("boss");
    await job.done;
    expect(job.io.failed).toEqual([expect.stringContaining("add-pnpm-script: 2 parameters are not valid")]);
  });

  it("by another bot is checked like a person: GITHUB_TOKEN's github-actions[bot] (any workflow) and another App", async () => {
    for (const login of ["github-actions[bot]", "deployer[bot]"]) {
      const job = dispatchBy(login, "Bot");
      await job.done;
      expect(job.io.failed).toEqual([
        expect.stringContaining(`@${login}: your role on this repository is \``),
      ]);
    }
    expect(t.origin.git(t.origin.bare, "branch", "--list")).toBe("* main");
  });

  it("by the App's bot goes on: the App checked the commenter", async () => {
    const job = dispatchBy("scenario-bot[bot]", "Bot");
    await job.done;
    expect(job.io.failed).toEqual([expect.stringContaining("add-pnpm-script: 2 parameters are not valid")]);
  });
});
