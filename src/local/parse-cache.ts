// Parsed scenario documents kept on disk between processes, keyed by what decides the result: the
// document's path and bytes, and the parser itself (its source files' sizes and times, the package
// lock, Node's V8). A changed document has another key, so it is parsed again. Safe for processes
// sharing the folder: an entry is written to a temporary name and renamed into place (a reader sees
// a whole entry or none); an entry that does not read back whole and with its own key is ignored,
// parsed again and rewritten. A folder that cannot be written only means no cache.
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cacheDir } from "../os/cache-dir.ts";
import type { CatalogFile, ParseResult } from "../scenario/index.ts";

/** Bumped when an entry's layout changes. */
// A result is plain data (the App sends it between threads too), so JSON holds it; JSON.parse is
// several times faster than v8.deserialize here.
const FORMAT = "scenario-bot parse cache 2";

let stamp: string | undefined;

/** What the parser is: its own source files and the dependency versions (package-lock.json). */
function parserStamp(): string {
  if (stamp) return stamp;
  // From src/local/ and from the bundle in build/cli/ alike: two folders below the package root.
  const root = new URL("../../", import.meta.url);
  const hash = createHash("sha256").update(`${FORMAT}\0${process.versions.v8}\0`);
  const scenarioDir = new URL("src/scenario/", root);
  const files = [
    ...readdirSync(scenarioDir)
      .sort()
      .map((name) => new URL(name, scenarioDir)),
    new URL("package-lock.json", root),
  ];
  for (const file of files) {
    try {
      const info = statSync(file);
      hash.update(`${file.pathname}\0${info.size}\0${info.mtimeMs}\0`);
    } catch {
      hash.update(`${file.pathname}\0missing\0`);
    }
  }
  stamp = hash.digest("hex");
  return stamp;
}

export function cacheKey(file: CatalogFile): string {
  return createHash("sha256").update(`${parserStamp()}\0${file.path}\0`).update(file.text).digest("hex");
}

interface Entry {
  key: string;
  result: ParseResult;
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

export function parseCache(dir: string): ParseCache {
  /** Whether the folder exists (undefined: not tried yet; false: it cannot be made). */
  let made: boolean | undefined;
  const read = (key: string): ParseResult | undefined => {
    try {
      const entry = JSON.parse(readFileSync(join(dir, key), "utf8")) as Entry;
      return entry?.key === key && Array.isArray(entry.result?.problems) ? entry.result : undefined;
    } catch {
      return undefined;
    }
  };
  const write = (key: string, result: ParseResult): void => {
    if (made === false) return;
    const path = join(dir, key);
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      if (made === undefined) mkdirSync(dir, { recursive: true });
      made = true;
      writeFileSync(temporary, JSON.stringify({ key, result } satisfies Entry));
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
      const keys = files.map(cacheKey);
      const results = keys.map(read);
      const missing = files.filter((_, i) => results[i] === undefined);
      if (missing.length === 0) return results as ParseResult[];
      // The parser is loaded only when a document was not in the cache.
      const { parseCatalogFile } = await import("../scenario/catalog.ts");
      return files.map((file, i) => {
        const cached = results[i];
        if (cached) return cached;
        const result = parseCatalogFile(file);
        write(keys[i] as string, result);
        return result;
      });
    },
  };
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing more to do: a stray temporary file is never read as an entry (its name is not a key).
  }
}
