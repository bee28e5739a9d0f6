import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { cli, tempRepo } from "../support/cli-in-process.ts";
import { createLegacyArchives, createLegacySchema } from "../support/legacy-archive-schema.ts";
import { createServerDatabase, dropServerDatabase, resetDb } from "../support/test-db.ts";

const name = `scenario_test_cli_archive_${process.pid}`;
let url: string;
let cwd: string;
beforeAll(async () => {
  url = await createServerDatabase(name);
});
afterAll(async () => {
  await dropServerDatabase(name);
});
beforeEach(async () => {
  const db = await openPostgres(url);
  await resetDb(db);
  await db.close();
  cwd = tempRepo({ "scripts/old.sh": "echo old\n", "src/app.ts": "export {};\n" });
  expect((await cli(["migrate"], { cwd, env: { DATABASE_URL: url } })).code).toBe(0);
  return () => fs.rmSync(cwd, { recursive: true, force: true });
});

const run = (argv: string[]) => cli(argv, { cwd, env: { DATABASE_URL: url } });

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openPostgres>>) => Promise<T>): Promise<T> {
  const db = await openPostgres(url);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe("scenario archive", () => {
  it("consolidate: dry run by default, --apply once, then nothing left to do", async () => {
    await withDb(async (db) => {
      await createLegacySchema(db, ["registry_services", "registry_scan_history"]);
      await createLegacyArchives(db);
    });
    const dry = await run(["archive", "consolidate"]);
    expect(dry.code).toBe(0);
    expect(dry.out).toBe(
      [
        "archive consolidate (dry run): nothing is changed; run with --apply to do this in one transaction",
        "  would move public.registry_services -> archived.registry_services (1 row(s))",
        "  would move public.registry_scan_history -> archived.registry_scan_history (2 row(s))",
        "  would fold 3 of 3 row(s) of sys_archived_scripts into sys_unified_archive (item_type script), then would move it to archived.sys_archived_scripts",
        "  would fold 2 of 2 row(s) of sys_archived_packages into sys_unified_archive (item_type package), then would move it to archived.sys_archived_packages",
        "  not present: registry_service_imports, registry_service_exports, registry_service_dependencies, registry_dependency_graph, registry_circular_dependencies, registry_missing_services, registry_duplicate_exports",
        "",
      ].join("\n"),
    );
    const applied = await run(["archive", "consolidate", "--apply"]);
    expect(applied.out.split("\n")[0]).toBe(
      "archive consolidated in one transaction: 4 table(s) moved, 9 row(s) added to sys_unified_archive",
    );
    const again = await run(["archive", "consolidate", "--apply"]);
    expect(again.out).toBe(
      "nothing to consolidate: no registry_* table is left in public and no legacy archive table remains (2 registry table(s) already in archived).\n",
    );
  });

  it("add moves a file under archive/ and refuses bad input with one clear line", async () => {
    const added = await run(["archive", "add", "scripts/old.sh", "--type", "script", "--reason", "replaced"]);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(
      /^archived scripts\/old\.sh -> archive\/scripts\/old\.sh \(9 bytes, entry [0-9a-f-]{36}\); commit the move with git\n$/,
    );
    expect(fs.existsSync(path.join(cwd, "archive/scripts/old.sh"))).toBe(true);

    const outside = await run(["archive", "add", "/etc/hostname", "--type", "code", "--reason", "x"]);
    expect(outside).toMatchObject({
      code: 1,
      err: `error: /etc/hostname is outside the repository ${cwd}: only files inside it can be archived.\n`,
    });
    const badType = await run(["archive", "add", "src/app.ts", "--type", "table", "--reason", "x"]);
    expect(badType.code).not.toBe(0);
    expect(badType.err).toContain(
      "error: option '--type <type>' argument 'table' is invalid. Allowed choices are code, document, script, package.",
    );
  });

  it("audit prints text, markdown or json and exits 1 only for errors", async () => {
    const clean = await run(["archive", "audit"]);
    expect(clean).toMatchObject({
      code: 0,
      out: "archive audit: no findings\narchive summary:\n  (sys_unified_archive is empty)\n",
    });
    await run(["archive", "add", "scripts/old.sh", "--type", "script", "--reason", "replaced"]);
    fs.rmSync(path.join(cwd, "archive"), { recursive: true });
    const text = await run(["archive", "audit"]);
    expect(text.code).toBe(1);
    expect(text.out).toContain(
      "error   archive-missing: archived script scripts/old.sh is missing from archive/scripts/old.sh",
    );
    const markdown = await run(["archive", "audit", "--format", "markdown"]);
    expect(markdown.code).toBe(1);
    expect(markdown.out).toMatch(/^## Archive audit\n/);
    const json = await run(["archive", "audit", "--format", "json"]);
    expect(JSON.parse(json.out)).toMatchObject({
      counts: { error: 1 },
      summary: [{ itemType: "script", totalItems: 1 }],
    });
  });
});
