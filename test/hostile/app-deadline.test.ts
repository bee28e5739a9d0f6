// The App when GitHub accepts a request and never answers (a proxy in front of the loopback fake): the
// delivery ends at the request deadline instead of holding on forever, the commenter is told it failed
// on our side, and nothing is dispatched or recorded.
import { createRequire } from "node:module";
import { pino } from "pino";
import { Probot } from "probot";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../../src/github/app.ts";
import { RepoCatalogs } from "../../src/github/catalog/repo-catalogs.ts";
import { shippedFiles } from "../../src/github/catalog/shipped.ts";
import { sqlDeliveryLog } from "../../src/github/delivery-log.ts";
import { SqlRunStore } from "../../src/store/index.ts";
import { useTestDb } from "../store/test-db.ts";
import { addRepo, type FakeRepo, type GitHubFake, startGitHubFake } from "../support/github-fake/index.ts";
import { UnthrottledOctokit } from "../support/github-fake/probot-octokit.ts";
import { type FlakyGitHub, startFlakyGitHub } from "./support/flaky-github.ts";

const testDb = useTestDb("postgres", "hostile_app_deadline");
const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as {
  name: string;
  examples: Record<string, unknown>[];
}[];

let fake: GitHubFake;
let flaky: FlakyGitHub;
let repo: FakeRepo;
beforeAll(async () => {
  fake = await startGitHubFake();
  flaky = await startFlakyGitHub(fake.url);
  repo = addRepo(fake.state, {
    owner: "Codertocat",
    name: "Hello-World",
    defaultBranch: "master",
    roles: { Codertocat: "write" },
  });
  const at = new Date().toISOString();
  const user = { login: "Codertocat", id: 21031067, type: "User" as const };
  repo.issues.set(1, {
    number: 1,
    title: "Spelling",
    body: null,
    state: "open",
    labels: [],
    user,
    createdAt: at,
    updatedAt: at,
  });
  repo.comments.set(492700400, {
    id: 492700400,
    issueNumber: 1,
    body: "",
    user,
    createdAt: at,
    updatedAt: at,
  });
});
afterAll(async () => {
  await flaky.close();
  await fake.close();
});

function comment(body: string): Record<string, unknown> {
  const example = examples
    .find((e) => e.name === "issue_comment")
    ?.examples.find((x) => x.action === "created" && "installation" in x);
  const payload = structuredClone(example) as { comment: { body: string } };
  payload.comment.body = body;
  return payload;
}

it("a permission lookup GitHub never answers ends the delivery at the deadline; nothing starts", async () => {
  const probot = new Probot({
    githubToken: "ghs_app_installation",
    baseUrl: flaky.url,
    Octokit: UnthrottledOctokit,
    log: pino({ level: "silent" }),
  });
  const store = new SqlRunStore({ db: testDb.db });
  probot.load(
    createApp(
      {
        store,
        deliveries: sqlDeliveryLog(testDb.db),
        catalogs: new RepoCatalogs({ shipped: () => shippedFiles() }),
        newRunId: () => "20260101-late01",
        now: () => new Date(),
      },
      { headTtlMs: 0, requestTimeoutMs: 300 },
    ),
  );
  flaky.faults.push({ method: "GET", path: /\/collaborators\/Codertocat\/permission$/, reply: "hang" });

  const started = Date.now();
  const delivery = probot.receive({
    id: "deadline-1",
    name: "issue_comment",
    payload: comment("/scenario add-rls-policies table=orders"),
  } as never);
  await expect(delivery).rejects.toThrow(/abort|timeout/i);
  expect(Date.now() - started).toBeLessThan(5000);

  expect(flaky.seen).toContain(
    "GET /repos/Codertocat/Hello-World/collaborators/Codertocat/permission -> hang",
  );
  const replies = [...repo.comments.values()].filter((c) => c.id !== 492700400).map((c) => c.body);
  expect(replies).toHaveLength(1);
  expect(replies[0]).toContain("scenario-bot failed while handling this comment (delivery deadline-1)");
  expect(fake.requests.filter((r) => r.path.endsWith("/dispatches"))).toEqual([]);
  expect(await store.listRuns()).toEqual([]);
});
