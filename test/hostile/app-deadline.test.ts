// The App when GitHub accepts a request and never answers (a proxy in front of the loopback fake): the
// delivery ends at the request deadline instead of holding on forever, the commenter is told it failed
// on our side, and nothing is dispatched or recorded.
import { afterAll, beforeAll, expect, it } from "vitest";
import { MemoryRunStore } from "../../src/store/index.ts";
import { startTestApp } from "../support/app-harness.ts";
import {
  addWebhookExampleRepo,
  EXAMPLE_COMMENT_ID,
  type FakeRepo,
  type GitHubFake,
  startGitHubFake,
} from "../support/github-fake/index.ts";
import { installationCommentCreated } from "../support/webhook-payloads.ts";
import { type FlakyGitHub, startFlakyGitHub } from "./support/flaky-github.ts";

let fake: GitHubFake;
let flaky: FlakyGitHub;
let repo: FakeRepo;
beforeAll(async () => {
  fake = await startGitHubFake();
  flaky = await startFlakyGitHub(fake.url);
  repo = addWebhookExampleRepo(fake.state, { roles: { Codertocat: "write" } });
});
afterAll(async () => {
  await flaky.close();
  await fake.close();
});

it("a permission lookup GitHub never answers ends the delivery at the deadline; nothing starts", async () => {
  const store = new MemoryRunStore();
  const { probot } = startTestApp({
    baseUrl: flaky.url,
    githubToken: "ghs_app_installation",
    store,
    newRunId: () => "20260101-late01",
    options: { headTtlMs: 0, requestTimeoutMs: 300 },
  });
  flaky.faults.push({ method: "GET", path: /\/collaborators\/Codertocat\/permission$/, reply: "hang" });

  const started = Date.now();
  const delivery = probot.receive({
    id: "deadline-1",
    name: "issue_comment",
    payload: installationCommentCreated("/scenario add-rls-policies table=orders"),
  } as never);
  await expect(delivery).rejects.toThrow(/abort|timeout/i);
  expect(Date.now() - started).toBeLessThan(5000);

  expect(flaky.seen).toContain(
    "GET /repos/Codertocat/Hello-World/collaborators/Codertocat/permission -> hang",
  );
  const replies = [...repo.comments.values()].filter((c) => c.id !== EXAMPLE_COMMENT_ID).map((c) => c.body);
  expect(replies).toHaveLength(1);
  expect(replies[0]).toContain("scenario-bot failed while handling this comment (delivery deadline-1)");
  expect(fake.requests.filter((r) => r.path.endsWith("/dispatches"))).toEqual([]);
  expect(await store.listRuns()).toEqual([]);
});
