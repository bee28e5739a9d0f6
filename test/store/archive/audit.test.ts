import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { archiveAdd } from "../../../src/store/archive/add.ts";
import { auditArchive } from "../../../src/store/archive/audit.ts";
import {
  renderAuditJson,
  renderAuditMarkdown,
  renderAuditText,
} from "../../../src/store/archive/audit-render.ts";
import { auditExitCode } from "../../../src/store/archive/audit-types.ts";
import { applyConsolidation } from "../../../src/store/archive/consolidate.ts";
import { createLegacyArchives, createLegacySchema } from "../../support/legacy-archive-schema.ts";
import { BACKENDS, useTestDb } from "../../support/test-db.ts";
import { makeRepo } from "./temp-repo.ts";

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});
function repo(): string {
  const root = makeRepo({
    "src/app.ts": "await db.query('select * from orders');\n",
    "supabase/migrations/001.sql": "create table forgotten (id int);\n",
    "scripts/cleanup.sh": "echo cleanup\n",
  });
  roots.push(root);
  return root;
}

describe.each(BACKENDS)("archive audit on %s", (kind) => {
  const t = useTestDb(kind, "archive_audit");
  const now = () => new Date("2026-01-01T00:00:00Z");

  it("reports a clean archive with no findings and exit code 0", async () => {
    const report = await auditArchive(t.db, repo(), { now });
    expect(report).toEqual({
      generatedAt: "2026-01-01T00:00:00.000Z",
      findings: [],
      summary: [],
      counts: { error: 0, warning: 0, info: 0 },
    });
    expect(auditExitCode(report)).toBe(0);
    expect(renderAuditText(report)).toBe(
      "archive audit: no findings\narchive summary:\n  (sys_unified_archive is empty)\n",
    );
  });

  it("flags tables nobody uses, references or mentions outside migrations", async () => {
    const root = repo();
    await t.db.exec(`
      CREATE TABLE orders (id int);
      CREATE TABLE forgotten (id int);
      CREATE TABLE parent (id int PRIMARY KEY);
      CREATE TABLE child (parent_id int REFERENCES parent(id));
      CREATE TABLE shown (id int);
      CREATE VIEW shown_view AS SELECT id FROM shown;
    `);
    const report = await auditArchive(t.db, root);
    const unused = report.findings.filter((f) => f.kind === "unused-table").map((f) => f.subject);
    expect(unused).toEqual(["public.child", "public.forgotten"]);
    expect(report.findings.find((f) => f.subject === "public.forgotten")).toMatchObject({
      severity: "warning",
    });
    expect(auditExitCode(report)).toBe(0);
  });

  it("finds archive entries that disagree with the repository and the database; errors set the exit code", async () => {
    const root = repo();
    await archiveAdd(t.db, {
      repoRoot: root,
      cwd: root,
      target: "scripts/cleanup.sh",
      type: "script",
      reason: "unused",
    });
    let report = await auditArchive(t.db, root);
    expect(report.findings).toEqual([]);
    expect(report.summary).toMatchObject([{ itemType: "script", totalItems: 1, uniqueArchivers: 1 }]);

    fs.writeFileSync(path.join(root, "scripts/cleanup.sh"), "back\n");
    fs.rmSync(path.join(root, "archive/scripts/cleanup.sh"));
    await createLegacySchema(t.db, ["registry_services"]);
    await applyConsolidation(t.db);
    await t.db.exec("DROP TABLE archived.registry_services");
    await createLegacyArchives(t.db);

    report = await auditArchive(t.db, root, { mentions: async () => true });
    expect(report.findings.map((f) => [f.severity, f.kind, f.subject])).toEqual([
      ["error", "archive-missing", "archive/scripts/cleanup.sh"],
      ["error", "archive-missing", "archived.registry_services"],
      ["warning", "legacy-not-consolidated", "public.sys_archived_packages"],
      ["warning", "legacy-not-consolidated", "public.sys_archived_scripts"],
      ["warning", "original-still-exists", "scripts/cleanup.sh"],
    ]);
    expect(auditExitCode(report)).toBe(1);
    expect(report.counts).toEqual({ error: 2, warning: 3, info: 0 });

    const text = renderAuditText(report);
    expect(text.split("\n")[0]).toBe("archive audit: 2 error(s), 3 warning(s)");
    expect(text).toContain(
      "-> run `scenario archive consolidate` to review, then `scenario archive consolidate --apply`",
    );
    const markdown = renderAuditMarkdown(report);
    expect(markdown).toContain("| severity | finding | subject | what to do |");
    expect(markdown).toMatch(/\| table \| 1 \| .* \| 1 \|/);
    expect(JSON.parse(renderAuditJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
