// `scenario validate` as a user runs it, twice and more, on one cache folder (issue 16): the second run
// answers from the cache of parsed documents, a document whose bytes changed is parsed again even when
// its size and modification time did not, and a damaged cache is shrugged off and rewritten.
import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NODE = path.join(ROOT, "node_modules/.bin/node");
const BIN = path.join(ROOT, "bin/scenario.js");

const dir = mkdtempSync(path.join(tmpdir(), "validate-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
cpSync(path.join(ROOT, "scenarios"), path.join(dir, "scenarios"), { recursive: true });
const cache = path.join(dir, "cache");
const packs = path.join(cache, "parsed");
const DOCUMENT = path.join(dir, "scenarios/database/add-rls-policies.md");

function validate() {
  const r = spawnSync(NODE, [BIN, "validate", "--scenarios", "scenarios"], {
    cwd: dir,
    env: { ...process.env, SCENARIO_CACHE_DIR: cache, NO_COLOR: "1" },
    encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The one pack the catalog has: its path, bytes and modification time. */
function pack() {
  const names = readdirSync(packs);
  expect(names).toHaveLength(1);
  const file = path.join(packs, names[0] as string);
  return { file, bytes: readFileSync(file, "utf8"), mtimeMs: statSync(file).mtimeMs };
}

describe("scenario validate and its cache of parsed documents, as processes", () => {
  let first: ReturnType<typeof validate>;
  beforeAll(() => {
    first = validate();
  });

  it("writes one pack on the first run, and answers the same from it without rewriting it", () => {
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toContain("documents valid");
    const written = pack();
    expect(validate()).toEqual(first);
    expect(pack()).toEqual(written);
  });

  it("parses a document again when its bytes changed, though its size and time did not", () => {
    const text = readFileSync(DOCUMENT, "utf8");
    const { atime, mtime } = statSync(DOCUMENT);
    // Same length, same time: only the content tells the change.
    const broken = text.replace(/^## Rollback$/m, "## Rollbask");
    expect(broken.length).toBe(text.length);
    const write = (content: string) => {
      writeFileSync(DOCUMENT, content);
      utimesSync(DOCUMENT, atime, mtime);
    };
    write(broken);
    try {
      const r = validate();
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain(
        'scenarios/database/add-rls-policies.md:1:1: missing section "## Rollback"',
      );
    } finally {
      write(text);
    }
    expect(validate()).toEqual(first);
  });

  it("ignores a damaged pack, answers as without one and writes it whole again", () => {
    const { file, bytes } = pack();
    writeFileSync(file, bytes.slice(0, bytes.length / 2));
    expect(validate()).toEqual(first);
    expect(() => JSON.parse(readFileSync(file, "utf8"))).not.toThrow();
    expect(validate()).toEqual(first);
  });
});
