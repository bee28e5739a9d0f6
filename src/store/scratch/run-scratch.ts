// `scenario scratch-db`: replay a repository's migration history on a throwaway database, judge the
// migration under review on it, and check row level security on tables. The order:
//  1. the Supabase baseline (supabase-baseline.ts), unless asked not to;
//  2. the repository's baseline schema file, if one is given or found (objects made outside the
//     migrations), replayed statement by statement;
//  3. the up history (migration-files.ts says what is left out), statement by statement, failures
//     reported and the replay going on (replay.ts);
//  4. the migration(s) under review, whole, in a transaction (verdict.ts);
//  5. the RLS checks (rls-check.ts), when the migration under review applied.
// On PGlite, the longest start of 1-3 kept from an earlier replay is loaded instead of replayed
// (history-snapshot.ts), and a replay that took a while is kept.
import fs from "node:fs";
import path from "node:path";
import { cacheDir } from "../../os/cache-dir.ts";
import type { Db } from "../db.ts";
import { ScratchDbError } from "../errors.ts";
import { explainMissing, type HistoryView } from "./history-knowledge.ts";
import { findKept, historyKeys, keepHistory, restoreSession, WORTH_KEEPING_MS } from "./history-snapshot.ts";
import {
  type MigrationFile,
  pickTargets,
  readMigrationFolder,
  readSqlFile,
  upSection,
} from "./migration-files.ts";
import { type FileOutcome, replayFile } from "./replay.ts";
import { checkRls, type RlsCheck } from "./rls-check.ts";
import { withScratchDatabase } from "./scratch-database.ts";
import { loadSqlParser, splitStatements } from "./sql-statements.ts";
import { SUPABASE_SEARCH_PATH } from "./supabase-baseline.ts";
import { fixFor, judgeTargets, type Verdict } from "./verdict.ts";

export interface ScratchOptions {
  migrationsDir: string;
  assertRls: string[];
  /** The asserted tables may be read by everyone; only writes to others' rows must be refused. */
  publicRead?: boolean;
  databaseUrl?: string;
  /** A schema file applied before the history; `false`: none, not even a detected one. */
  baseline?: string | false;
  /** The migrations under review (file names or paths); default: the newest. */
  check?: string[];
  /** Install Supabase's roles and schemas first (default true). */
  supabase?: boolean;
  /** Progress lines, as they happen. */
  log?: (line: string) => void;
  /** Paths in messages are relative to it (default: the process's). */
  cwd?: string;
  /**
   * Where replayed histories are kept for later checks on PGlite (history-snapshot.ts); default
   * scenario-bot's cache folder, `false` for none.
   */
  historyCache?: string | false;
  /** Keep a history whose replay took at least this long (default WORTH_KEEPING_MS). */
  keepAfterMs?: number;
}

export interface RlsCheckResult extends RlsCheck {
  /** The table is missing because the history could not build it: no verdict on it. */
  cannotJudge?: boolean;
  fix?: string;
}

export interface ScratchResult {
  database: string;
  supabase: boolean;
  /** Parts of the Supabase baseline that could not be provided here. */
  unprovided: string[];
  /** The baseline schema file applied, and where one would be picked up. */
  baseline: { file?: string; outcome?: FileOutcome; hint: string; note: string };
  history: FileOutcome[];
  skipped: MigrationFile[];
  verdict: Verdict;
  checks: RlsCheckResult[];
  ok: boolean;
  /** 0 passed, 1 the migration or an RLS check fails, 2 cannot judge (the history cannot build what it needs). */
  exitCode: 0 | 1 | 2;
}

/** Schema files a Supabase repository keeps beside its migrations (`supabase db dump -f ...`). */
const DETECTED_BASELINES = ["schema/schema.sql", "schema.sql"];

function resolveBaseline(options: ScratchOptions): { file?: string; hint: string; note: string } {
  const supabaseDir = path.dirname(options.migrationsDir);
  const shown = (file: string) => path.relative(options.cwd ?? process.cwd(), file) || file;
  const hint = shown(path.join(supabaseDir, DETECTED_BASELINES[0] as string));
  if (options.baseline === false) return { hint, note: "none (--no-baseline)" };
  if (options.baseline) {
    if (!fs.existsSync(options.baseline))
      throw new ScratchDbError(
        options.baseline,
        `--baseline ${options.baseline}: no such file; pass a schema .sql file.`,
      );
    return { file: options.baseline, hint, note: shown(options.baseline) };
  }
  const empty: string[] = [];
  for (const candidate of DETECTED_BASELINES) {
    const file = path.join(supabaseDir, candidate);
    if (!fs.existsSync(file)) continue;
    if (splitStatements(readSqlFile(file)).statements.length > 0)
      return { file, hint, note: `${shown(file)} (found beside the migrations)` };
    empty.push(shown(file));
  }
  return {
    hint,
    note: empty.length > 0 ? `none (${empty.join(", ")} is empty)` : `none (no ${hint})`,
  };
}

function asFile(file: string): MigrationFile {
  return { name: path.basename(file), path: file, kind: "up", ...upSection(readSqlFile(file)) };
}

async function runChecks(
  db: Db,
  options: ScratchOptions,
  history: HistoryView,
  hint: string,
): Promise<RlsCheckResult[]> {
  const checks: RlsCheckResult[] = [];
  for (const table of options.assertRls) {
    const check: RlsCheckResult = await checkRls(db, table, { publicRead: options.publicRead });
    if (check.missing) {
      const explained = explainMissing({ kind: "relation", name: check.missing, display: table }, history);
      check.detail = `${table} does not exist after the migrations: ${explained.why}.`;
      if (explained.historyGap) {
        check.cannotJudge = true;
        check.fix = fixFor(explained.cause, { history, baselineHint: hint });
      }
    }
    checks.push(check);
  }
  return checks;
}

function exitCodeOf(verdict: Verdict, checks: RlsCheckResult[]): 0 | 1 | 2 {
  if (verdict.status === "fail" || checks.some((c) => !c.ok && !c.cannotJudge)) return 1;
  if (verdict.status === "cannot-judge" || checks.some((c) => c.cannotJudge)) return 2;
  return 0;
}

export async function runScratchDb(options: ScratchOptions): Promise<ScratchResult> {
  const log = options.log ?? (() => {});
  const supabase = options.supabase !== false;
  const searchPath = supabase ? SUPABASE_SEARCH_PATH : undefined;
  await loadSqlParser();
  const files = readMigrationFolder(options.migrationsDir);
  const targets = pickTargets(files, options.check ?? []);
  const baseline = resolveBaseline(options);
  const ups = files.filter((f) => f.kind === "up" && !targets.includes(f));
  const skipped = files.filter((f) => f.kind !== "up" && !targets.includes(f));
  const baselineFile = baseline.file ? asFile(baseline.file) : undefined;
  // Kept histories are for the in-memory PGlite only: a server's scratch database is made anew.
  const cache = options.databaseUrl ? false : (options.historyCache ?? cacheDir());
  const keys = cache ? historyKeys({ supabase, searchPath, baseline: baselineFile }, ups) : [];
  const start = cache ? await findKept(cache, keys, ups, baselineFile) : undefined;
  return withScratchDatabase(
    { databaseUrl: options.databaseUrl, supabase, ...(start ? { from: start.tar } : {}) },
    async ({ db, description, unprovided, dump }) => {
      log(
        start
          ? `scratch database: ${description}, the first ${start.files} of ${ups.length} migrations as kept from an earlier replay`
          : `scratch database: ${description}`,
      );
      const replay = { searchPath, server: db.kind === "postgres" };
      if (start) await restoreSession(db, start.settings);
      const began = performance.now();
      const baselineOutcome = start
        ? start.baseline
        : baselineFile
          ? await replayFile(db, baselineFile, replay)
          : undefined;
      const history: FileOutcome[] = start ? [...start.outcomes] : [];
      for (const file of ups.slice(history.length)) history.push(await replayFile(db, file, replay));
      const worth = performance.now() - began >= (options.keepAfterMs ?? WORTH_KEEPING_MS);
      if (cache && dump && unprovided.length === 0 && worth && ups.length > 0) {
        const replayed = { ...(baselineOutcome ? { baseline: baselineOutcome } : {}), outcomes: history };
        // A cache that cannot be written only costs the time.
        await keepHistory(cache, keys[ups.length] as string, db, dump, replayed).catch(() => undefined);
      }
      const view: HistoryView = {
        outcomes: baselineOutcome ? [baselineOutcome, ...history] : history,
        skipped: skipped.filter((f) => f.kind !== "down"),
      };
      const verdict: Verdict =
        targets.length > 0
          ? await judgeTargets(db, targets, {
              history: view,
              searchPath,
              server: replay.server,
              baselineHint: baseline.hint,
              cwd: options.cwd,
            })
          : { status: "pass", files: [], statements: 0 };
      const checks = verdict.status === "pass" ? await runChecks(db, options, view, baseline.hint) : [];
      const exitCode = exitCodeOf(verdict, checks);
      return {
        database: description,
        supabase,
        unprovided,
        baseline: { ...baseline, outcome: baselineOutcome },
        history,
        skipped,
        verdict,
        checks,
        ok: exitCode === 0,
        exitCode,
      };
    },
  );
}
