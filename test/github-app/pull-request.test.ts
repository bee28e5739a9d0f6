// Automatic PR checks: `scenario docs` (changed documents validated, annotations 50 per request) and
// `scenario suggestions` (neutral, from the scenarios' triggers, with the exact command).
import { describe, expect, it } from "vitest";
import { REPO, useApp } from "../support/app-harness.ts";
import type { FakeRepo } from "../support/github-fake/index.ts";
import { example } from "../support/webhook-payloads.ts";

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

/** Pull request 2 (the example payload's) from `head`, with the files GitHub lists for it. */
function openPull(
  repo: FakeRepo,
  head: string,
  files: FakeRepo["pullFiles"] extends Map<number, infer F> ? F : never,
) {
  const at = new Date().toISOString();
  repo.branches.set("changes", head);
  repo.issues.set(2, {
    number: 2,
    title: "Changes",
    body: null,
    state: "open",
    labels: [],
    user: { login: "Codertocat", id: 21031067, type: "User" },
    pull: { head: "changes", base: repo.defaultBranch, headSha: head, draft: false, merged: false },
    createdAt: at,
    updatedAt: at,
  });
  repo.pullFiles.set(2, files);
}

/** The check runs the App created and the updates it sent, in order. */
function checks(): { created: CheckBody[]; updated: CheckBody[] } {
  const sent = h.requests().filter((r) => r.path.startsWith(`${REPO}/check-runs`) && r.status < 300);
  return {
    created: sent.filter((r) => r.method === "POST").map((r) => r.body as CheckBody),
    updated: sent.filter((r) => r.method === "PATCH").map((r) => r.body as CheckBody),
  };
}

describe("pull_request checks", () => {
  it("suggests add-rls-policies for a new table without row level security, with the exact command", async () => {
    const head = "c".repeat(40);
    h.environment();
    openPull(h.repo, head, [
      {
        filename: "supabase/migrations/20260101000000_invoices.sql",
        status: "added",
        additions: 2,
        deletions: 0,
        patch: "@@ -0,0 +1,2 @@\n+create table public.invoices (id uuid primary key);\n+-- no policies yet",
      },
      {
        filename: "supabase/migrations/20260101000001_notes.sql",
        status: "added",
        patch:
          "@@ -0,0 +1,2 @@\n+create table notes (id int);\n+alter table notes enable row level security;",
      },
    ]);
    h.commitAt(head, {});
    await h.receive("pull_request", synchronize(head));
    const { created, updated } = checks();
    expect(created).toHaveLength(2);
    expect(updated).toEqual([]);
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
    h.environment();
    openPull(h.repo, head, [
      { filename: "scenarios/broken-one.md", status: "added", patch: "@@ +1 @@\n+# Scenario: Broken" },
    ]);
    h.commitAt(head, { "README.md": "# Hello-World\n", "scenarios/broken-one.md": broken });
    await h.receive("pull_request", synchronize(head));
    const { created, updated } = checks();
    expect(created).toHaveLength(2);
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
