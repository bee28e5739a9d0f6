import { describe, expect, it } from "vitest";
import { spawnCli } from "../../support/spawn-cli.ts";
import { tempFiles } from "./temp-files.ts";

describe("scenario check-syntax", { timeout: 120_000 }, () => {
  it("prints each syntax error as file:line:col message and exits 1", async () => {
    const { dir } = tempFiles({
      "svc/index.ts": "export class A {\n  private static x: number = 1;\n  get(: string) {}\n}\n",
      "App.tsx": "export const App = () => (\n  <div>\n    <span>hi</div>\n);\n",
      "data.json": '{\n  "a": 1,\n  "b": 2,\n}\n',
      "tool.mjs": "import x from 'y';\nexport default x +;\n",
    });
    const { code, out, err } = await spawnCli(dir, [
      "check-syntax",
      "svc/index.ts",
      "App.tsx",
      "data.json",
      "tool.mjs",
    ]);
    expect(code).toBe(1);
    expect(out).toMatchInlineSnapshot(`
      "svc/index.ts:3:7 Unexpected token
      App.tsx:3:19 Unterminated JSX contents.
      data.json:4:1 Expected double-quoted property name
      tool.mjs:2:19 Unexpected token
      "
    `);
    expect(err).toBe("check-syntax: syntax errors found\n");
  });

  it("passes TypeScript, TSX with generics and decorators, CommonJS, ESM and JSONC tsconfig", async () => {
    const { dir } = tempFiles({
      "a.ts": "import type { B } from './b';\nexport const f = <T,>(x: T): T => x;\nexport enum E { A }\n",
      "b.tsx":
        "export function List<T>({ items }: { items: T[] }) {\n  return <ul>{items.map((i) => <li key={String(i)}>{String(i)}</li>)}</ul>;\n}\n",
      "c.cjs": "const fs = require('fs');\nmodule.exports = fs;\nreturn;\n",
      "d.js": "export const d = <p>jsx in .js</p>;\n",
      "tsconfig.json":
        '{\n  // comment\n  "compilerOptions": { "strict": true, /* x */ },\n  "include": ["src",],\n}\n',
      "package.json": '{ "name": "@dhg/x" }',
    });
    const files = ["a.ts", "b.tsx", "c.cjs", "d.js", "tsconfig.json", "package.json"];
    const { code, out, err } = await spawnCli(dir, ["check-syntax", ...files]);
    expect({ code, out, err }).toEqual({ code: 0, out: "check-syntax: 6 files parse\n", err: "" });
  });

  it("fails a missing file and a kind it does not parse", async () => {
    const { dir } = tempFiles({ "notes.txt": "hi" });
    const { code, out } = await spawnCli(dir, ["check-syntax", "missing.ts", "notes.txt"]);
    expect(code).toBe(1);
    expect(out).toMatchInlineSnapshot(`
      "missing.ts:1:1 no such file
      notes.txt:1:1 not a file kind check-syntax parses (.ts, .mts, .cts, .tsx, .js, .jsx, .mjs, .cjs, .json)
      "
    `);
  });
});
