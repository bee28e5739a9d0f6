// Automatic PR checks: `scenario docs` (changed documents validated, annotations 50 per request) and
// `scenario suggestions` (neutral, from the scenarios' triggers, with the exact command).
import { readFileSync } from "node:fs";
import { join } from "node:path";
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

/** A small scenario whose self-test passes (test/cli/test-command-scenarios). */
const REVIEWED_NOTE = readFileSync(
  join(import.meta.dirname, "../cli/test-command-scenarios/reviewed-note.md"),
  "utf8",
);

interface CheckBody {
  name?: string;
  head_sha?: string;
  status?: string;
  conclusion?: string;
  output?: {
    title: string;
    summary: string;
    annotations?: { path: string; start_line: number; message: string; annotation_level?: string }[];
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

  it("fills what the changed file says and asks for the rest: a command the App would refuse is never offered as it stands", async () => {
    const head = "f".repeat(40);
    h.environment();
    // As in raybunnage/dhg-mono's history: a loose script beside the pipelines.
    openPull(h.repo, head, [
      {
        filename: "scripts/fix/fix-metadata-fields.js",
        status: "added",
        patch: "@@ -0,0 +1 @@\n+console.log(1);",
      },
    ]);
    h.commitAt(head, {});
    await h.receive("pull_request", synchronize(head));
    const summary = checks().created.find((c) => c.name === "scenario suggestions")?.output?.summary;
    expect(summary).toContain(
      "`/scenario migrate-script-to-pipeline script=scripts/fix/fix-metadata-fields.js command=fix-metadata-fields domain=<domain>`\n" +
        "  with this value written in: `domain`: The pipeline it moves into, e.g. `git_workflow`",
    );
  });

  it("lists beside a value to write the folders it may name, as the default branch has them", async () => {
    const head = "a".repeat(40);
    // dhg-mono's pipelines (a few of its 53) and component groups; a layout from .github/scenarios.yml.
    // `.archived_pipelines` is no value the scenario would take: not listed.
    const pipelines = ["git", "media-processing", "google_sync", ".archived_pipelines"].map((d) => [
      `tools/pipelines/${d}/${d.replaceAll("_", "-")}-cli.sh`,
      "#!/bin/bash\n",
    ]);
    const groups = Array.from({ length: 14 }, (_, i) => [
      `packages/shared/components/group-${i + 10}/index.ts`,
      "",
    ]);
    h.environment({
      config: "layout:\n  pipelines: tools/pipelines\n",
      files: Object.fromEntries([...pipelines, ...groups]),
    });
    openPull(h.repo, head, [
      {
        filename: "scripts/fix/fix-metadata-fields.js",
        status: "added",
        patch: "@@ -0,0 +1 @@\n+console.log(1);",
      },
      {
        filename: "apps/dhg-hub/src/components/ProxyServerDashboard.tsx",
        status: "added",
        patch: "@@ -0,0 +1 @@\n+export const ProxyServerDashboard = () => null;",
      },
    ]);
    h.commitAt(head, {});
    await h.receive("pull_request", synchronize(head));
    const summary = checks().created.find((c) => c.name === "scenario suggestions")?.output?.summary ?? "";
    expect(summary).toContain(
      "`domain`: The pipeline it moves into, e.g. `git_workflow`; in `tools/pipelines` now: `git`, `google_sync`, `media-processing`",
    );
    expect(summary).not.toContain("archived");
    expect(summary).toContain(
      "; in `packages/shared/components` now: `group-10`, `group-11`, `group-12`, `group-13`, `group-14`, `group-15`, `group-16`, `group-17`, `group-18`, `group-19`, `group-20`, `group-21` and 2 more",
    );
    // One listing of each folder, at the default branch's head.
    const listings = h.requests().filter((r) => /\/contents\/(tools|packages)/.test(r.path));
    expect(listings.map((r) => r.path.replace(`${REPO}/contents/`, "")).sort()).toEqual([
      "packages/shared/components",
      "tools/pipelines",
    ]);
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

  it("dispatches the self-tests of a same-repository PR's changed scenario on its branch (command: check)", async () => {
    const head = "e".repeat(40);
    h.environment();
    openPull(h.repo, head, [{ filename: "scenarios/reviewed-note.md", status: "added" }]);
    h.commitAt(head, { "README.md": "# Hello-World\n", "scenarios/reviewed-note.md": REVIEWED_NOTE });
    await h.receive("pull_request", synchronize(head));
    expect(h.dispatches()).toEqual([
      {
        ref: "changes",
        inputs: { command: "check", "issue-number": "2", scenario: "", params: {}, "run-id": "" },
      },
    ]);
    const docs = checks().created.find((c) => c.name === "scenario docs");
    expect(docs).toMatchObject({ head_sha: head, conclusion: "success" });
    expect(docs?.output?.summary).toContain(
      "Self-tests (`scenario test`) of `reviewed-note`: `.github/workflows/scenario.yml` was dispatched on `changes` with `command: check`",
    );
  });

  it("never self-tests a fork's documents: they are validated only", async () => {
    const head = "f".repeat(40);
    h.environment();
    openPull(h.repo, head, [{ filename: "scenarios/reviewed-note.md", status: "added" }]);
    h.commitAt(head, { "README.md": "# Hello-World\n", "scenarios/reviewed-note.md": REVIEWED_NOTE });
    const payload = synchronize(head);
    if (payload.pull_request.head.repo) {
      payload.pull_request.head.repo.full_name = "octo-fork/Hello-World";
      payload.pull_request.head.repo.fork = true;
    }
    await h.receive("pull_request", payload);
    expect(h.dispatches()).toEqual([]);
    const docs = checks().created.find((c) => c.name === "scenario docs");
    expect(docs).toMatchObject({ head_sha: head, conclusion: "success" });
    expect(docs?.output?.summary).toContain(
      "Not self-tested: this pull request comes from octo-fork/Hello-World; a fork's documents are untrusted code, so they were only validated.",
    );
  });

  it("shows a README and a file that is no scenario as notices, and passes", async () => {
    const head = "a".repeat(40);
    h.environment();
    openPull(h.repo, head, [
      { filename: "scenarios/README.md", status: "added" },
      { filename: "scenarios/recipe.md", status: "added" },
    ]);
    h.commitAt(head, {
      "README.md": "# Hello-World\n",
      "scenarios/README.md": "# Our scenarios\n",
      "scenarios/recipe.md": "# Add a service\n\n### 1. Create the folder\n\n```bash\nmkdir x\n```\n",
    });
    await h.receive("pull_request", synchronize(head));
    const docs = checks().created.find((c) => c.name === "scenario docs");
    expect(docs).toMatchObject({ conclusion: "success", output: { title: "Scenario documents are valid" } });
    expect(docs?.output?.annotations?.map((a) => [a.path, a.annotation_level])).toEqual([
      ["scenarios/README.md", "notice"],
      ["scenarios/recipe.md", "notice"],
    ]);
    expect(docs?.output?.annotations?.every((a) => a.message.startsWith("not a scenario"))).toBe(true);
    expect(docs?.output?.summary).toContain("2 note(s), annotated as notices (they do not fail the check)");
    expect(h.dispatches()).toEqual([]);
  });
});
