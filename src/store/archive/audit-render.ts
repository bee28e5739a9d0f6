// Renderers of an AuditReport: a terminal, a job summary / issue body (markdown), machines (json).
import type { AuditReport } from "./audit-types.ts";

export const AUDIT_FORMATS = ["text", "markdown", "json"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

function headline(report: AuditReport): string {
  const { error, warning } = report.counts;
  if (report.findings.length === 0) return "archive audit: no findings";
  return `archive audit: ${error} error(s), ${warning} warning(s)`;
}

export function renderAuditText(report: AuditReport): string {
  const lines = [headline(report)];
  for (const f of report.findings) {
    lines.push(`  ${f.severity.padEnd(7)} ${f.kind}: ${f.message}`);
    lines.push(`          -> ${f.hint}`);
  }
  lines.push("archive summary:");
  if (report.summary.length === 0) lines.push("  (sys_unified_archive is empty)");
  for (const s of report.summary) {
    lines.push(
      `  ${s.itemType.padEnd(9)} ${String(s.totalItems).padStart(5)} item(s), ${s.earliestArchive ?? "?"} .. ${s.latestArchive ?? "?"}, ${s.uniqueArchivers} archiver(s)`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Markdown table cells must not break the table. */
function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

export function renderAuditMarkdown(report: AuditReport): string {
  const lines = [`## Archive audit`, "", `${headline(report)} (generated ${report.generatedAt}).`, ""];
  if (report.findings.length > 0) {
    lines.push("| severity | finding | subject | what to do |", "| --- | --- | --- | --- |");
    for (const f of report.findings) {
      lines.push(`| ${f.severity} | ${cell(f.message)} | \`${cell(f.subject)}\` | ${cell(f.hint)} |`);
    }
    lines.push("");
  }
  lines.push("### Summary (`sys_archive_summary_view`)", "");
  if (report.summary.length === 0) {
    lines.push("The unified archive is empty.");
  } else {
    lines.push("| item type | items | earliest | latest | archivers |", "| --- | ---: | --- | --- | ---: |");
    for (const s of report.summary) {
      lines.push(
        `| ${s.itemType} | ${s.totalItems} | ${s.earliestArchive ?? ""} | ${s.latestArchive ?? ""} | ${s.uniqueArchivers} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

export function renderAuditJson(report: AuditReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderAudit(report: AuditReport, format: AuditFormat): string {
  if (format === "markdown") return renderAuditMarkdown(report);
  if (format === "json") return renderAuditJson(report);
  return renderAuditText(report);
}
