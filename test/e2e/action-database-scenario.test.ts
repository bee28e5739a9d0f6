// A database scenario through the Action as a runner starts it (`node dist/index.js`, zero-server):
// create-database-table's validation step calls `"$SCENARIO_CLI" scratch-db`, the CLI bundled beside
// the Action, which replays the migrations on an in-memory PGlite: its SQL parser's WebAssembly and
// PGlite's extensions must be found beside the bundle, with no node_modules near it.
import { afterAll, beforeAll, expect, it } from "vitest";
import { dispatchPayload } from "../support/action-env.ts";
import { useActionRepo } from "../support/action-repo.ts";
import { buildDist, spawnAction } from "../support/spawn-action.ts";

const t = useActionRepo({ prefix: "tables" });
let dist: Awaited<ReturnType<typeof buildDist>>;
beforeAll(async () => {
  dist = await buildDist();
});
afterAll(() => dist.dispose());

it("runs create-database-table, whose scratch database check runs the bundled CLI", {
  timeout: 180_000,
}, async () => {
  const inputs = {
    command: "run",
    scenario: "create-database-table",
    params: '{"table":"invoices"}',
    "run-id": "20261130-dbtab1",
    "issue-number": "",
    "github-token": "ghs_runner",
    "database-url": "",
  };
  const job = await spawnAction({
    entry: dist.entry,
    apiUrl: t.fake.url,
    repository: `acme/${t.repo.name}`,
    workspace: t.origin.freshCheckout("tables-job1"),
    eventName: "workflow_dispatch",
    payload: dispatchPayload(inputs),
    inputs,
  });
  expect(job.code, job.stdout + job.stderr).toBe(0);
  expect(job.outputs.status, job.stdout).toBe("succeeded");
  expect(job.stdout).toContain("Replay the migrations and apply the new one on a scratch database");
  const files = t.origin.git(t.origin.bare, "ls-tree", "-r", "--name-only", job.outputs.branch as string);
  expect(files.split("\n").some((f) => /^supabase\/migrations\/\d{14}_create_invoices\.sql$/.test(f))).toBe(
    true,
  );
});
