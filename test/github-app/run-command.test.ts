// `/scenario <id> k=v` through the App, against the GitHub fake: the plan reply, the run recorded, the
// dispatch, and every way a run is refused.
import { describe, expect, it } from "vitest";
import { useApp } from "../support/app-harness.ts";
import { commentCreated } from "../support/webhook-payloads.ts";

const h = useApp("github_run");

describe("/scenario <id> k=v: a run", () => {
  it("reacts, checks permission, records the run queued, replies with the plan, dispatches, then rockets", async () => {
    const sha = h.environment();
    h.role("write");

    await h.receive("issue_comment", commentCreated("Please:\n\n/scenario add-rls-policies table=documents"));
    const replies = h.replies();
    const dispatched = h.dispatches();
    // Eyes first; the dispatch leaves before the reply (rendered while GitHub takes the dispatch); the
    // rocket only once the plan is posted and the workflow dispatched.
    const posts = h
      .requests()
      .filter((r) => r.method === "POST")
      .map((r) => (r.path.endsWith("/reactions") ? (r.body as { content: string }).content : r.path));
    expect(posts[0]).toBe("eyes");
    expect(posts.at(-1)).toBe("rocket");
    expect(posts.slice(1, -1)).toEqual([
      "/repos/Codertocat/Hello-World/actions/workflows/scenario.yml/dispatches",
      "/repos/Codertocat/Hello-World/issues/1/comments",
    ]);
    expect(h.requests().filter((r) => r.path.endsWith("/permission"))).toHaveLength(1);

    expect(dispatched).toEqual([
      {
        ref: "master",
        inputs: {
          scenario: "add-rls-policies",
          params: { table: "documents", owner_column: "user_id", mode: "owner" },
          "run-id": "20260101-run001",
          command: "run",
          "issue-number": "1",
        },
      },
    ]);
    expect(await h.deps.store.getRun("20260101-run001")).toMatchObject({
      scenarioId: "add-rls-policies",
      status: "queued",
      repository: "Codertocat/Hello-World",
      target: "documents",
      branch: "scenario/add-rls-policies/20260101-run001",
      baseBranch: "master",
      baseSha: sha,
      issueNumber: 1,
      triggeredBy: "Codertocat",
    });
    const reply = replies[0] ?? "";
    expect(reply).toContain(
      "> /scenario add-rls-policies table=documents\n\n@Codertocat run `20260101-run001` of `add-rls-policies`",
    );
    expect(reply).toContain("**Runs first** (unless already in place): `create-database-table`");
    expect(reply).toContain("Review the policies with the data owner `[manual]`");
    expect(reply).toContain("**Manual**");
    expect(reply).toContain("<details><summary>Full plan</summary>");
  });

  it("--dry-run and plan reply with the plan and never ask permission, record or dispatch", async () => {
    h.environment();
    await h.receive(
      "issue_comment",
      commentCreated(
        "/scenario add-rls-policies table=documents --dry-run\n/scenario plan add-rls-policies table=notes mode=read-public",
      ),
    );
    const replies = h.replies();
    expect(replies).toHaveLength(2);
    expect(h.reactions()).toEqual(["eyes"]);
    expect(
      h.requests().filter((r) => r.path.endsWith("/permission") || r.path.endsWith("/dispatches")),
    ).toEqual([]);
    expect(replies[0]).toContain("plan for `add-rls-policies` (Add RLS policies); nothing was run.");
    expect(replies[0]).toContain(
      "Run it with `/scenario add-rls-policies table=documents mode=owner owner_column=user_id`",
    );
    expect(replies[1]).toContain("| `mode` | `read-public` |");
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });

  it("a bad parameter gets the rule and an example; nothing is recorded or dispatched", async () => {
    h.environment();
    h.role("admin");
    await h.receive(
      "issue_comment",
      commentCreated("/scenario add-rls-policies table=Drop-Table mode=everyone"),
    );
    const replies = h.replies();
    expect(h.dispatches()).toEqual([]);
    expect(replies[0]).toMatchInlineSnapshot(`
      "> /scenario add-rls-policies table=Drop-Table mode=everyone

      @Codertocat the parameters for \`add-rls-policies\` are not valid, so nothing ran:

      - \`table\` (pattern): "table" must match the pattern ^\\[a-z]\\[a-z0-9\\_]\\*$. Example: table=research_urls (got "Drop-Table")
      - \`mode\` (enum): "mode" must be one of "owner", "read-public", "authenticated-read". Example: mode=owner (got "everyone")

      Example: \`/scenario add-rls-policies table=research_urls\`. \`/scenario help add-rls-policies\` lists every parameter and its rules."
    `);
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });

  it("hostile values never reach a shell or a path: refused by the parameter rules", async () => {
    h.environment();
    h.role("admin");
    await h.receive(
      "issue_comment",
      commentCreated(
        "/scenario add-rls-policies table='x; rm -rf / #'\n/scenario add-rls-policies table=../../etc/passwd owner_column='$(curl evil)'",
      ),
    );
    const replies = h.replies();
    expect(replies).toHaveLength(2);
    expect(h.dispatches()).toEqual([]);
    expect(replies[0]).toContain("`table` (pattern)");
    expect(replies[1]).toContain("`table` (pattern)");
    expect(replies[1]).toContain("`owner_column` (pattern)");
    expect(await h.deps.store.listRuns({})).toEqual([]);
  });

  it("an unknown id gets the closest matches", async () => {
    h.environment();
    h.role("write"); // asked early, in parallel with the catalog read
    await h.receive("issue_comment", commentCreated("/scenario add-rls-policy table=documents"));
    const replies = h.replies();
    expect(replies[0]).toContain(
      "there is no scenario `add-rls-policy` in the scenarios shipped with scenario-bot. Did you mean `add-rls-policies`",
    );
  });

  it("a second run on the same target while one is active is refused", async () => {
    await h.deps.store.createRun({
      id: "20251231-busy01",
      scenarioId: "add-rls-policies",
      params: { table: "documents" },
      status: "waiting",
      repository: "Codertocat/Hello-World",
      target: "documents",
      branch: "scenario/add-rls-policies/20251231-busy01",
      baseBranch: "master",
      issueNumber: 1,
    });
    // As the engine does when it starts the run.
    await h.deps.store.acquireLock("Codertocat/Hello-World#add-rls-policies#documents", "20251231-busy01");
    h.environment();
    h.role("write");
    await h.receive("issue_comment", commentCreated("/scenario add-rls-policies table=documents"));
    const replies = h.replies();
    expect(h.dispatches()).toEqual([]);
    expect(replies[0]).toContain("run `20251231-busy01` of `add-rls-policies` is still changing `documents`");
    expect(await h.deps.store.getRun("20260101-run001")).toMatchObject({ status: "cancelled" });

    // Once that run has finished, its lock no longer stands in the way.
    await h.deps.store.updateRun("20251231-busy01", { status: "succeeded" });
    await h.receive("issue_comment", commentCreated("/scenario add-rls-policies table=documents"));
    expect(h.dispatches()).toHaveLength(1);
    expect(h.reactions()).toEqual(["eyes", "eyes", "rocket"]);
    expect(await h.deps.store.getRun("20260101-run002")).toMatchObject({ status: "queued" });
  });

  it("a missing workflow marks the run failed and says how to fix it", async () => {
    h.environment();
    h.role("write");
    h.repo.workflows.clear(); // GitHub answers 404 to a dispatch of a workflow the branch does not have
    await h.receive("issue_comment", commentCreated("/scenario add-rls-policies table=documents"));
    const replies = h.replies();
    expect(replies).toHaveLength(2);
    expect(replies[1]).toContain("the workflow `.github/workflows/scenario.yml` was not found on `master`");
    expect(await h.deps.store.getRun("20260101-run001")).toMatchObject({
      status: "failed",
      error: "workflow dispatch failed",
    });
  });

  it("uses the repository's config: workflow, branch prefix and a per-scenario minimum", async () => {
    h.repo.workflows.set("run-scenarios.yml", {});
    h.environment({
      config:
        "workflow: run-scenarios.yml\nbranch_prefix: bots/\npermissions:\n  scenarios:\n    add-rls-policies: maintain\n",
    });
    h.role("write");
    await h.receive("issue_comment", commentCreated("/scenario add-rls-policies table=documents"));
    const replies = h.replies();
    expect(h.dispatches("run-scenarios.yml")).toEqual([]);
    expect(replies[0]).toContain("you need at least `maintain`");

    h.environment({ config: "workflow: run-scenarios.yml\nbranch_prefix: bots/\n" });
    await h.receive("issue_comment", commentCreated("/scenario add-rls-policies table=documents"));
    const dispatched = h.dispatches("run-scenarios.yml");
    expect(h.dispatches()).toEqual([]);
    expect(dispatched).toHaveLength(1);
    const runId = dispatched[0]?.inputs["run-id"] ?? "";
    expect((await h.deps.store.getRun(runId))?.branch).toBe(`bots/add-rls-policies/${runId}`);
  });

  it("an invalid config is pointed at, and nothing runs", async () => {
    h.environment({ config: "permissions:\n  minimum: superuser\nworkflow: ../../evil\n" });
    h.role("write");
    await h.receive("issue_comment", commentCreated("/scenario add-rls-policies table=documents"));
    const replies = h.replies();
    expect(replies).toHaveLength(1);
    expect(
      h.requests().filter((r) => r.path.includes("/git/trees/") || r.path.endsWith("/dispatches")),
    ).toEqual([]);
    expect(replies[0]).toContain("`.github/scenarios.yml` is not valid");
    expect(replies[0]).toContain("`permissions.minimum`");
    expect(replies[0]).toContain("`workflow`: must be a workflow file name");
  });
});
