// The cache of parsed documents gives what the parser gives, takes a document's result from disk only
// while its bytes (and path, and the parser) are the same, and shrugs off damaged or foreign entries.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cacheKey, parseCache } from "../../src/local/parse-cache.ts";
import { parseCatalogFile } from "../../src/scenario/catalog.ts";
import { doc } from "../support/scenario-documents.ts";

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), "parse-cache-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const file = (id: string, text = doc(id)) => ({ path: `scenarios/${id}.md`, text });

describe("parse cache", () => {
  it("gives the parser's results, and writes one entry per document", async () => {
    const dir = scratch();
    const files = [file("alpha"), file("beta"), { path: "scenarios/broken.md", text: "# nothing here\n" }];
    const results = await parseCache(dir).parse(files);
    expect(results).toEqual(files.map(parseCatalogFile));
    expect(readdirSync(dir).sort()).toEqual(files.map(cacheKey).sort());
    // A second process (a new cache on the same folder) gets the same from disk.
    expect(await parseCache(dir).parse(files)).toEqual(results);
  });

  it("takes a result from the cache while the document is unchanged, and parses a changed one again", async () => {
    const dir = scratch();
    const before = file("alpha");
    await parseCache(dir).parse([before]);
    // What the cache holds is what is returned: an entry planted under the document's key is used as is.
    const planted = {
      problems: [{ position: { file: before.path, line: 9, column: 9 }, message: "planted" }],
    };
    writeFileSync(join(dir, cacheKey(before)), JSON.stringify({ key: cacheKey(before), result: planted }));
    expect(await parseCache(dir).parse([before])).toEqual([planted]);
    // One byte more and it is another document: parsed, not taken from the entry.
    const after = file("alpha", `${before.text}\n`);
    expect(cacheKey(after)).not.toBe(cacheKey(before));
    expect(await parseCache(dir).parse([after])).toEqual([parseCatalogFile(after)]);
    // The same bytes under another path are another key too (positions name the file).
    expect(cacheKey({ ...before, path: "scenarios/elsewhere.md" })).not.toBe(cacheKey(before));
  });

  it("ignores a damaged or foreign entry, parses the document and rewrites the entry", async () => {
    const dir = scratch();
    const alpha = file("alpha");
    const beta = file("beta");
    await parseCache(dir).parse([alpha, beta]);
    const alphaEntry = join(dir, cacheKey(alpha));
    const whole = readFileSync(alphaEntry);
    // Cut short (as by a full disk), garbage, and beta's entry copied under alpha's name.
    for (const damage of [
      whole.subarray(0, whole.length >> 1),
      Buffer.from("not an entry"),
      readFileSync(join(dir, cacheKey(beta))),
    ]) {
      writeFileSync(alphaEntry, damage);
      expect(await parseCache(dir).parse([alpha])).toEqual([parseCatalogFile(alpha)]);
      expect(readFileSync(alphaEntry).equals(whole)).toBe(true);
    }
  });

  it("works without a cache when the folder cannot be written", async () => {
    const dir = scratch();
    const blocker = join(dir, "a-file");
    writeFileSync(blocker, "");
    const files = [file("alpha")];
    expect(await parseCache(join(blocker, "cache")).parse(files)).toEqual(files.map(parseCatalogFile));
  });

  it("holds when several processes fill the same folder at once: every entry whole, no temporary left", async () => {
    const dir = scratch();
    const docs = scratch();
    const files = Array.from({ length: 30 }, (_, i) => file(`doc-${i}`));
    writeFileSync(join(docs, "files.json"), JSON.stringify(files));
    const script = `
      import { readFileSync } from "node:fs";
      import { parseCache } from ${JSON.stringify(new URL("../../src/local/parse-cache.ts", import.meta.url).href)};
      const files = JSON.parse(readFileSync(${JSON.stringify(join(docs, "files.json"))}, "utf8"));
      const results = await parseCache(${JSON.stringify(dir)}).parse(files);
      process.stdout.write(String(results.filter((r) => r.definition).length));
    `;
    const node = join(import.meta.dirname, "../../node_modules/.bin/node");
    const outputs = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(node, ["--input-type=module", "-e", script], {
              stdio: ["ignore", "pipe", "inherit"],
            });
            let out = "";
            child.stdout.on("data", (d) => {
              out += d;
            });
            child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
          }),
      ),
    );
    expect(outputs).toEqual(["30", "30", "30", "30"]);
    expect(readdirSync(dir).sort()).toEqual(files.map(cacheKey).sort());
    expect(await parseCache(dir).parse(files)).toEqual(files.map(parseCatalogFile));
  }, 120_000);
});
