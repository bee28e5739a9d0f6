// The App when GitHub accepts a request and never answers (a proxy in front of the loopback fake): the
// delivery ends at the request deadline instead of holding on forever, the commenter is told it failed
// on our side, and nothing is dispatched or recorded.
//
// The deadline covers every request of the delivery, not only the one that hangs, so it is set well
// above what a loopback request takes on a loaded machine (300 ms was not: the 👀 and the reply timed
// out too in CI); the hang is still bounded far below the test's timeout. The shipped catalog is parsed
// before, as a running App has it after its first command, so the delivery's own CPU work is small.
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { shippedFiles } from "../../src/application/repository/index.ts";
import { RepoCatalogs } from "../../src/github-app/catalog/repo-catalogs.ts";
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

const DEADLINE_MS = 2_000;
/** Without a deadline the hang would last until the test's timeout (30 s). */
const HANG_BOUND_MS = DEADLINE_MS + 10_000;
const PERMISSION = "GET /repos/Codertocat/Hello-World/collaborators/Codertocat/permission";

let fake: GitHubFake;
let flaky: FlakyGitHub;
let repo: FakeRepo;
let catalogs: RepoCatalogs;
beforeAll(async () => {
  fake = await startGitHubFake();
  flaky = await startFlakyGitHub(fake.url);
  repo = addWebhookExampleRepo(fake.state, { roles: { Codertocat: "write" } });
  const shipped = await shippedFiles();
  catalogs = new RepoCatalogs({ shipped: async () => shipped });
  await catalogs.shipped();
});
afterAll(async () => {
  await catalogs.close();
  await flaky.close();
  await fake.close();
});

function deliver(id: string) {
  const store = new MemoryRunStore();
  const { probot } = startTestApp({
    baseUrl: flaky.url,
    githubToken: "ghs_app_installation",
    store,
    catalogs,
    newRunId: () => "20260101-late01",
    options: { headTtlMs: 0, requestTimeoutMs: DEADLINE_MS },
  });
  const delivery = probot.receive({
    id,
    name: "issue_comment",
    payload: installationCommentCreated("/scenario add-rls-policies table=orders"),
  } as never);
  return { store, delivery };
}

const replies = () =>
  [...repo.comments.values()].filter((c) => c.id !== EXAMPLE_COMMENT_ID).map((c) => c.body);

beforeEach(() => {
  flaky.faults.length = 0;
  flaky.hangs.length = 0;
  for (const id of repo.comments.keys()) if (id !== EXAMPLE_COMMENT_ID) repo.comments.delete(id);
});

it("a permission lookup GitHub never answers ends the delivery at the deadline; nothing starts", async () => {
  flaky.faults.push({ method: "GET", path: /\/collaborators\/Codertocat\/permission$/, reply: "hang" });
  const { store, delivery } = deliver("deadline-1");

  await expect(delivery).rejects.toThrow(/aborted due to timeout/);
  expect(flaky.seen).toContain(`${PERMISSION} -> hang`);
  // The proxy held the request until the App gave up on it: at its deadline, not the test's timeout.
  const hang = flaky.hangs.find((h) => h.request === PERMISSION);
  await vi.waitFor(() => expect(hang?.heldMs).toBeDefined());
  expect(hang?.heldMs).toBeGreaterThan(DEADLINE_MS / 2);
  expect(hang?.heldMs).toBeLessThan(HANG_BOUND_MS);

  expect(replies()).toHaveLength(1);
  expect(replies()[0]).toContain("scenario-bot failed while handling this comment (delivery deadline-1)");
  expect(fake.requests.filter((r) => r.path.endsWith("/dispatches"))).toEqual([]);
  expect(await store.listRuns()).toEqual([]);
});

// The 👀 went out before the delivery failed, and was refused: it was awaited only on the way that
// succeeds, so its rejection was left unhandled (seen in CI as `Issues.react` after the timeout).
it("a 👀 GitHub refused is not left unhandled when the delivery then fails at the deadline", async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    flaky.faults.push(
      { method: "POST", path: /\/comments\/\d+\/reactions$/, reply: 403, body: { message: "Forbidden" } },
      { method: "GET", path: /\/collaborators\/Codertocat\/permission$/, reply: "hang" },
    );
    const { delivery } = deliver("deadline-2");
    await expect(delivery).rejects.toThrow(/aborted due to timeout/);
    expect(flaky.seen).toContain(
      "POST /repos/Codertocat/Hello-World/issues/comments/492700400/reactions -> 403",
    );
    expect(replies()).toHaveLength(1);
    expect(replies()[0]).toContain("(delivery deadline-2)");
    // Rejections are reported after the microtasks that could still handle them have run.
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
});
