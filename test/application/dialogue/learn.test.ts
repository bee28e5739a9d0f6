// `/scenario learn` end to end, through both hosts' real entry points: the App (probot receiving the
// issue_comment delivery) and the zero-server Action (its job started as a runner starts it), against
// the loopback GitHub fake, which keeps GitHub's rules (request shapes, the job's GITHUB_TOKEN
// permissions, who may open a pull request). The pull request learned from is a recorded one:
// dhg-mono's "Add FormatterService singleton", its files as GitHub lists them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pino } from "pino";
import { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run as runAction } from "../../../src/action/main.ts";
import { LEARN_LIMITS } from "../../../src/application/authoring/learn/limits.ts";
import { shippedFiles } from "../../../src/application/repository/index.ts";
import { newRunId } from "../../../src/engine/index.ts";
import { createApp } from "../../../src/github-app/app.ts";
import { RepoCatalogs } from "../../../src/github-app/catalog/repo-catalogs.ts";
import { MemoryRunStore } from "../../../src/store/index.ts";
import { actionEnv } from "../../support/action-env.ts";
import { cli } from "../../support/cli-in-process.ts";
import { createGitOrigin, type GitOrigin } from "../../support/git-origin.ts";
import {
  addRepo,
  commit,
  type FakeRepo,
  type GitHubFake,
  grantToken,
  startGitHubFake,
  workflowIdentity,
} from "../../support/github-fake/index.ts";
import { UnthrottledOctokit } from "../../support/github-fake/probot-octokit.ts";
import { recordingIo } from "../../support/recording-io.ts";
import * as payloads from "../../support/webhook-payloads.ts";
import { formatterServicePr } from "../support/formatter-service-pr.ts";

const MERGED = 7;
const CONFIG = "scenarios: docs/scenarios\n";
const DRAFT = "docs/scenarios/service/add-service-singleton.md";
const BRANCH = "scenario/learn/pr-7";

let fake: GitHubFake;
let probot: Probot;
let comments = 0;
const origins: GitOrigin[] = [];

beforeAll(async () => {
  fake = await startGitHubFake();
  // The zero-server job's GITHUB_TOKEN, with the permissions the scenario workflow gives its job.
  grantToken(
    fake.state,
    "ghs_runner",
    workflowIdentity({
      contents: "write",
      "pull-requests": "write",
      issues: "write",
      checks: "write",
      actions: "write",
    }),
  );
  probot = new Probot({
    githubToken: "ghs_app_installation",
    baseUrl: fake.url,
    Octokit: UnthrottledOctokit,
    log: pino({ level: "silent" }),
  });
  const seen = new Set<string>();
  probot.load(
    createApp(
      {
        store: new MemoryRunStore(),
        deliveries: { record: async (id) => !seen.has(id) && Boolean(seen.add(id)) },
        catalogs: new RepoCatalogs({ shipped: () => shippedFiles() }),
        newRunId: () => newRunId(),
        now: () => new Date(),
        botLogin: "scenario-bot[bot]",
      },
      { headTtlMs: 0 },
    ),
  );
});
afterAll(async () => {
  await fake.close();
  for (const o of origins) o.dispose();
});

/** The repository after the recorded change was merged as pull request #7, and the Action's checkout of it. */
function mergedRepo(
  name: string,
  options: { allowActionsPullRequests?: boolean; files?: number; alsoBefore?: Record<string, string> } = {},
): { repo: FakeRepo; checkout: string } {
  const before: Record<string, string> = {
    "README.md": "# mono\n",
    ".github/scenarios.yml": CONFIG,
    ...options.alsoBefore,
  };
  const repo = addRepo(fake.state, {
    owner: "acme",
    name,
    files: before,
    roles: { octocat: "write", reader: "read" },
    actionsMayCreatePullRequests: options.allowActionsPullRequests ?? false,
  });
  const after = { ...before, ...formatterServicePr.contents };
  const baseSha = repo.branches.get("main") as string;
  const mergeCommit = commit(repo, "main", after);
  repo.branches.set("add-formatter-service", mergeCommit);
  const at = "2025-04-30T19:27:26Z";
  repo.issues.set(MERGED, {
    number: MERGED,
    title: formatterServicePr.title,
    body: formatterServicePr.body,
    state: "closed",
    labels: [],
    user: { login: "raybunnage", id: 2, type: "User" },
    pull: {
      head: "add-formatter-service",
      base: "main",
      headSha: mergeCommit,
      draft: false,
      merged: true,
      mergeCommitSha: mergeCommit,
      baseSha,
    },
    createdAt: at,
    updatedAt: at,
  });
  const padding = Array.from(
    { length: Math.max(0, (options.files ?? 0) - formatterServicePr.files.length) },
    (_, i) => ({
      filename: `docs/notes/${i}.md`,
      status: "added",
      additions: 1,
      deletions: 0,
    }),
  );
  repo.pullFiles.set(MERGED, [...formatterServicePr.files, ...padding]);
  repo.nextNumber = MERGED + 1;
  const origin = createGitOrigin({ files: after });
  origins.push(origin);
  return { repo, checkout: origin.checkout };
}

/** An issue_comment.created delivery (GitHub's example payload) of `body` on `number` of `repo`. */
function commentOn(repo: FakeRepo, number: number, body: string, author: string) {
  const p = payloads.commentCreated(body) as unknown as {
    comment: { id: number; body: string; user: { login: string; type: string } };
    issue: { number: number; pull_request?: unknown };
    repository: { name: string; full_name: string; default_branch: string; owner: { login: string } };
    sender: { login: string; type: string };
  };
  p.repository.name = repo.name;
  p.repository.full_name = `acme/${repo.name}`;
  p.repository.owner.login = "acme";
  p.repository.default_branch = "main";
  p.issue.number = number;
  const issue = repo.issues.get(number);
  if (issue?.pull) {
    // As GitHub sends it for a comment on a pull request (webhooks' `issue.pull_request`).
    const url = `https://api.github.com/repos/acme/${repo.name}/pulls/${number}`;
    const html = `https://github.com/acme/${repo.name}/pull/${number}`;
    p.issue.pull_request = {
      url,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      merged_at: issue.pull.merged ? issue.updatedAt : null,
    };
  } else delete p.issue.pull_request;
  p.comment.id = 8_000_000 + ++comments;
  p.comment.user = { ...p.comment.user, login: author, type: "User" };
  p.sender = { ...p.sender, login: author, type: "User" };
  const at = new Date().toISOString();
  const user = { login: author, id: 1, type: "User" as const };
  repo.comments.set(p.comment.id, {
    id: p.comment.id,
    issueNumber: number,
    body,
    user,
    createdAt: at,
    updatedAt: at,
  });
  return p;
}

async function viaApp(repo: FakeRepo, number: number, body: string, author = "octocat") {
  const payload = commentOn(repo, number, body, author);
  await probot.receive({ id: `learn-${comments}`, name: "issue_comment", payload } as never);
  return replies(repo, number);
}

async function viaAction(
  repo: FakeRepo,
  checkout: string,
  number: number,
  body: string,
  author = "octocat",
  token = "ghs_runner",
) {
  const payload = commentOn(repo, number, body, author);
  const io = recordingIo({ command: "", params: "{}", "github-token": token, "database-url": "" });
  const { env } = actionEnv({
    apiUrl: fake.url,
    repository: `acme/${repo.name}`,
    workspace: checkout,
    eventName: "issue_comment",
    payload,
  });
  await runAction({ io, env: { ...env, PATH: process.env.PATH }, retries: 0 });
  expect(io.failed).toEqual([]);
  return { replies: replies(repo, number), outputs: io.outputs };
}

function replies(repo: FakeRepo, number: number): string[] {
  return [...repo.comments.values()]
    .filter((c) => c.issueNumber === number && c.user.type === "Bot")
    .map((c) => c.body);
}

/** The draft as the new branch holds it. */
function draftOn(repo: FakeRepo, branch = BRANCH): string | undefined {
  const sha = repo.branches.get(branch);
  return sha ? repo.commits.get(sha)?.get(DRAFT) : undefined;
}

/** `scenario validate` on the scenarios folder as the draft's pull request would make it. */
async function validate(draft: string) {
  const dir = mkdtempSync(join(tmpdir(), "learned-"));
  try {
    mkdirSync(dirname(join(dir, DRAFT)), { recursive: true });
    writeFileSync(join(dir, DRAFT), draft);
    return await cli(["validate", "--scenarios", "docs/scenarios"], { cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("/scenario learn on a merged pull request, with the App", () => {
  it("opens a pull request adding the draft under the configured scenarios folder, and links it", async () => {
    const { repo } = mergedRepo("app-learn");
    const mainBefore = repo.branches.get("main");
    const [reply] = await viaApp(repo, MERGED, "/scenario learn");

    const opened = repo.issues.get(MERGED + 1);
    expect(opened?.pull).toMatchObject({ head: BRANCH, base: "main" });
    expect(opened?.title).toBe("Scenario draft: add-service-singleton (learned from #7)");
    expect(opened?.user.login).toBe("scenario-bot[bot]");
    expect(opened?.body).toContain("Drafted by `/scenario learn` from #7, asked for by @octocat.");
    expect(reply).toContain("> /scenario learn");
    expect(reply).toContain(
      "@octocat drafted `docs/scenarios/service/add-service-singleton.md` from this pull request and opened #8 to add it: <https://github.com/acme/app-learn/pull/8>",
    );
    expect(reply).toContain(
      "parameter `name` stands for `formatter-service`, `FormatterService`, `formatterService`",
    );
    expect(reply).toContain("it passes `scenario validate`");

    const draft = draftOn(repo);
    expect(draft).toContain("# Scenario: Add service singleton");
    expect(await validate(draft ?? "")).toMatchObject({ code: 0, err: "" });
    // One commit on a branch of its own, from the default branch's head; the default branch untouched.
    expect(repo.branches.get("main")).toBe(mainBefore);
    expect(
      fake.requests
        .filter((r) => r.path.startsWith(`/repos/acme/${repo.name}`) && r.method !== "GET")
        .map((r) => `${r.method} ${r.operation} ${r.status}`),
    ).toEqual([
      "POST reactions/create-for-issue-comment 201",
      "POST git/create-ref 201",
      "PUT repos/create-or-update-file-contents 201",
      "POST pulls/create 201",
      "POST issues/create-comment 201",
    ]);
  });

  it("asks GitHub whether the named folder was there before the pull request: new, or added to", async () => {
    const created = mergedRepo("app-new-folder").repo;
    await viaApp(created, MERGED, "/scenario learn");
    const fresh = draftOn(created);
    expect(fresh).toContain("1. [ ] `packages/shared/services/{name}` does not exist yet");
    // The same change into a folder the repository already had (dhg-mono's 05dcf62b added a CLI to
    // scripts/cli-pipeline/utilities/): a later run needs that folder, not its absence.
    const { repo } = mergedRepo("app-old-folder", {
      alsoBefore: { "packages/shared/services/formatter-service/README.md": "# formatter\n" },
    });
    await viaApp(repo, MERGED, "/scenario learn");
    const added = draftOn(repo);
    expect(added).toContain("1. [ ] `packages/shared/services/{name}` exists");
    expect(added).toContain("test -d packages/shared/services/{name}");
    expect(await validate(added ?? "")).toMatchObject({ code: 0, err: "" });
  });

  it("learns from a merged pull request that came from a fork: what was merged is the repository's", async () => {
    const { repo } = mergedRepo("app-fork");
    const pull = repo.issues.get(MERGED)?.pull;
    if (pull) pull.headRepo = "contributor/mono";
    const [reply] = await viaApp(repo, MERGED, "/scenario learn");
    expect(reply).toContain("and opened #8 to add it");
  });

  it("asked again, points at the draft already proposed and writes nothing", async () => {
    const { repo } = mergedRepo("app-again");
    await viaApp(repo, MERGED, "/scenario learn");
    const sha = repo.branches.get(BRANCH);
    const replied = await viaApp(repo, MERGED, "/scenario learn");
    expect(replied[1]).toContain("a draft from this pull request is already proposed in #8");
    expect(repo.branches.get(BRANCH)).toBe(sha);
  });
});

describe("/scenario learn in zero-server mode (the Action on issue_comment)", () => {
  it("pushes the draft's branch and, GITHUB_TOKEN being refused the pull request, links the branch instead", async () => {
    const { repo, checkout } = mergedRepo("zs-learn");
    const {
      replies: [reply],
      outputs,
    } = await viaAction(repo, checkout, MERGED, "/scenario learn");
    expect(outputs.status).toBe("drafted");
    expect([...repo.issues.values()].filter((i) => i.pull?.head === BRANCH)).toEqual([]);
    expect(reply).toContain(
      "drafted `docs/scenarios/service/add-service-singleton.md` on the branch `scenario/learn/pr-7`",
    );
    expect(reply).toContain("GitHub did not let this workflow's GITHUB_TOKEN open its pull request");
    expect(reply).toContain("https://github.com/acme/zs-learn/compare/main...scenario/learn/pr-7?expand=1");
    expect(reply).toContain('"Allow GitHub Actions to create and approve pull requests"');
    expect(await validate(draftOn(repo) ?? "")).toMatchObject({ code: 0, err: "" });
    // Its push was made with GITHUB_TOKEN: GitHub starts no workflow for it.
    expect(repo.events.filter((e) => e.name === "push").every((e) => !e.startsWorkflows)).toBe(true);
  });

  it("says which permission is missing when the job's token may not write the branch", async () => {
    grantToken(
      fake.state,
      "ghs_read_only_contents",
      workflowIdentity({ contents: "read", "pull-requests": "write", issues: "write" }),
    );
    const { repo, checkout } = mergedRepo("zs-narrow");
    const {
      replies: [reply],
    } = await viaAction(repo, checkout, MERGED, "/scenario learn", "octocat", "ghs_read_only_contents");
    expect(reply).toContain(
      "the draft `docs/scenarios/service/add-service-singleton.md` was made, but GitHub refused to let scenario-bot write it (Resource not accessible by integration). Its token needs `contents: write`",
    );
    expect(repo.branches.has(BRANCH)).toBe(false);
  });

  it("opens the pull request where the repository lets GitHub Actions open them", async () => {
    const { repo, checkout } = mergedRepo("zs-allowed", { allowActionsPullRequests: true });
    const {
      replies: [reply],
    } = await viaAction(repo, checkout, MERGED, "/scenario learn");
    expect(repo.issues.get(MERGED + 1)?.pull?.head).toBe(BRANCH);
    expect(reply).toContain("and opened #8 to add it: <https://github.com/acme/zs-allowed/pull/8>");
  });
});

describe("where /scenario learn does not draft, both hosts say why and what to do, in the same words", () => {
  async function both(body: string, seed: (repo: FakeRepo) => number, author = "octocat", files?: number) {
    const app = mergedRepo(`refuse-app-${comments}`, files ? { files } : {});
    const action = mergedRepo(`refuse-zs-${comments}`, files ? { files } : {});
    const fromApp = await viaApp(app.repo, seed(app.repo), body, author);
    const fromAction = (await viaAction(action.repo, action.checkout, seed(action.repo), body, author))
      .replies;
    const same = (texts: string[]) => texts.map((t) => t.replace(/refuse-(app|zs)-\d+/g, "<repo>"));
    expect(same(fromAction)).toEqual(same(fromApp));
    expect(draftOn(app.repo)).toBeUndefined();
    expect(draftOn(action.repo)).toBeUndefined();
    return fromApp[0] ?? "";
  }
  const merged = () => MERGED;
  const anIssue = (repo: FakeRepo) => {
    const at = new Date().toISOString();
    const user = { login: "octocat", id: 1, type: "User" as const };
    repo.issues.set(20, {
      number: 20,
      title: "An idea",
      body: "",
      state: "open",
      labels: [],
      user,
      createdAt: at,
      updatedAt: at,
    });
    return 20;
  };
  const unmerged = (state: "open" | "closed") => (repo: FakeRepo) => {
    const issue = repo.issues.get(MERGED);
    if (issue?.pull) {
      issue.state = state;
      issue.pull.merged = false;
      delete issue.pull.mergeCommitSha;
    }
    return MERGED;
  };

  it("on an issue", async () => {
    expect(await both("/scenario learn", anIssue)).toContain(
      "drafts a scenario from a merged pull request's change, and this is not a pull request",
    );
  });

  it("on a pull request not merged yet, or closed without merging", async () => {
    expect(await both("/scenario learn", unmerged("open"))).toContain("this pull request is not merged yet");
    expect(await both("/scenario learn", unmerged("closed"))).toContain("was closed without being merged");
  });

  it("for someone without write access", async () => {
    expect(await both("/scenario learn", merged, "reader")).toContain(
      "your role on this repository is `read`; to draft a scenario from a pull request you need at least `write`",
    );
  });

  it("for a pull request larger than it reads, with the limits", async () => {
    const files = LEARN_LIMITS.files + 1;
    const recorded = formatterServicePr.files.reduce((n, f) => n + f.additions + f.deletions, 0);
    const lines = recorded + files - formatterServicePr.files.length;
    expect(await both("/scenario learn", merged, "octocat", files)).toContain(
      `this pull request changes ${files} files and ${lines} lines; \`/scenario learn\` reads at most ${LEARN_LIMITS.files} files and ${LEARN_LIMITS.lines} changed lines`,
    );
  });

  it("with an argument", async () => {
    expect(await both("/scenario learn formatter-service", merged)).toContain("`learn` takes no arguments");
  });
});
