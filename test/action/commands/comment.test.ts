// Zero-server mode: the workflow runs on issue_comment and the action reads the command and checks
// the commenter's permission itself. Real payloads from @octokit/webhooks-examples.
import { describe, expect, it } from "vitest";
import { run } from "../../../src/action/main.ts";
import { BOT_REFUSAL } from "../../../src/application/dialogue/answer-comment.ts";
import { DEFAULT_POLICY, decide, headerMarker, renderChecklist } from "../../../src/command/index.ts";
import { actionEnv } from "../../support/action-env.ts";
import { useActionRepo } from "../../support/action-repo.ts";
import { recordingIo } from "../../support/recording-io.ts";
import { useTestDb } from "../../support/test-db.ts";
import * as payloads from "../../support/webhook-payloads.ts";

/** The fields of an issue_comment payload these tests touch. */
interface CommentPayload {
  action: string;
  comment: { id: number; body: string; user: { login: string; type: string } };
  issue: { number: number };
  repository: { name: string; owner: { login: string } };
  sender: { login: string; type: string };
  changes?: { body: { from: string } };
}
const commentCreated = (body: string) => payloads.commentCreated(body) as unknown as CommentPayload;
const commentEdited = (from: string, to: string) =>
  payloads.commentEdited(from, to) as unknown as CommentPayload;

const testDb = useTestDb("postgres", "action_comment");

const t = useActionRepo({ roles: { octocat: "write", reader: "read" }, prefix: "zs" });

function seedIssue(number: number) {
  const at = new Date().toISOString();
  t.repo.issues.set(number, {
    number,
    title: "Billing",
    body: "",
    state: "open",
    labels: [],
    user: { login: "octocat", id: 1, type: "User" },
    createdAt: at,
    updatedAt: at,
  });
  t.repo.nextNumber = number + 1;
}

function forRepo(p: CommentPayload, login: string): CommentPayload {
  p.repository.name = t.repo.name;
  p.repository.owner.login = "acme";
  p.sender = { ...p.sender, login, type: "User" };
  // On a new comment the sender is its author (an edit's sender may be someone else).
  if (p.action === "created") p.comment.user = { ...p.comment.user, login, type: "User" };
  return p;
}

async function onComment(payload: { comment: { id: number; body: string }; issue: { number: number } }) {
  const at = new Date().toISOString();
  if (!t.repo.comments.has(payload.comment.id)) {
    t.repo.comments.set(payload.comment.id, {
      id: payload.comment.id,
      issueNumber: payload.issue.number,
      body: payload.comment.body,
      user: { login: "octocat", id: 1, type: "User" },
      createdAt: at,
      updatedAt: at,
    });
  }
  const io = recordingIo({
    command: "",
    params: "{}",
    "github-token": "ghs_runner",
    "database-url": testDb.url ?? "",
  });
  const { env } = actionEnv({
    apiUrl: t.fake.url,
    repository: `acme/${t.repo.name}`,
    workspace: t.origin.checkout,
    eventName: "issue_comment",
    payload,
  });
  const result = await run({ io, env: { ...env, PATH: process.env.PATH }, retries: 0 });
  return { io, result };
}

const replies = (issue: number) =>
  [...t.repo.comments.values()]
    .filter((c) => c.issueNumber === issue && c.user.type === "Bot")
    .map((c) => c.body);

describe("zero-server mode", () => {
  it("runs /scenario create-shared-service for a writer, with eyes and rocket reactions and a reply", async () => {
    const p = forRepo(
      commentCreated("Please:\n/scenario create-shared-service name=billing-service"),
      "octocat",
    );
    p.comment.user.login = "octocat";
    seedIssue(p.issue.number);
    const { io, result } = await onComment(p);
    expect(io.failed).toEqual([]);
    expect(result?.status).toBe("succeeded");
    const reactions = t.fake.requests
      .filter((r) => r.path.endsWith("/reactions"))
      .map((r) => (r.body as { content: string }).content);
    expect(reactions).toEqual(["eyes", "rocket"]);
    const [started, outcome] = replies(p.issue.number);
    expect(started).toMatch(
      /run `\d{8}-[0-9a-z]{6}` of `create-shared-service` \(.+\) is starting on branch/,
    );
    expect(outcome).toMatch(/run `\d{8}-[0-9a-z]{6}` is succeeded \(pull request #\d+\)\./);
    expect(t.origin.remoteSha(result?.branch as string)).toBeDefined();
  });

  it("refuses a reader with the App's reason, and starts nothing", async () => {
    const p = forRepo(commentCreated("/scenario create-shared-service name=billing"), "reader");
    seedIssue(p.issue.number);
    const { result } = await onComment(p);
    expect(result?.status).toBe("refused");
    // The App's own words: the same policy function decides and explains.
    const { reason } = decide(
      DEFAULT_POLICY,
      { permission: "read", role_name: "read" },
      "reader",
      "start a run",
      {
        id: "create-shared-service",
        objectType: "service",
      },
    );
    expect(replies(p.issue.number)[0]).toContain(`@reader ${reason.replace(/^@reader: /, "")}`);
    expect(t.origin.git(t.origin.bare, "branch", "--list")).toBe("* main");
  });

  it("reverts a tick by someone without write access and says why", async () => {
    const p = forRepo(commentEdited("", ""), "reader");
    seedIssue(p.issue.number);
    const before = renderChecklist({
      runId: "20261124-tick01",
      scenarioId: "setup-environment",
      steps: [{ index: 2, name: "Set the secrets", items: [{ text: "Secrets set", done: false }] }],
    });
    const after = before.replace("- [ ]", "- [x]");
    const at = new Date().toISOString();
    t.repo.comments.set(p.comment.id, {
      id: p.comment.id,
      issueNumber: p.issue.number,
      body: after,
      user: t.fake.state.actor,
      createdAt: at,
      updatedAt: at,
    });
    p.changes = { body: { from: before } };
    p.comment.body = after;
    p.comment.user = { ...p.comment.user, login: "scenario-bot[bot]", type: "Bot" };
    const { result } = await onComment(p);
    expect(result?.status).toBe("refused");
    expect(t.repo.comments.get(p.comment.id)?.body).toBe(before);
    const { reason } = decide(
      DEFAULT_POLICY,
      { permission: "read", role_name: "read" },
      "reader",
      "tick a run's checklist",
      {
        id: "setup-environment",
        objectType: "infra",
      },
    );
    expect(replies(p.issue.number).at(-1)).toBe(`❌ ${reason} The tick was reverted.`);
    expect(before).toContain(headerMarker("20261124-tick01", "setup-environment"));
  });

  it("ignores checklist markers typed into a person's own comment", async () => {
    const p = forRepo(commentEdited("", ""), "octocat");
    seedIssue(p.issue.number);
    const body = renderChecklist({
      runId: "20261124-fake01",
      scenarioId: "setup-environment",
      steps: [{ index: 0, name: "x", items: [{ text: "y", done: true }] }],
    });
    p.changes = { body: { from: body.replace("- [x]", "- [ ]") } };
    p.comment.body = body;
    p.comment.user = { ...p.comment.user, login: "octocat", type: "User" };
    expect((await onComment(p)).result?.status).toBe("ignored");
    // Reads only: who this token is (GraphQL `viewer`), nothing written.
    expect(t.fake.requests.filter((r) => r.method !== "GET" && r.path !== "/graphql")).toEqual([]);
  });

  it("ignores a checklist another App's bot wrote: a user of type Bot is not scenario-bot", async () => {
    const p = forRepo(commentEdited("", ""), "octocat");
    seedIssue(p.issue.number);
    const body = renderChecklist({
      runId: "20261124-fake02",
      scenarioId: "setup-environment",
      steps: [{ index: 0, name: "x", items: [{ text: "y", done: true }] }],
    });
    p.changes = { body: { from: body.replace("- [x]", "- [ ]") } };
    p.comment.body = body;
    p.comment.user = { ...p.comment.user, login: "other-app[bot]", type: "Bot" };
    const { io, result } = await onComment(p);
    expect(result?.status).toBe("ignored");
    expect(io.logs.join("\n")).toContain("the checklist was not written by this workflow's token");
    expect(t.fake.requests.filter((r) => r.method !== "GET" && r.path !== "/graphql")).toEqual([]);
  });

  it("finds the run of a `/scenario rollback` without id only in the bot's comments, never in a person's or another bot's", async () => {
    // Someone with no role, and another App's bot, plant what the bot's comments carry: a run marker and
    // a checklist header. A user of type Bot is not scenario-bot: only this token's identity is.
    const p = forRepo(commentCreated("/scenario rollback"), "octocat");
    seedIssue(p.issue.number);
    const at = new Date().toISOString();
    const planted = [
      "<!-- scenario-bot run:20261124-other1 -->",
      renderChecklist({
        runId: "20261124-other2",
        scenarioId: "setup-environment",
        steps: [{ index: 0, name: "x", items: [{ text: "y", done: true }] }],
      }),
    ];
    const authors = [
      { login: "mallory", id: 66, type: "User" as const },
      { login: "other-app[bot]", id: 67, type: "Bot" as const },
    ];
    for (const [a, user] of authors.entries()) {
      for (const [i, body] of planted.entries()) {
        t.repo.comments.set(9_000 + 10 * a + i, {
          id: 9_000 + 10 * a + i,
          issueNumber: p.issue.number,
          body,
          user,
          createdAt: at,
          updatedAt: at,
        });
      }
    }
    await onComment(p);
    expect(replies(p.issue.number).at(-1)).toContain("no scenario has run from this issue yet");
    expect(t.fake.requests.filter((r) => r.method === "POST" && r.path.includes("/dispatches"))).toEqual([]);
  });

  it("answers list, help, suggest and plan from the checkout's catalog, running nothing", async () => {
    const p = forRepo(
      commentCreated(
        "/scenario list database\n/scenario help create-shared-servce\n/scenario help create-shared-service\n/scenario suggest row level security for a table\n/scenario plan create-shared-service name=billing",
      ),
      "octocat",
    );
    seedIssue(p.issue.number);
    const { result } = await onComment(p);
    expect(result?.status).toBe("planned");
    // The App's answers, word for word (test/application/dialogue checks both hosts side by side).
    const [list, near, help, suggested, plan] = replies(p.issue.number);
    expect(suggested).toContain(
      "- `add-rls-policies` Add RLS policies (matched: row, level, security, table)",
    );
    expect(list).toContain("| `add-rls-policies` | Add RLS policies | database |");
    expect(list).not.toContain("create-shared-service");
    expect(near).toContain(
      "there is no scenario `create-shared-servce` in this repository's scenarios. Did you mean `create-shared-service`",
    );
    expect(help).toContain("| `name` | yes | string |");
    expect(plan).toContain("plan for `create-shared-service` (Create a shared service); nothing was run.");
    expect(plan).toContain("scenario/create-shared-service/");
    expect(t.origin.git(t.origin.bare, "branch", "--list")).toBe("* main");
  });

  it("ignores comments without a command, and tells a bot that only people run commands", async () => {
    const plain = forRepo(commentCreated("thanks!"), "octocat");
    expect((await onComment(plain)).result?.status).toBe("ignored");
    expect(t.fake.requests).toEqual([]);
    const bot = forRepo(commentCreated("/scenario create-shared-service name=billing"), "octocat");
    bot.sender.type = "Bot";
    bot.comment.user = { ...bot.comment.user, login: "dependabot[bot]", type: "Bot" };
    seedIssue(bot.issue.number);
    expect((await onComment(bot)).result?.status).toBe("refused");
    expect(replies(bot.issue.number)).toEqual([
      `> /scenario create-shared-service name=billing\n\n@dependabot[bot] ${BOT_REFUSAL}`,
    ]);
    expect(t.origin.git(t.origin.bare, "branch", "--list")).toBe("* main");
  });
});
