// Why an object is missing from the scratch database, from what the history says about it: the
// statement that creates it failed (and with what), only a skipped draft creates it, no migration
// creates it though migrations use it (it was made outside them, on the hosted database), or nothing
// in the history knows it (then the migration under review names something that does not exist).
// The first three mean the history cannot build what the new migration needs: the verdict is
// withheld and the fix is to supply those objects; the last is the new migration's own mistake.
import escapeRegExp from "escape-string-regexp";
import type { MigrationFile } from "./migration-files.ts";
import type { FileOutcome } from "./replay.ts";
import type { MissingObject } from "./sql-errors.ts";
import { splitStatements } from "./sql-statements.ts";
import { UNPROVIDED } from "./supabase-baseline.ts";

/** Why an object is missing; all but `dropped` and `unknown` are gaps of the history, not the new migration's fault. */
export type MissingCause =
  | "unprovided"
  | "creator-failed"
  | "draft-only"
  | "broken-draft-only"
  | "made-outside"
  | "dropped"
  | "unknown";

export interface Explanation {
  cause: MissingCause;
  /** True when the history (or the environment) could not build it: no verdict on the new migration. */
  historyGap: boolean;
  /** One sentence: why it is missing. */
  why: string;
}

/** `create [or replace] ... table|view|type|function|... [if not exists] [schema.]name`, or `rename to name`. */
function creatorPattern(name: string): RegExp {
  const n = `"?${escapeRegExp(name)}"?(?![\\w$])`;
  return new RegExp(
    `\\bcreate\\s+(?:or\\s+replace\\s+)?(?:(?:global|local|temp|temporary|unlogged|materialized|recursive)\\s+)*` +
      `(?:table|view|type|function|procedure|schema|sequence|domain|extension)\\s+(?:if\\s+not\\s+exists\\s+)?` +
      `(?:(?:"[^"]+"|\\w+)\\.)?${n}|\\brename\\s+(?:column\\s+\\S+\\s+)?to\\s+${n}|\\badd\\s+(?:column\\s+)?(?:if\\s+not\\s+exists\\s+)?${n}`,
    "i",
  );
}

function mentionPattern(name: string): RegExp {
  return new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`, "i");
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split("\n").length;
}

export interface HistoryView {
  /** Replayed up migrations (and the baseline file, if any), in order. */
  outcomes: FileOutcome[];
  /** Files left out of the history: drafts and unversioned files (down files are not searched). */
  skipped: MigrationFile[];
}

function unprovided(missing: MissingObject): string | undefined {
  const found = UNPROVIDED.find(
    (u) =>
      (missing.kind === "extension" && u.extension === missing.name) ||
      (missing.kind === "schema" && u.schemas.includes(missing.name)) ||
      (missing.kind === "type" && u.types.includes(missing.name)),
  );
  return found?.extension;
}

const lowered = new WeakMap<object, string>();

/** Whether `text` contains `name` at all (case-insensitive), before any regular expression runs on it. */
function contains(key: object, text: string, name: string): boolean {
  let lower = lowered.get(key);
  if (lower === undefined) {
    lower = text.toLowerCase();
    lowered.set(key, lower);
  }
  return lower.includes(name);
}

export function explainMissing(missing: MissingObject, history: HistoryView): Explanation {
  const what = `${missing.kind} ${missing.display}`;
  const extension = unprovided(missing);
  if (extension)
    return {
      cause: "unprovided",
      historyGap: true,
      why:
        missing.kind === "extension"
          ? `${what} is not available here (neither PGlite nor a stock PostgreSQL has it)`
          : `${what} comes from the ${extension} extension, which this scratch database cannot provide`,
    };
  const creates = creatorPattern(missing.name);
  for (const outcome of history.outcomes) {
    const failed = outcome.failures.find(
      (f) => contains(f.statement, f.statement.text, missing.name) && creates.test(f.statement.text),
    );
    if (failed)
      return {
        cause: "creator-failed",
        historyGap: true,
        why: `${what} is created by ${outcome.file.name}:${failed.statement.line}, which failed here (line ${failed.line}: ${failed.message})`,
      };
  }
  const createdOk = history.outcomes.find(
    (o) => contains(o.file, o.file.sql, missing.name) && creates.test(o.file.sql),
  );
  if (createdOk)
    return {
      cause: "dropped",
      historyGap: false,
      why: `${what} was created by ${createdOk.file.name} but is gone after the later migrations (dropped or renamed)`,
    };
  for (const file of history.skipped) {
    const found = contains(file, file.sql, missing.name) ? creates.exec(file.sql) : null;
    if (!found) continue;
    const broken = splitStatements(file.sql).parseError;
    const parses = broken ? ` and does not parse either (line ${broken.line}: ${broken.message})` : "";
    return {
      cause: broken ? "broken-draft-only" : "draft-only",
      historyGap: true,
      why: `${what} is created only by ${file.name}:${lineAt(file.sql, found.index)}, which is not applied (${file.reason})${parses}`,
    };
  }
  const mentions = mentionPattern(missing.name);
  const users = [...history.outcomes.map((o) => o.file), ...history.skipped]
    .filter((f) => contains(f, f.sql, missing.name) && mentions.test(f.sql))
    .map((f) => f.name);
  if (users.length > 0) {
    const shown = `${users.slice(0, 3).join(", ")}${users.length > 3 ? ", ..." : ""}`;
    return {
      cause: "made-outside",
      historyGap: true,
      why: `no migration creates ${what}, yet ${users.length === 1 ? "1 file uses" : `${users.length} files use`} it (${shown}): it was made outside the migrations`,
    };
  }
  return {
    cause: "unknown",
    historyGap: false,
    why: `no migration creates or mentions ${what}: check the name`,
  };
}
