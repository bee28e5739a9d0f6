// What the archive audit finds: plain data, rendered by the CLI, the Action's job summary and the
// "Archive audit" issue alike.

export const AUDIT_SEVERITIES = ["error", "warning", "info"] as const;
export type AuditSeverity = (typeof AUDIT_SEVERITIES)[number];

export type AuditFindingKind =
  | "unused-table"
  | "original-still-exists"
  | "archive-missing"
  | "legacy-not-consolidated"
  | "registry-not-archived"
  | "consolidation-blocked";

export interface AuditFinding {
  severity: AuditSeverity;
  kind: AuditFindingKind;
  /** The table (schema.name) or repository path the finding is about. */
  subject: string;
  message: string;
  /** What to do about it. */
  hint: string;
}

export interface ArchiveSummaryRow {
  itemType: string;
  totalItems: number;
  earliestArchive: string | null;
  latestArchive: string | null;
  uniqueArchivers: number;
}

export interface AuditReport {
  generatedAt: string;
  findings: AuditFinding[];
  summary: ArchiveSummaryRow[];
  counts: Record<AuditSeverity, number>;
}

/** Exit status of `scenario archive audit`: 1 iff a finding has severity error. */
export function auditExitCode(report: AuditReport): number {
  return report.counts.error > 0 ? 1 : 0;
}
