// The schema's refusals, for the in-memory store: the CHECK lists, foreign keys to the run and
// whole-number indexes of migrations/0002_execution_tracking.sql, each worded like PostgreSQL's
// refusal of the same write so that the contract suite holds the memory store to the same messages.
import type { RunRow } from "./run-rows.ts";

/** A write the schema refuses, worded like PostgreSQL's refusal of the same write. */
export class MemoryStoreConstraintError extends Error {
  override name = "MemoryStoreConstraintError";
}

export function checkIn<T>(value: T, allowed: readonly T[], table: string, column: string): void {
  if (allowed.includes(value)) return;
  throw new MemoryStoreConstraintError(
    `new row for relation "${table}" violates check constraint "${table}_${column}_check" (${column} ${JSON.stringify(value)} is not one of ${allowed.join(", ")})`,
  );
}

export function checkIndex(value: number, table: string, column: string): void {
  if (Number.isInteger(value) && value >= 0) return;
  throw new MemoryStoreConstraintError(
    `new row for relation "${table}" violates check constraint "${table}_${column}_check" (${column} ${value} is not a whole number >= 0)`,
  );
}

export function checkRunExists(runs: Map<string, RunRow>, table: string, runId: string): void {
  if (runs.has(runId)) return;
  throw new MemoryStoreConstraintError(
    `insert or update on table "${table}" violates foreign key constraint "${table}_run_id_fkey" (run ${runId} is not in scenario_runs)`,
  );
}
