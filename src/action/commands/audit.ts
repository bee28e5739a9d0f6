// `command: audit`: the archive audit of the database, written to the job summary, and one
// "Archive audit" issue kept current: found by its label and hidden marker, created once, edited in
// place, reopened when findings come back, closed when there are none.

import { auditArchive } from "../../store/archive/audit.ts";
import { renderAuditMarkdown } from "../../store/archive/audit-render.ts";
import type { AuditReport } from "../../store/archive/audit-types.ts";
import { openDb } from "../../store/db.ts";
import { ActionInputError } from "../errors.ts";
import type { ActionContext, ActionResult } from "./context.ts";

export const AUDIT_LABEL = "archive-audit";
export const AUDIT_MARKER = "<!-- scenario-bot:archive-audit -->";
export const AUDIT_TITLE = "Archive audit";

export async function auditCommand(ctx: ActionContext): Promise<ActionResult> {
  if (!ctx.inputs.databaseUrl) {
    throw new ActionInputError(
      "database-url",
      "required for command 'audit': the audit reads your database's archive tables; pass its connection string from a secret (e.g. secrets.SCENARIO_DATABASE_URL) as database-url.",
    );
  }
  const db = await openDb({ databaseUrl: ctx.inputs.databaseUrl, repoRoot: ctx.runner.workspace });
  let report: AuditReport;
  try {
    report = await auditArchive(db, ctx.runner.workspace, { now: ctx.now });
  } finally {
    await db.close();
  }
  const markdown = renderAuditMarkdown(report);
  await ctx.io.appendSummary(markdown);
  for (const f of report.findings.filter((f) => f.severity !== "info")) {
    (f.severity === "error" ? ctx.io.error : ctx.io.warning)(`${f.subject}: ${f.message} (${f.hint})`, {
      title: "archive audit",
    });
  }
  const issue = await syncAuditIssue(ctx, report, markdown);
  const status = report.findings.length === 0 ? "clean" : "findings";
  const result: ActionResult = { status };
  if (report.counts.error > 0)
    result.failure = `archive audit: ${report.counts.error} error(s); see the job summary${issue ? ` and issue #${issue}` : ""}.`;
  return result;
}

/** Returns the issue's number when there is one open after the sync. */
export async function syncAuditIssue(
  ctx: ActionContext,
  report: AuditReport,
  markdown: string,
): Promise<number | undefined> {
  const issues = ctx.github.issues;
  const existing = await issues.findIssue(AUDIT_LABEL, AUDIT_MARKER);
  const runLink = ctx.runner.runUrl ? `\n\n<sub>Updated by ${ctx.runner.runUrl}</sub>` : "";
  const body = `${AUDIT_MARKER}\n${markdown}${runLink}`;
  if (report.findings.length === 0) {
    if (existing?.state === "open") {
      await issues.update(existing.number, { body, state: "closed" });
      ctx.io.info(`archive audit: no findings; closed #${existing.number}`);
    }
    return undefined;
  }
  if (existing) {
    await issues.update(existing.number, { body, state: "open" });
    ctx.io.info(`archive audit: updated #${existing.number}`);
    return existing.number;
  }
  const created = await issues.create({ title: AUDIT_TITLE, body, labels: [AUDIT_LABEL] });
  ctx.io.info(`archive audit: opened #${created.number}`);
  return created.number;
}
