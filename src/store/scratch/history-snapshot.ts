// A migration history replayed on an in-memory PGlite ends the same way for the same files, so the
// database as it stood after them is kept in scenario-bot's cache folder (gzip, ~6.6 MB for dhg-mono's
// 84 up migrations), with what each file did, and a later check whose history begins with the same
// files loads it (~0.5 s) instead of replaying them (~0.9 s there), then replays only the files after
// them: the second check of a run (add-rls-policies after create-database-table) replays one file.
// A kept history is named by all that decides it: PGlite's version, the replay's own code, the Supabase
// baseline, the repository's baseline schema, and each file's name and bytes, in order. Only a replay
// that took a while is kept (keeping costs ~0.35 s), at most KEPT of them, the least recently used
// dropped. What does not read back whole is ignored and the files are replayed. Settings a file left
// for the session are kept and set again; a history that leaves temporary objects is not kept.
import { createHash } from "node:crypto";
import { readdirSync, statSync, utimesSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { codeStamp } from "../../os/code-stamp.ts";
import type { Db } from "../db.ts";
import { keepTemplate, templatePath } from "../pglite-template.ts";
import type { MigrationFile } from "./migration-files.ts";
import type { FileOutcome } from "./replay.ts";
import { BASELINE_SQL } from "./supabase-baseline.ts";

const FORMAT = "scenario-bot history snapshot 1";
/** Kept histories at most: one repository's main and a branch or two. */
const KEPT = 4;
/** A replay shorter than this is not kept: keeping it would cost about as much. */
export const WORTH_KEEPING_MS = 300;

/** What a file did, without the file (the name says which: the same name and bytes). */
type StoredOutcome = Omit<FileOutcome, "file">;

interface KeptHistory {
  format: string;
  baseline?: StoredOutcome;
  outcomes: StoredOutcome[];
  /** Settings the files left for the session, set again after loading (`set_config`). */
  settings: [string, string][];
}

export interface HistoryStart {
  /** The database after the first `files` files, to load (a tar of its data folder). */
  tar: Blob;
  files: number;
  baseline?: FileOutcome;
  outcomes: FileOutcome[];
  settings: [string, string][];
}

/** Where the kept histories are: beside PGlite's template, whose name carries PGlite's version. */
function folderAndPrefix(cache: string): { folder: string; prefix: string } {
  const template = templatePath({ SCENARIO_CACHE_DIR: cache });
  return {
    folder: dirname(template),
    prefix: basename(template).replace(/-template\.tar\.gz$/, "-history-"),
  };
}

let stamp: string | undefined;

/**
 * The name of each prefix of the history: `keys[i]` is the database after the baseline and the first
 * `i` files (`keys[0]`, none of them, is never kept).
 */
export function historyKeys(
  setup: { supabase: boolean; searchPath?: string; baseline?: MigrationFile },
  files: readonly MigrationFile[],
): string[] {
  stamp ??= codeStamp(import.meta.url, ["./"], FORMAT);
  const next = (key: string, ...parts: string[]) =>
    createHash("sha256")
      .update([key, ...parts].join("\0"))
      .digest("hex");
  const base = next(
    stamp,
    setup.supabase ? BASELINE_SQL : "no-supabase",
    setup.searchPath ?? "",
    setup.baseline ? `${setup.baseline.name}\0${setup.baseline.sql}` : "no-baseline",
  );
  const keys = [base];
  for (const file of files) keys.push(next(keys.at(-1) as string, file.name, file.sql));
  return keys;
}

/** The longest kept prefix of the history, if any reads back whole. */
export async function findKept(
  cache: string,
  keys: readonly string[],
  files: readonly MigrationFile[],
  baseline: MigrationFile | undefined,
): Promise<HistoryStart | undefined> {
  const { folder, prefix } = folderAndPrefix(cache);
  let names: Set<string>;
  try {
    names = new Set(readdirSync(folder));
  } catch {
    return undefined;
  }
  for (let count = keys.length - 1; count > 0; count--) {
    const name = `${prefix}${keys[count]}`;
    if (!names.has(`${name}.json`) || !names.has(`${name}.tar.gz`)) continue;
    try {
      const kept = JSON.parse(await readFile(join(folder, `${name}.json`), "utf8")) as KeptHistory;
      if (kept.format !== FORMAT || kept.outcomes?.length !== count) continue;
      if (Boolean(kept.baseline) !== Boolean(baseline)) continue;
      const tar = gunzipSync(await readFile(join(folder, `${name}.tar.gz`)));
      // Used now: the least recently used is the one dropped.
      const now = new Date();
      utimesSync(join(folder, `${name}.json`), now, now);
      return {
        tar: new Blob([tar]),
        files: count,
        ...(baseline && kept.baseline ? { baseline: { ...kept.baseline, file: baseline } } : {}),
        outcomes: kept.outcomes.map((outcome, i) => ({ ...outcome, file: files[i] as MigrationFile })),
        settings: kept.settings,
      };
    } catch {
      // Damaged or half-removed: another prefix, or the whole replay.
    }
  }
  return undefined;
}

/**
 * The session settings to keep, or undefined when the history cannot be kept: it left temporary
 * objects, or a setting that cannot be set again as it is (each is tried, to the value it has).
 */
async function sessionState(db: Db): Promise<[string, string][] | undefined> {
  const temporary = await db.query("SELECT 1 FROM pg_class WHERE relpersistence = 't' LIMIT 1");
  if (temporary.rowCount > 0) return undefined;
  // search_path and the role are set again before every file (replay.ts resetSession).
  const rows = await db.query<{ name: string; setting: string }>(
    "SELECT name, setting FROM pg_settings WHERE source = 'session' AND name NOT IN ('search_path', 'role') ORDER BY name",
  );
  const settings = rows.rows.map((row): [string, string] => [row.name, row.setting]);
  try {
    await restoreSession(db, settings);
  } catch {
    return undefined;
  }
  return settings;
}

/** Sets what the kept history's files left for the session. */
export async function restoreSession(db: Db, settings: readonly [string, string][]): Promise<void> {
  for (const [name, value] of settings) await db.query("SELECT set_config($1, $2, false)", [name, value]);
}

/** Keeps the database as it is now as the history named `key` (the first `files` files). */
export async function keepHistory(
  cache: string,
  key: string,
  db: Db,
  dump: () => Promise<Blob>,
  replayed: { baseline?: FileOutcome; outcomes: FileOutcome[] },
): Promise<void> {
  const settings = await sessionState(db);
  if (!settings) return;
  const strip = ({ file: _, ...outcome }: FileOutcome): StoredOutcome => outcome;
  const kept: KeptHistory = {
    format: FORMAT,
    ...(replayed.baseline ? { baseline: strip(replayed.baseline) } : {}),
    outcomes: replayed.outcomes.map(strip),
    settings,
  };
  // The fastest level: ~0.16 s for dhg-mono's 45 MB (6.6 MB); gzip, which every Node reads (zstd: 22.15+).
  const tar = gzipSync(Buffer.from(await (await dump()).arrayBuffer()), { level: 1 });
  const { folder, prefix } = folderAndPrefix(cache);
  const name = join(folder, `${prefix}${key}`);
  // The tar first, then the record that makes it found; each as the templates are written (whole or not at all).
  await keepTemplate(`${name}.tar.gz`, new Blob([tar]));
  await keepTemplate(`${name}.json`, new Blob([JSON.stringify(kept)]));
  await dropLeastRecentlyUsed(folder, prefix);
}

async function dropLeastRecentlyUsed(folder: string, prefix: string): Promise<void> {
  const records = readdirSync(folder)
    .filter((name) => name.startsWith(prefix) && name.endsWith(".json"))
    .map((name) => ({ name, used: statSync(join(folder, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.used - a.used);
  for (const { name } of records.slice(KEPT)) {
    const stem = join(folder, name.slice(0, -".json".length));
    await rm(`${stem}.json`, { force: true });
    await rm(`${stem}.tar.gz`, { force: true });
  }
}
