// `scenario scratch-db`: apply a folder of migrations to a scratch database and check RLS on tables.
import fs from "node:fs";
import path from "node:path";
import { messageOf, ScratchDbError } from "../errors.ts";
import { checkRls, type RlsCheck } from "./rls-check.ts";
import { withScratchDatabase } from "./scratch-database.ts";

export interface ScratchOptions {
  migrationsDir: string;
  assertRls: string[];
  /** The asserted tables may be read by everyone; only writes to others' rows must be refused. */
  publicRead?: boolean;
  databaseUrl?: string;
  /** Progress lines, as they happen. */
  log?: (line: string) => void;
}

export interface ScratchResult {
  database: string;
  applied: string[];
  checks: RlsCheck[];
  ok: boolean;
}

function sqlFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    throw new ScratchDbError(
      dir,
      `cannot read the migrations folder ${dir}: ${messageOf(error)}; pass --migrations <folder of .sql files>.`,
    );
  }
  const files = names.filter((n) => n.endsWith(".sql")).sort();
  if (files.length === 0)
    throw new ScratchDbError(dir, `${dir} holds no .sql file; pass --migrations <folder of .sql files>.`);
  return files;
}

function lineOf(sql: string, position: unknown): string {
  const offset = Number(position);
  return Number.isInteger(offset) && offset > 0 ? `:${sql.slice(0, offset - 1).split("\n").length}` : "";
}

export async function runScratchDb(options: ScratchOptions): Promise<ScratchResult> {
  const log = options.log ?? (() => {});
  const files = sqlFiles(options.migrationsDir);
  return withScratchDatabase({ databaseUrl: options.databaseUrl }, async ({ db, description }) => {
    log(`scratch database: ${description}`);
    for (const file of files) {
      const sql = fs.readFileSync(path.join(options.migrationsDir, file), "utf8");
      try {
        await db.exec(sql);
      } catch (error) {
        throw new ScratchDbError(
          file,
          `${path.join(options.migrationsDir, file)}${lineOf(sql, (error as { position?: unknown }).position)}: does not apply to a fresh database: ${messageOf(error)}. Fix the migration and run again.`,
        );
      }
    }
    log(`applied ${files.length} migration(s): ${files.join(", ")}`);
    const checks: RlsCheck[] = [];
    for (const table of options.assertRls) {
      const check = await checkRls(db, table, { publicRead: options.publicRead });
      checks.push(check);
      log(`rls ${check.table}: ${check.ok ? "ok" : "FAILED"}: ${check.detail}`);
    }
    return { database: description, applied: files, checks, ok: checks.every((c) => c.ok) };
  });
}
