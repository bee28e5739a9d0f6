// A fork's pull request is the App's most hostile input: any number of documents, any size, any text.
// Before: every document at the head was read at once (500 files, 500 concurrent requests of the
// installation) and parsed on the App's event loop; one 160 KB document of blank lines held it 117 s
// (a quadratic id regex) and a 48 KiB one of nested `> - ` held it for minutes (remark). Here the App
// runs as deployed (`probot run`), and a comment delivered while it checks such a pull request is
// answered promptly; the check says what it left out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENTS,
  READ_CONCURRENCY,
} from "../../src/application/repository/index.ts";
import { findIdLine } from "../../src/scenario/index.ts";
import { type AppProcess, startAppProcess } from "../support/app-process.ts";
import { cpuMs } from "../support/cpu-time.ts";
import {
  addWebhookExampleRepo,
  commit,
  type FakeRepo,
  type GitHubFake,
  type RecordedRequest,
  startGitHubFake,
} from "../support/github-fake/index.ts";
import { example, installationCommentCreated } from "../support/webhook-payloads.ts";

let fake: GitHubFake;
let repo: FakeRepo;
let app: AppProcess;

const BLANK_160K = `# Scenario: Blank\n\n## Metadata\n- **ID**: \`blank\`${"\n".repeat(160_000)}x`;
const NESTED_48K = `# Scenario: Nested\n\n${"> - ".repeat(12_000)}\n`;

beforeAll(async () => {
  fake = await startGitHubFake();
  repo = addWebhookExampleRepo(fake.state, { roles: { Codertocat: "maintain" } });
  app = await startAppProcess(fake, "untrusted_docs");
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

function isReply(r: RecordedRequest, after: number): boolean {
  return r.method === "POST" && r.path.endsWith("/issues/1/comments") && r.receivedAt > after;
}

async function helpAnsweredIn(id: string): Promise<number> {
  const started = performance.now();
  const delivered = app.deliver("issue_comment", id, installationCommentCreated("/scenario help"));
  await fake.waitFor((r) => isReply(r, started), 20_000);
  const ms = performance.now() - started;
  expect(await delivered).toBe(200);
  return ms;
}

function forkPullRequest(headSha: string) {
  const p = example("pull_request.opened", (x) => "installation" in x);
  p.number = 2;
  p.pull_request.number = 2;
  p.pull_request.head.sha = headSha;
  if (p.pull_request.head.repo) p.pull_request.head.repo.full_name = "mallory/Hello-World";
  return p;
}

/** The most of `requests` in flight at once. */
function maxInFlight(requests: RecordedRequest[]): number {
  const edges = requests.flatMap((r) => [
    { at: r.receivedAt, d: 1 },
    { at: r.answeredAt, d: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.d - b.d);
  let now = 0;
  let most = 0;
  for (const e of edges) {
    now += e.d;
    most = Math.max(most, now);
  }
  return most;
}

describe("a fork's pull request with documents built to cost the App", () => {
  it("finds the id of a 160 KB document of blank lines in linear time", () => {
    const spent = cpuMs(() => {
      expect(findIdLine(`${"\n".repeat(160_000)}x`)).toBeUndefined();
      expect(findIdLine(`${" \n".repeat(80_000)}- **ID**: \`late\``)?.id).toBe("late");
    });
    expect(spent).toBeLessThan(100);
  });

  it("answers a comment promptly while it checks them, reads at most 200 with 8 requests at once, and says what it left out", async () => {
    await helpAnsweredIn("warm-up"); // the first delivery of a process starts its connections and catalog
    const baseline = await helpAnsweredIn("baseline");
    const docs: Record<string, string> = {
      "scenarios/big/blank.md": BLANK_160K,
      "scenarios/big/nested.md": NESTED_48K,
    };
    for (let i = 0; i < 500; i++)
      docs[`scenarios/gen/doc-${String(i).padStart(3, "0")}.md`] = `# Scenario: ${i}\n`;
    const headSha = commit(repo, "mallory-head", docs);
    repo.issues.set(2, {
      number: 2,
      title: "Add scenarios",
      body: null,
      state: "open",
      labels: [],
      user: { login: "mallory", id: 666, type: "User" },
      pull: { head: "mallory:main", base: "master", headSha, draft: false, merged: false },
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    repo.pullFiles.set(
      2,
      Object.keys(docs).map((filename) => ({ filename, status: "added" })),
    );

    const checking = app.deliver("pull_request", "fork-pr", forkPullRequest(headSha));
    await fake.waitFor((r) => r.path.includes("/contents/scenarios/") && r.query.ref === headSha, 20_000);
    const during = await helpAnsweredIn("during-check");
    // The webhook answers 202 when a delivery takes more than 9 s: wait for the check run itself.
    expect([200, 202]).toContain(await checking);
    const docsCheck = () =>
      [...repo.checkRuns.values()].find((c) => c.name === "scenario docs" && c.headSha === headSha);
    for (let waited = 0; !docsCheck()?.conclusion && waited < 60_000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(
      `help answered in ${during.toFixed(0)} ms while the App checked the fork's 502 documents (${baseline.toFixed(0)} ms before)`,
    );
    expect(during).toBeLessThan(Math.max(2000, baseline * 3));

    const reads = fake.requests.filter((r) => r.path.includes("/contents/") && r.query.ref === headSha);
    expect(reads.length).toBeLessThanOrEqual(MAX_DOCUMENTS);
    expect(reads.some((r) => r.path.endsWith("blank.md"))).toBe(false);
    expect(maxInFlight(reads)).toBeLessThanOrEqual(READ_CONCURRENCY);

    const check = docsCheck();
    expect(check?.conclusion).toBe("failure");
    const summary = check?.output.summary ?? "";
    expect(summary).toContain("304 document(s) left out of this check");
    expect(summary).toContain(
      `\`scenarios/big/blank.md\`: not read: ${BLANK_160K.length} bytes, more than ${MAX_DOCUMENT_BYTES}`,
    );
    expect(summary).toContain("`scenarios/big/nested.md`: not parsed within 2000 ms");
    expect(summary).toContain(`not read: a catalog reads at most ${MAX_DOCUMENTS} documents`);
  }, 120_000);
});
