// The cache of parsed documents gives what the parser gives, takes a document's result from disk only
// while its bytes (and path, and the parser) are the same, and shrugs off damaged or foreign packs.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contentHash, packName, parseCache } from "../../src/local/parse-cache.ts";
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
  it("gives the parser's results, and writes one pack for the catalog", async () => {
    const dir = scratch();
    const files = [file("alpha"), file("beta"), { path: "scenarios/broken.md", text: "# nothing here\n" }];
    const results = await parseCache(dir).parse(files);
    expect(results).toEqual(files.map(parseCatalogFile));
    expect(readdirSync(dir)).toEqual([packName(files)]);
    // A second process (a new cache on the same folder) gets the same from disk.
    expect(await parseCache(dir).parse(files)).toEqual(results);
    // Documents of another folder (another catalog) have a pack of their own.
    expect(packName([{ path: "elsewhere/alpha.md", text: "" }])).not.toBe(packName(files));
  });

  it("takes a result from the cache while the document is unchanged, and parses a changed one again", async () => {
    const dir = scratch();
    const before = file("alpha");
    const beta = file("beta");
    await parseCache(dir).parse([before, beta]);
    // What the cache holds is what is returned: an entry planted for the document is used as is.
    const planted = {
      problems: [{ position: { file: before.path, line: 9, column: 9 }, message: "planted" }],
    };
    const pack = join(dir, packName([before]));
    const held = JSON.parse(readFileSync(pack, "utf8"));
    held.entries[before.path].result = planted;
    writeFileSync(pack, JSON.stringify(held));
    expect(await parseCache(dir).parse([before, beta])).toEqual([planted, parseCatalogFile(beta)]);
    // One byte more and it is another document: parsed, not taken from the entry; the other one still is.
    const after = file("alpha", `${before.text}\n`);
    expect(contentHash(after.text)).not.toBe(contentHash(before.text));
    expect(await parseCache(dir).parse([after, beta])).toEqual([
      parseCatalogFile(after),
      parseCatalogFile(beta),
    ]);
    // The same bytes under another path are not its entry either (positions name the file).
    const moved = { ...before, path: "scenarios/elsewhere.md" };
    expect(await parseCache(dir).parse([moved, beta])).toEqual([
      parseCatalogFile(moved),
      parseCatalogFile(beta),
    ]);
  });

  it("ignores a damaged or foreign pack, parses the documents and rewrites the pack", async () => {
    const dir = scratch();
    const files = [file("alpha"), file("beta")];
    await parseCache(dir).parse(files);
    const pack = join(dir, packName(files));
    const whole = readFileSync(pack);
    const held = JSON.parse(whole.toString("utf8"));
    const alphaPath = files[0]?.path as string;
    const betaPath = files[1]?.path as string;
    // Cut short (as by a full disk), garbage, another parser's, another layout's, and an entry that is
    // beta's result under alpha's name, or no result at all.
    for (const damage of [
      whole.subarray(0, whole.length >> 1),
      Buffer.from("not a pack"),
      JSON.stringify({ ...held, stamp: "another parser" }),
      JSON.stringify({ ...held, format: "scenario-bot parse cache 2" }),
      JSON.stringify({ ...held, entries: { ...held.entries, [alphaPath]: held.entries[betaPath] } }),
      JSON.stringify({
        ...held,
        entries: { ...held.entries, [alphaPath]: { sha: held.entries[alphaPath].sha } },
      }),
      JSON.stringify({ ...held, entries: null }),
    ]) {
      writeFileSync(pack, damage);
      expect(await parseCache(dir).parse(files)).toEqual(files.map(parseCatalogFile));
      expect(readFileSync(pack).equals(whole)).toBe(true);
    }
  });

  it("works without a cache when the folder cannot be written", async () => {
    const dir = scratch();
    const blocker = join(dir, "a-file");
    writeFileSync(blocker, "");
    const files = [file("alpha")];
    expect(await parseCache(join(blocker, "cache")).parse(files)).toEqual(files.map(parseCatalogFile));
  });

  it("holds when several processes fill the same folder at once: the pack whole, no temporary left", async () => {
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
    expect(readdirSync(dir)).toEqual([packName(files)]);
    const pack = JSON.parse(readFileSync(join(dir, packName(files)), "utf8"));
    expect(Object.keys(pack.entries).sort()).toEqual(files.map((f) => f.path).sort());
    expect(await parseCache(dir).parse(files)).toEqual(files.map(parseCatalogFile));
  }, 120_000);
});
