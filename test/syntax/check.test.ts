import { beforeAll, describe, expect, it } from "vitest";
import { blankJsoncExtras, loadParser, syntaxChecked, syntaxErrors } from "../../src/syntax/check.ts";

describe("syntax check", () => {
  beforeAll(loadParser);

  it("parses the kinds it knows by extension, in any case, and nothing else", () => {
    expect(["a.ts", "b/C.TSX", "x.mjs", "tsconfig.json"].map(syntaxChecked)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(["a.sh", "b.md", "Makefile", "a.ts.bak"].map(syntaxChecked)).toEqual([false, false, false, false]);
    expect(syntaxErrors("run.sh", "fi fi")).toBeUndefined();
  });

  it("gives each error's line, column and message", () => {
    expect(syntaxErrors("a.ts", "export const a = 1;\n")).toEqual([]);
    expect(syntaxErrors("a.ts", "const a = ;\n")).toEqual([
      { line: 1, column: 11, message: "Unexpected token" },
    ]);
    expect(syntaxErrors("d.json", '{\n  "a": 1,\n}')).toEqual([
      expect.objectContaining({ line: 3, column: 1 }),
    ]);
  });

  it("blanks JSONC comments and trailing commas in place, never inside strings", () => {
    const text = '{"a": "// not a comment, }", /* c */ "b": [1,],}';
    const blanked = blankJsoncExtras(text);
    expect(blanked).toHaveLength(text.length);
    expect(JSON.parse(blanked)).toEqual({ a: "// not a comment, }", b: [1] });
  });
});
