// Bodies past GitHub's 65,536 characters are cut with a note and a link to the whole text, and the cut
// never touches what scenario-bot reads back: its hidden markers and the checklist items whose ticks
// resume a run. Built from the bot's own renderers, then sent to the rule-keeping fake, which refuses a
// body one character too long the way GitHub does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoLinks } from "../../src/action/render/links.ts";
import { parseMarker, prBody, withRunSection } from "../../src/action/render/pr-body.ts";
import { runMarkerIn } from "../../src/application/dialogue/replies/plan.ts";
import { runStatusSection, withRunStatus } from "../../src/application/dialogue/replies/run-status.ts";
import { parseChecklist, renderChecklist, setItems } from "../../src/command/index.ts";
import type { RunRecord, StepRecord } from "../../src/engine/ports.ts";
import { Issues } from "../../src/github/issues.ts";
import { createOctokit } from "../../src/github/octokit.ts";
import { PullRequests } from "../../src/github/pull-request.ts";
import { BodyTooLongError, clipBytes, fitBody, MAX_BODY_CHARS } from "../../src/github/text-limits.ts";
import { addRepo, commit, type GitHubFake, startGitHubFake } from "../support/github-fake/index.ts";

const LOG = "https://github.com/acme/mono/actions/runs/77";
const NOTE =
  /\*\([\d,]+ characters cut to stay within GitHub's limit; the whole text is in \[the workflow run's log\]\(https:\/\/github\.com\/acme\/mono\/actions\/runs\/77\)\)\*/;

const run: RunRecord = {
  id: "20261201-big01",
  scenarioId: "add-rls-policies",
  params: { table: "users" },
  status: "failed",
  repository: "acme/mono",
  target: "users",
  branch: "scenario/add-rls-policies/20261201-big01",
  baseBranch: "main",
  issueNumber: 3,
  error: `step 2 failed: ${"the migration printed this line again\n".repeat(3_000)}`,
  createdAt: new Date("2026-12-01T10:00:00Z"),
  updatedAt: new Date("2026-12-01T10:05:00Z"),
};
const steps: StepRecord[] = Array.from({ length: 40 }, (_, index) => ({
  runId: run.id,
  index,
  scenarioId: run.scenarioId,
  number: index + 1,
  name: `Step ${index + 1}`,
  kind: "automated",
  status: index < 2 ? "succeeded" : "pending",
})) as StepRecord[];
const links = repoLinks("https://github.com", "acme", "mono");

/** A "starting" reply as the dialogue writes it, with a plan too long for one comment. */
function longReply(): string {
  const plan = Array.from({ length: 4_000 }, (_, i) => `  ${i + 1}. step ${i + 1}: write the file`).join(
    "\n",
  );
  return [
    "@alice run `20261201-big01` of `add-rls-policies` is starting.",
    "",
    "<details><summary>Full plan</summary>",
    "",
    "```",
    plan,
    "```",
    "",
    "</details>",
    "",
    `<!-- scenario-bot run:${run.id} -->`,
    "",
    runStatusSection({ status: "queued", runId: run.id }),
    "",
    "Cancel with `/scenario cancel 20261201-big01`.",
  ].join("\n");
}

describe("fitBody: a body past GitHub's limit", () => {
  it("is sent as is when it fits", () => {
    const body = "x".repeat(MAX_BODY_CHARS);
    expect(fitBody(body)).toBe(body);
  });

  it("cuts the human text of a reply, keeps its run marker and status section, and closes what the cut left open", () => {
    const body = longReply();
    expect(body.length).toBeGreaterThan(MAX_BODY_CHARS);
    const kept: [string, string][] = [];
    const fitted = fitBody(body, {
      fullAt: LOG,
      what: "the comment on #3",
      keep: (what, text) => kept.push([what, text]),
    });
    expect(fitted.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(fitted).toMatch(NOTE);
    expect(kept).toEqual([["the comment on #3", body]]);
    // What the bot reads back is all there: the run marker, the status section it rewrites in place.
    expect(runMarkerIn(fitted)).toBe(run.id);
    const updated = withRunStatus(fitted, runStatusSection({ status: "running", runId: run.id }));
    expect(updated).toContain("running");
    expect(updated).not.toContain("queued");
    // The longest block (the plan's code) is cut: closed before the note, in its `<details>`, so the
    // marker and the status line after it render as before.
    const beforeNote = fitted.slice(0, fitted.search(NOTE));
    expect(beforeNote.match(/^```$/gm)).toHaveLength(2);
    expect(beforeNote.trimEnd().endsWith("write the file\n```")).toBe(true);
    expect(fitted).toMatch(/\)\)\*\n\n<\/details>\n\n<!-- scenario-bot run:20261201-big01 -->\n/);
    expect(fitted.startsWith("@alice run `20261201-big01`")).toBe(true);
    expect(fitted.endsWith("Cancel with `/scenario cancel 20261201-big01`.")).toBe(true);
  });

  it("keeps every checklist item and its marker whole, so ticks still resume the run", () => {
    const body = renderChecklist({
      runId: run.id,
      scenarioId: run.scenarioId,
      title: `### Manual steps\n\n${"Read the runbook before you tick anything. ".repeat(2_000)}`,
      steps: [0, 3].map((index) => ({
        index,
        name: `Manual ${index}`,
        items: Array.from({ length: 60 }, (_, j) => ({
          text: `Check item ${j} of step ${index}`,
          done: j % 2 === 0,
        })),
      })),
    });
    expect(body.length).toBeGreaterThan(MAX_BODY_CHARS);
    const fitted = fitBody(body, { fullAt: LOG });
    expect(fitted.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(parseChecklist(fitted)).toEqual(parseChecklist(body));
    const ticked = setItems(fitted, [{ step: 3, item: 1 }], true);
    expect(parseChecklist(ticked)?.entries.find((e) => e.step === 3 && e.item === 1)?.done).toBe(true);
    expect(fitted).toMatch(NOTE);
  });

  it("keeps a pull request's state marker and section markers, and drops a cut diagram whole", () => {
    const body = withRunSection("", prBody({ run, steps, links, runUrl: LOG }));
    expect(body.length).toBeGreaterThan(MAX_BODY_CHARS);
    const fitted = fitBody(body, { fullAt: LOG });
    expect(fitted.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(parseMarker(fitted)).toEqual(parseMarker(body));
    expect(fitted.trimStart().startsWith("<!-- scenario-run:start -->")).toBe(true);
    expect(fitted.trimEnd().endsWith("<!-- scenario-run:end -->")).toBe(true);
    // Rewriting the section finds its markers: nothing of the old section stays outside them.
    expect(withRunSection(fitted, "new")).toBe("<!-- scenario-run:start -->\nnew\n<!-- scenario-run:end -->");
    // The longest block goes first (the failure's output); the tables and the diagram stay whole.
    expect(fitted).toContain("#### Parameters\n\n| parameter | value |");
    expect(fitted).toContain("| 40 | Step 40 ");
    expect(fitted).toMatch(/```mermaid\n[\s\S]*\n```\n<!-- scenario-run:end -->$/);
    expect(fitted).toMatch(/> \*\*Why:\*\* step 2 failed: the migration printed this line again\n/);
    expect(fitted).toMatch(NOTE);
  });

  it("drops a diagram it must cut whole: a mermaid block cut short does not render", () => {
    const diagram = `\`\`\`mermaid\nflowchart TD\n${"  a --> b\n".repeat(8_000)}\`\`\``;
    const fitted = fitBody(`<!-- scenario-run:start -->\nStatus\n\n${diagram}\n<!-- scenario-run:end -->`);
    expect(fitted).not.toContain("mermaid");
    expect(fitted).toMatch(
      /^<!-- scenario-run:start -->\nStatus\n\n\*\([\d,]+ characters cut[^\n]*\n\n<!-- scenario-run:end -->$/,
    );
  });

  it("never cuts inside a multi-line HTML comment (a reused pull request's template)", () => {
    const template = "<!--\nDescribe the change.\nList the tests.\n-->";
    const body = `${template}\n\n${"a long description line\n".repeat(4_000)}\n<!-- scenario-run:start -->\nx\n<!-- scenario-run:end -->`;
    const fitted = fitBody(body);
    expect(fitted.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(fitted.startsWith(`${template}\n`)).toBe(true);
    expect(fitted).toMatch(/\*\([\d,]+ characters cut to stay within GitHub's limit\)\*/);
  });

  it("cuts one overlong line without splitting a character", () => {
    const fitted = fitBody(`${"😀".repeat(40_000)}\n<!-- scenario-bot status -->`);
    expect(fitted.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(fitted).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    expect(fitted.endsWith("<!-- scenario-bot status -->")).toBe(true);
  });

  it("says so, and sends nothing, when the markers and checklist items alone do not fit", () => {
    const items = Array.from({ length: 900 }, (_, j) => ({
      text: `item ${j} ${"y".repeat(20)}`,
      done: false,
    }));
    const body = renderChecklist({
      runId: run.id,
      scenarioId: run.scenarioId,
      steps: [{ index: 0, name: "M", items }],
    });
    expect(() => fitBody(body, { what: "the comment on #3" })).toThrowError(BodyTooLongError);
    expect(() => fitBody(body, { what: "the comment on #3" })).toThrowError(
      /^the comment on #3 would be [\d,]+ characters, and its hidden markers and checklist items alone take [\d,]+: more than the 65,536 GitHub allows\. Nothing was sent/,
    );
  });
});

describe("every body the bot writes goes through it", () => {
  let fake: GitHubFake;
  beforeAll(async () => {
    fake = await startGitHubFake();
  });
  afterAll(() => fake.close());

  it("comments, edits, issues and pull request bodies past the limit are accepted by GitHub, cut, with the whole in the log", async () => {
    const repo = addRepo(fake.state, { owner: "acme", name: "mono" });
    commit(repo, run.branch, { "a.txt": "a" });
    repo.issues.set(3, {
      number: 3,
      title: "t",
      body: null,
      state: "open",
      labels: [],
      user: { login: "alice", id: 1, type: "User" },
      createdAt: "2026-01-01T00:00:00Z",
      updatedAt: "2026-01-01T00:00:00Z",
    });
    const octokit = createOctokit({ token: "ghs_test", baseUrl: fake.url, retries: 0 });
    const logged: string[] = [];
    const bodies = { fullAt: LOG, keep: (what: string) => logged.push(what) };
    const issues = new Issues({ octokit, owner: "acme", repo: "mono", bodies });
    const pulls = new PullRequests({ octokit, owner: "acme", repo: "mono", bodies });
    const reply = longReply();

    const posted = await issues.comment(3, reply);
    await issues.editComment(posted.id, `${reply}\n\nedited`);
    const created = await issues.create({ title: "Follow-up", body: reply });
    await issues.update(created.number, { body: reply });
    const pr = await pulls.open({ branch: run.branch, base: "main", title: "t", body: reply, draft: true });
    await pulls.setBody(pr.number, reply);

    expect(fake.requests.filter((r) => r.status >= 400)).toEqual([]);
    for (const text of [
      repo.comments.get(posted.id)?.body,
      repo.issues.get(created.number)?.body,
      repo.issues.get(pr.number)?.body,
    ]) {
      expect([...(text ?? "")].length).toBeLessThanOrEqual(MAX_BODY_CHARS);
      expect(runMarkerIn(text ?? "")).toBe(run.id);
      expect(text).toMatch(NOTE);
    }
    expect(logged).toEqual([
      "the comment on #3",
      `comment ${posted.id}`,
      'the new issue "Follow-up"',
      `the body of #${created.number}`,
      `the pull request from ${run.branch}`,
      `the body of pull request #${pr.number}`,
    ]);
  });
});

describe("clipBytes: a limit GitHub states in bytes", () => {
  it("cuts multi-byte text to the bytes, keeping its end after the note", () => {
    const message = `${"é".repeat(40_000)}the step's last line`;
    const cut = clipBytes(message, 65_000, LOG);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(65_000);
    expect(Buffer.byteLength(cut)).toBeGreaterThan(64_000);
    expect(cut).toMatch(NOTE);
    expect(cut.endsWith("the step's last line")).toBe(true);
  });

  it("leaves text within the limit as it is", () => {
    expect(clipBytes("é".repeat(100), 65_000)).toBe("é".repeat(100));
  });
});
