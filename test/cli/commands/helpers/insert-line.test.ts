import { describe, expect, it } from "vitest";
import { insertLine } from "../../../../src/cli/commands/helpers/insert-line.ts";
import { spawnCli } from "../../support/spawn-cli.ts";
import { tempFiles } from "./temp-files.ts";

const APP = [
  "import { Routes, Route } from 'react-router-dom';",
  "import { Home } from './pages/Home';",
  "export function App() {",
  "  return (",
  "    <Routes>",
  '      <Route path="/" element={<Home />} />',
  "    </Routes>",
  "  );",
  "}",
].join("\n"); // no final newline

// Each call is a process (as a step makes it): seconds each on a loaded machine.
describe("scenario insert-line", { timeout: 120_000 }, () => {
  it("inserts after the last match and before the first, once, keeping indentation with --indent", async () => {
    const { dir, read } = tempFiles({ "src/App.tsx": APP });
    const imp = [
      "insert-line",
      "src/App.tsx",
      "--after",
      "^import ",
      "--line",
      "import { Mail } from './pages/Mail';",
    ];
    const route = [
      "insert-line",
      "src/App.tsx",
      "--indent",
      "--before",
      "</Routes>",
      "--literal",
      "--line",
      '<Route path="/mail" element={<Mail />} />',
    ];
    expect(await spawnCli(dir, imp)).toEqual({
      code: 0,
      out: "insert-line: src/App.tsx:3 inserted\n",
      err: "",
    });
    expect((await spawnCli(dir, route)).code).toBe(0);
    const once = read("src/App.tsx");
    expect(once).toMatchInlineSnapshot(`
      "import { Routes, Route } from 'react-router-dom';
      import { Home } from './pages/Home';
      import { Mail } from './pages/Mail';
      export function App() {
        return (
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/mail" element={<Mail />} />
          </Routes>
        );
      }
      "
    `);
    // Twice is once.
    expect(await spawnCli(dir, imp)).toEqual({
      code: 0,
      out: "insert-line: src/App.tsx already has the line\n",
      err: "",
    });
    expect((await spawnCli(dir, route)).code).toBe(0);
    expect(read("src/App.tsx")).toBe(once);
  });

  it("adds the line at the end of a file without a final newline on a line of its own, CRLF kept", async () => {
    const { dir, read } = tempFiles({ "index.ts": "export * from './a'", "win.ts": "a\r\nb" });
    expect(
      (await spawnCli(dir, ["insert-line", "index.ts", "--end", "--line", "export * from './b';"])).code,
    ).toBe(0);
    expect(read("index.ts")).toBe("export * from './a'\nexport * from './b';\n");
    expect((await spawnCli(dir, ["insert-line", "win.ts", "--after", "^a$", "--line", "x"])).code).toBe(0);
    expect(read("win.ts")).toBe("a\r\nx\r\nb\r\n");
  });

  it("exits 1 saying why, leaving the file as it was", async () => {
    const { dir, read } = tempFiles({ "a.ts": "one\n" });
    const noMatch = await spawnCli(dir, ["insert-line", "a.ts", "--after", "^two", "--line", "x"]);
    expect(noMatch).toEqual({ code: 1, out: "", err: 'insert-line: a.ts: no line matches --after "^two"\n' });
    const missing = await spawnCli(dir, ["insert-line", "gone.ts", "--end", "--line", "x"]);
    expect(missing).toEqual({ code: 1, out: "", err: "insert-line: gone.ts: no such file\n" });
    expect(read("a.ts")).toBe("one\n");
  });

  it("refuses a pattern RE2 cannot read, no anchor or two, and a line holding a newline", () => {
    expect(() => insertLine("a\n", { line: "x", before: "(a)\\1" })).toThrow(
      /not a regular expression RE2 reads.*backreferences/,
    );
    expect(() => insertLine("a\n", { line: "x" })).toThrow(
      "give exactly one of --after <regex>, --before <regex>, --end",
    );
    expect(() => insertLine("a\n", { line: "x", after: "a", end: true })).toThrow("give exactly one");
    expect(() => insertLine("a\n", { line: "x\ny", end: true })).toThrow("insert one line per call");
    expect(insertLine("", { line: "x", end: true })).toEqual({ changed: true, text: "x\n", at: 1 });
    const empty = "  <Routes>\n  </Routes>\n";
    expect(insertLine(empty, { line: "<R />", before: "</Routes>", indent: true })).toMatchObject({
      text: "  <Routes>\n  <R />\n  </Routes>\n",
    });
  });

  it("matches a catastrophic pattern in linear time", async () => {
    const { dir } = tempFiles({ "big.txt": `${"a".repeat(5000)}!\n` });
    const started = Date.now();
    const r = await spawnCli(dir, ["insert-line", "big.txt", "--after", "^(a+)+$", "--line", "x"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("no line matches");
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
