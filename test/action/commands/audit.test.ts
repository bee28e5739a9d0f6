// `command: audit` against a real PostgreSQL database holding the unified archive: the job summary,
// and the one "Archive audit" issue created, edited in place, closed when clean, reopened.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AUDIT_LABEL, AUDIT_MARKER } from "../../../src/action/commands/audit.ts";
import { run } from "../../../src/action/main.ts";
import { actionEnv } from "../../support/action-env.ts";
import { createGitOrigin, type GitOrigin } from "../../support/git-origin.ts";
import {
  addRepo,
  type FakeRepo,
  type GitHubFake,
  refusedRequests,
  startGitHubFake,
} from "../../support/github-fake/index.ts";
import { recordingIo } from "../../support/recording-io.ts";
import { useTestDb } from "../../support/test-db.ts";

const testDb = useTestDb("postgres", "action_audit");
let fake: GitHubFake;
let origin: GitOrigin;
let repo: FakeRepo;

beforeAll(async () => {
  fake = await startGitHubFake();
  origin = createGitOrigin();
});
afterAll(async () => {
  await fake.close();
  origin.dispose();
});
beforeEach(() => {
  repo = addRepo(fake.state, { owner: "acme", name: `audit${Math.random().toString(36).slice(2, 8)}` });
});

async function audit(inputs: Record<string, string> = {}) {
  const io = recordingIo({
    command: "audit",
    "github-token": "ghs_runner",
    "database-url": testDb.url ?? "",
    ...inputs,
  });
  const { env } = actionEnv({
    apiUrl: fake.url,
    repository: `acme/${repo.name}`,
    workspace: origin.checkout,
    eventName: "schedule",
    payload: { schedule: "17 6 * * 1" },
  });
  const result = await run({ io, env, retries: 0 });
  return { io, result };
}

const auditIssues = () => [...repo.issues.values()].filter((i) => i.labels.includes(AUDIT_LABEL));

describe("command: audit", () => {
  it("opens one issue for findings, edits it in place, closes it when clean and reopens it when findings return", async () => {
    // An archive entry whose original path still exists in the checkout: a finding.
    await testDb.db.query(
      "INSERT INTO sys_unified_archive (item_type, original_path, archive_path, reason) VALUES ('document', 'README.md', 'archive/README.md', 'test')",
    );
    const first = await audit();
    expect(first.result?.status).toBe("findings");
    expect(first.io.summary).toContain("## Archive audit");
    expect(first.io.summary).toContain("README.md");
    expect(auditIssues()).toMatchObject([{ title: "Archive audit", state: "open" }]);
    expect(auditIssues()[0]?.body).toContain(AUDIT_MARKER);

    const second = await audit();
    expect(second.result?.status).toBe("findings");
    expect(auditIssues()).toHaveLength(1);

    await testDb.db.query("DELETE FROM sys_unified_archive");
    const clean = await audit();
    expect(clean.result?.status).toBe("clean");
    expect(auditIssues()).toMatchObject([{ state: "closed" }]);
    expect(auditIssues()[0]?.body).toContain("no findings");

    await testDb.db.query(
      "INSERT INTO sys_unified_archive (item_type, original_path, archive_path, reason) VALUES ('document', 'README.md', 'archive/README.md', 'again')",
    );
    await audit();
    expect(auditIssues()).toMatchObject([{ state: "open" }]);
    expect(refusedRequests(fake.requests)).toEqual([]);
  });

  it("asks for database-url instead of auditing an empty embedded database", async () => {
    const { io, result } = await audit({ "database-url": "" });
    expect(result).toBeUndefined();
    expect(io.failed).toEqual([
      "input 'database-url': required for command 'audit': the audit reads your database's archive tables; pass its connection string from a secret (e.g. secrets.SCENARIO_DATABASE_URL) as database-url.",
    ]);
  });
});
