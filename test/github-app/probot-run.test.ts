// The App as deployed: `probot run ./src/github-app/index.ts` (package.json `main`) in a child process,
// GitHub Enterprise settings pointing it at the loopback GitHub fake, the store on PostgreSQL, and a
// signed `issue_comment` delivery posted to its webhook endpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppProcess, startAppProcess } from "../support/app-process.ts";
import { addWebhookExampleRepo, type GitHubFake, startGitHubFake } from "../support/github-fake/index.ts";
import { installationCommentCreated } from "../support/webhook-payloads.ts";

let fake: GitHubFake;
let app: AppProcess;

beforeAll(async () => {
  fake = await startGitHubFake();
  addWebhookExampleRepo(fake.state, {
    roles: { Codertocat: "maintain" },
    workflows: {
      "scenario.yml": {
        inputs: { command: {}, scenario: {}, params: {}, "run-id": {}, "issue-number": {} },
      },
    },
  });
  app = await startAppProcess(fake, "github_run");
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe("probot run ./src/github-app/index.ts", () => {
  it("answers a signed comment delivery: eyes, plan reply, dispatch, rocket", async () => {
    const payload = installationCommentCreated("/scenario add-rls-policies table=documents");
    expect(await app.deliver("issue_comment", "probot-run-1", payload)).toBe(200);
    await fake.waitFor(
      (r) =>
        r.method === "POST" &&
        r.path.endsWith("/reactions") &&
        (r.body as { content?: string }).content === "rocket",
      15_000,
    );
    const dispatch = fake.requests.find((r) => r.path.endsWith("/dispatches"));
    if (!dispatch) throw new Error("the App sent no dispatch");
    expect(dispatch.status).toBe(204);
    expect((dispatch.body as { inputs: Record<string, string> }).inputs).toMatchObject({
      scenario: "add-rls-policies",
      command: "run",
      "issue-number": "1",
    });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      "POST /app/installations/1/access_tokens",
    );
  });

  it("refuses a delivery with a bad signature", async () => {
    const response = await fetch(app.webhookUrl, {
      method: "POST",
      body: "{}",
      headers: {
        "content-type": "application/json",
        "x-github-event": "issue_comment",
        "x-github-delivery": "x",
        "x-hub-signature-256": "sha256=00",
      },
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
  });
});
