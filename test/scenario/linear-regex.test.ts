import { describe, expect, it } from "vitest";
import { linearRegex, linearRegexProblem, TRIGGER_REGEX } from "../../src/scenario/linear-regex.ts";

describe("linearRegex", () => {
  it("matches whole values, and finds first matches with their groups", () => {
    expect(linearRegex("[a-z]+").matchesWhole("abc")).toBe(true);
    expect(linearRegex("[a-z]+").matchesWhole("abc1")).toBe(false);
    expect(linearRegex("[a-z]+").matchesWhole("abc\n")).toBe(false);
    expect(linearRegex("a|ab").matchesWhole("ab")).toBe(true);
    const createTable = linearRegex("create table (?:if not exists )?(\\w+)( \\()?", TRIGGER_REGEX);
    expect(createTable.firstGroups("-- orders\nCREATE TABLE Orders")).toEqual(["Orders", ""]);
    expect(createTable.firstGroups("alter table orders")).toBeUndefined();
    expect(
      linearRegex("^enable row level security$", TRIGGER_REGEX).test("x\nENABLE ROW LEVEL SECURITY\ny"),
    ).toBe(true);
  });

  it("takes time linear in the text, even for patterns that backtrack exponentially in RegExp", () => {
    // With RegExp, each of these needs about 2^60 steps: the test would never finish.
    const value = `${"a".repeat(60)}!`;
    expect(linearRegex("^(a+)+$").matchesWhole(value)).toBe(false);
    expect(linearRegex("(a|aa)+$").test(value)).toBe(false);
    expect(linearRegex("(\\w+\\s?)*;", TRIGGER_REGEX).test(`${"word ".repeat(5000)}!`)).toBe(false);
  });

  it("says what it cannot read, and why lookaround and backreferences are refused", () => {
    expect(linearRegexProblem("[a-z")).toBe("missing closing ]: `[a-z`");
    expect(linearRegexProblem("(", TRIGGER_REGEX)).toBe("missing closing ): `(`");
    expect(linearRegexProblem("users(?!_archive)")).toBe(
      "invalid or unsupported Perl syntax: `(?!` (lookaround and backreferences are not supported: patterns are matched in linear time)",
    );
    expect(linearRegexProblem("(a)\\1")).toMatch(
      /^invalid escape sequence: `\\1` \(lookaround and backreferences/,
    );
    expect(linearRegexProblem("^[a-z][a-z0-9-]*$")).toBeUndefined();
  });
});
