// Parsed scenario documents kept on disk between processes. A result is taken from the cache only for
// the same parser (its source files' sizes and times, the package lock, Node's V8), the same path and
// the same bytes (a SHA-256 of the document), so a changed document is parsed again.
// One file (a pack) per catalog: the documents of one folder, as one process reads them, are one read
// and one write rather than one per document (a catalog of 1,000 documents paid ~1,000 small writes
// cold and ~1,000 opens warm). A pack's name is the parser and where the documents are (the working
// folder and the documents' top folders), so two repositories never share one. Safe for processes
// sharing the folder: a pack is written to a temporary name and renamed into place (a reader sees a
// whole pack or none, the last writer's); a pack that does not read back whole, or an entry that is
// not what it should be, is ignored, its documents parsed again and the pack rewritten. A folder that
// cannot be written only means no cache.
import { hash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cacheDir } from "../os/cache-dir.ts";
import { codeStamp } from "../os/code-stamp.ts";
import type { CatalogFile, ParseResult } from "../scenario/index.ts";

/** Bumped when a pack's layout changes. */
// A result is plain data (the App sends it between threads too), so JSON holds it; JSON.parse is
// several times faster than v8.deserialize here.
const FORMAT = "scenario-bot parse cache 3";

let stamp: string | undefined;

/** What the parser is: src/scenario/ from the sources, else the bundle that holds it (src/os/code-stamp.ts). */
function parserStamp(): string {
  stamp ??= codeStamp(import.meta.url, ["../scenario/"], FORMAT);
  return stamp;
}

/** The document's bytes, as a pack entry names them. */
export function contentHash(text: string): string {
  return hash("sha256", text, "hex");
}

/**
 * The pack of `files`: the parser, the working folder and the documents' top folders (the catalog's
 * folder; a document named on the command line from elsewhere makes another pack).
 */
export function packName(files: readonly CatalogFile[], cwd: string = process.cwd()): string {
  const tops = [...new Set(files.map((f) => f.path.split(/[/\\]/)[0] ?? ""))].sort();
  return hash("sha256", [parserStamp(), cwd, ...tops].join("\0"), "hex");
}

interface Entry {
  /** contentHash of the document's text. */
  sha: string;
  result: ParseResult;
}

interface Pack {
  format: string;
  stamp: string;
  /** By the document's path, as it was given (results name it). */
  entries: Record<string, Entry>;
}

export interface ParseCache {
  readonly dir: string;
  /** Parses each file, or takes its result from the cache; results in order. */
  parse(files: readonly CatalogFile[]): Promise<ParseResult[]>;
}

/** `parsed/` in scenario-bot's cache folder (src/os/cache-dir.ts, beside the PGlite template). */
export function parseCacheDir(env: NodeJS.ProcessEnv): string {
  return join(cacheDir(env), "parsed");
}

let temporaries = 0;

export function parseCache(dir: string): ParseCache {
  /** Whether the folder exists (undefined: not tried yet; false: it cannot be made). */
  let made: boolean | undefined;
  const read = (path: string): Record<string, Entry> => {
    try {
      const pack = JSON.parse(readFileSync(path, "utf8")) as Pack;
      if (pack?.format !== FORMAT || pack.stamp !== parserStamp()) return {};
      return pack.entries && typeof pack.entries === "object" ? pack.entries : {};
    } catch {
      return {};
    }
  };
  const write = (path: string, entries: Record<string, Entry>): void => {
    if (made === false) return;
    // The process id keeps two live writers apart; a name left by a dead one is simply overwritten.
    const temporary = `${path}.${process.pid}.${++temporaries}.tmp`;
    try {
      if (made === undefined) mkdirSync(dir, { recursive: true });
      made = true;
      writeFileSync(
        temporary,
        JSON.stringify({ format: FORMAT, stamp: parserStamp(), entries } satisfies Pack),
      );
      renameSync(temporary, path);
    } catch {
      // No folder: no cache for this process. Else (a full disk) the half-written file goes.
      if (made === undefined) made = false;
      else removeQuietly(temporary);
    }
  };
  return {
    dir,
    async parse(files) {
      if (files.length === 0) return [];
      const path = join(dir, packName(files));
      const cached = read(path);
      const shas = files.map((f) => contentHash(f.text));
      const results = files.map((file, i) => {
        const entry = Object.hasOwn(cached, file.path) ? cached[file.path] : undefined;
        return entry?.sha === shas[i] && Array.isArray(entry?.result?.problems) ? entry.result : undefined;
      });
      const missing = results.some((r) => r === undefined);
      // Same documents, same results: nothing to write.
      if (!missing && Object.keys(cached).length === files.length) return results as ParseResult[];
      // The parser is loaded only when a document was not in the cache.
      const parseCatalogFile = missing
        ? (await import("../scenario/catalog.ts")).parseCatalogFile
        : undefined;
      // No prototype: a document named `__proto__.md` at the top is a key like any other.
      const entries: Record<string, Entry> = Object.create(null);
      const all = files.map((file, i) => {
        const result = results[i] ?? (parseCatalogFile as (f: CatalogFile) => ParseResult)(file);
        entries[file.path] = { sha: shas[i] as string, result };
        return result;
      });
      write(path, entries);
      return all;
    },
  };
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing more to do: a stray temporary file is never read as a pack (its name is not a pack's).
  }
}
