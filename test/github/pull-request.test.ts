// Automatic PR checks: `scenario docs` (changed documents validated, annotations 50 per request) and
// `scenario suggestions` (neutral, from the scenarios' triggers, with the exact command).
import nock from "nock";
import { describe, expect, it } from "vitest";
import { API, nockEnvironment, nockTree, REPO, useApp } from "./support/app-harness.ts";
import { example } from "./support/payloads.ts";

const h = useApp("github_pr");

function synchronize(headSha: string) {
  const p = example("pull_request.synchronize");
  p.pull_request.head.sha = headSha;
  return p;
}

interface CheckBody {
  name?: string;
  head_sha?: string;
  status?: string;
  conclusion?: string;
  output?: {
    title: string;
    summary: string;
    annotations?: { path: string; start_line: number; message: string }[];
  };
}

function expectChecks(scope: nock.Scope, creates: number, updates = 0) {
  const created: CheckBody[] = [];
  const updated: CheckBody[] = [];
  scope.post(`${REPO}/check-runs`).times(creates).reply(201, { id: 77 });
  if (updates) scope.patch(`${REPO}/check-runs/77`).times(updates).reply(200, { id: 77 });
  scope.on("request", (_req, interceptor: { method: string; path: string }, body: string) => {
    if (interceptor.path === `${REPO}/check-runs`) created.push(JSON.parse(body));
    if (interceptor.path === `${REPO}/check-runs/77`) updated.push(JSON.parse(body));
  });
  return { created, updated };
}

describe("pull_request checks", () => {
  it("suggests add-rls-policies for a new table without row level security, with the exact command", async () => {
    const head = "c".repeat(40);
    const scope = nock(API);
    nockEnvironment(scope);
    scope
      .get(`${REPO}/pulls/2/files`)
      .query({ per_page: "100" })
      .reply(200, [
        {
          filename: "supabase/migrations/20260101000000_invoices.sql",
          status: "added",
          additions: 2,
          deletions: 0,
          changes: 2,
          patch: "@@ -0,0 +1,2 @@\n+create table public.invoices (id uuid primary key);\n+-- no policies yet",
        },
        {
          filename: "supabase/migrations/20260101000001_notes.sql",
          status: "added",
          patch:
            "@@ -0,0 +1,2 @@\n+create table notes (id int);\n+alter table notes enable row level security;",
        },
      ]);
    const { created } = expectChecks(scope, 2);
    await h.receive("pull_request", synchronize(head));
    const docs = created.find((c) => c.name === "scenario docs");
    const suggestions = created.find((c) => c.name === "scenario suggestions");
    expect(docs).toMatchObject({
      head_sha: head,
      conclusion: "success",
      output: { title: "No scenario documents changed" },
    });
    expect(suggestions).toMatchObject({ head_sha: head, conclusion: "neutral" });
    expect(suggestions?.output?.summary).toContain("`/scenario add-rls-policies table=invoices`");
    expect(suggestions?.output?.summary).not.toContain("table=notes");
  });

  it("validates changed documents at the head commit, 50 annotations per request, failure on problems", async () => {
    const head = "d".repeat(40);
    const unknownKeys = Array.from({ length: 60 }, (_, i) => `- **Colour ${i}**: blue`).join("\n");
    const broken = `# Scenario: Broken\n\n## Metadata\n- **ID**: \`broken-one\`\n${unknownKeys}\n`;
    const scope = nock(API);
    nockEnvironment(scope);
    scope
      .get(`${REPO}/pulls/2/files`)
      .query({ per_page: "100" })
      .reply(200, [
        { filename: "scenarios/broken-one.md", status: "added", patch: "@@ +1 @@\n+# Scenario: Broken" },
      ]);
    nockTree(scope, head, { "scenarios/broken-one.md": broken });
    const { created, updated } = expectChecks(scope, 2, 1);
    await h.receive("pull_request", synchronize(head));
    const docs = created.find((c) => c.name === "scenario docs");
    expect(docs?.status).toBe("in_progress");
    expect(docs?.output?.annotations).toHaveLength(50);
    expect(updated).toHaveLength(1);
    expect(updated[0]?.conclusion).toBe("failure");
    const all = [...(docs?.output?.annotations ?? []), ...(updated[0]?.output?.annotations ?? [])];
    expect(all.length).toBeGreaterThan(50);
    expect(all.every((a) => a.path === "scenarios/broken-one.md" && a.start_line >= 1)).toBe(true);
    expect(all.some((a) => a.message.includes("Colour 0"))).toBe(true);
  });
});
