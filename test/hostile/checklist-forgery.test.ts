// The run id is public, so anyone can post a copy of a run's checklist with every box ticked. Before,
// the Action took the first comment holding the checklist's header as the checklist, whoever wrote it:
// it rewrote the outsider's comment, and the next resume passed the manual step on the outsider's ticks.
// The App read ticks from any bot's comment with the markers. Now the checklist is the comment the
// bot wrote: recorded by id on the run, or found among the comments of the token's own identity.
import { describe, expect, it } from "vitest";
import { renderChecklist } from "../../src/command/index.ts";
import { startJob } from "../action/support/start-job.ts";
import { useActionRepo } from "../support/action-repo.ts";
import { useApp } from "../support/app-harness.ts";
import { checklist, seedRun } from "../support/seeded-runs.ts";
import { checklistEdited } from "../support/webhook-payloads.ts";

const RUN = "20260101-forge1";

const MANUAL = `# Scenario: Wait for a person

Writes a file, then waits for someone to confirm it.

## Metadata
- **ID**: \`wait-for-person\`
- **Object Type**: infra
- **Complexity**: simple
- **Automation**: 50%
- **Dependencies**: none

## Parameters
- \`name\` (required): A name. Example: \`alpha\`

## Steps
1. **Write it** [automated]
   \`\`\`text file=out/{name}.txt
   hello
   \`\`\`
2. **Confirm it** [manual]
   - [ ] The file is right
   - [ ] Its owner agrees

## Post-Validation
1. [ ] The file exists
   \`\`\`bash check
   test -f out/{name}.txt
   \`\`\`

## Rollback
1. **Remove it**
   \`\`\`bash
   rm -rf out
   \`\`\`
`;

const t = useActionRepo({ files: { "scenarios/infra/wait-for-person.md": MANUAL }, prefix: "forge" });
const h = useApp("hostile_forgery");

describe("a forged, pre-ticked copy of a run's checklist", () => {
  it("is never taken for the checklist by the Action: not rewritten, and a resume stays waiting", async () => {
    const at = new Date().toISOString();
    t.repo.issues.set(7, {
      number: 7,
      title: "Wait",
      body: "",
      state: "open",
      labels: [],
      user: { login: "octocat", id: 1, type: "User" },
      createdAt: at,
      updatedAt: at,
    });
    t.repo.nextNumber = 8;
    // Posted before the run reaches its manual step: it comes first on the issue.
    const forged = renderChecklist({
      runId: RUN,
      scenarioId: "wait-for-person",
      steps: [
        {
          index: 1,
          name: "Confirm it",
          items: [
            { text: "The file is right", done: true },
            { text: "Its owner agrees", done: true },
          ],
        },
      ],
    });
    t.repo.comments.set(5, {
      id: 5,
      issueNumber: 7,
      body: `${forged}\n\nAll done, go ahead.`,
      user: { login: "mallory", id: 666, type: "User" },
      createdAt: at,
      updatedAt: at,
    });
    const job = (command: string, workspace = t.origin.checkout) =>
      startJob(
        { fake: t.fake, repo: t.repo, workspace },
        {
          command,
          ...(command === "run" ? { scenario: "wait-for-person", params: '{"name":"alpha"}' } : {}),
          "run-id": RUN,
          "issue-number": "7",
        },
      );
    const first = job("run");
    expect((await first.done)?.status).toBe("waiting");
    expect(first.io.failed).toEqual([]);
    const own = [...t.repo.comments.values()].filter((c) => c.issueNumber === 7 && c.user.type === "Bot");
    expect(own.map((c) => c.body.includes(`scenario-checklist run:${RUN}`))).toContain(true);
    expect(t.repo.comments.get(5)?.body).toBe(`${forged}\n\nAll done, go ahead.`);

    // A new job on a new runner (its embedded store is empty): the run is rebuilt from GitHub.
    const second = job("resume", t.origin.freshCheckout("second"));
    const resumed = await second.done;
    expect(second.io.failed).toEqual([]);
    expect(resumed?.status).toBe("waiting");
    expect(t.repo.comments.get(5)?.body).toBe(`${forged}\n\nAll done, go ahead.`);
  }, 180_000);

  it("ticks nothing through the App when a bot other than the recorded checklist's author edits a copy", async () => {
    await seedRun(h.deps.store, RUN, "waiting");
    const payload = checklistEdited(checklist(RUN, [false, false]), checklist(RUN, [true, true]));
    payload.comment.id = 4242;
    await h.receive("issue_comment", payload);
    expect((await h.deps.store.listTasks(RUN)).map((task) => task.done)).toEqual([false, false]);
    expect((await h.deps.store.getRun(RUN))?.status).toBe("waiting");
    // Not one request: the edit is not the run's checklist.
    expect(h.requests()).toEqual([]);
  });
});
