// The store's public surface: what the engine, the App, the Action and the CLI call.
export type { ArchiveAddOptions, ArchivedItem, ArchiveItemType } from "./archive/add.ts";
export { ARCHIVE_ITEM_TYPES, archiveAdd } from "./archive/add.ts";
export { type AuditOptions, auditArchive } from "./archive/audit.ts";
export {
  AUDIT_FORMATS,
  type AuditFormat,
  renderAudit,
  renderAuditJson,
  renderAuditMarkdown,
  renderAuditText,
} from "./archive/audit-render.ts";
export type { AuditFinding, AuditReport, AuditSeverity } from "./archive/audit-types.ts";
export { auditExitCode } from "./archive/audit-types.ts";
export { applyConsolidation, formatConsolidation, planConsolidation } from "./archive/consolidate.ts";
export { type Db, embeddedDbDir, type OpenDbOptions, openDb, type QueryResult, redactUrl } from "./db.ts";
export { pruneDeliveries, recordDelivery } from "./deliveries.ts";
export * from "./errors.ts";
export { type LazyDb, lazyDb } from "./lazy-db.ts";
export { MemoryRunStore } from "./memory-run-store.ts";
export {
  assertMigrated,
  defaultMigrationsDir,
  migrate,
  migrationStatus,
  readMigrations,
} from "./migrations.ts";
export { formatSyncReport, type SyncReport, syncRegistry } from "./registry-sync.ts";
export { SqlRunStore } from "./run-store.ts";
export { runScratchDb, type ScratchOptions, type ScratchResult } from "./scratch/run-scratch.ts";
