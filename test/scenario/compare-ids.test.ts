import { describe, expect, it } from "vitest";
import { compareIds } from "../../src/scenario/compare-ids.ts";

describe("compareIds", () => {
  it("orders kebab-case ids as localeCompare does", () => {
    const chars = "abcz019-";
    const ids: string[] = [""];
    for (let length = 1; length <= 3; length++) {
      for (const id of ids.filter((i) => i.length === length - 1)) for (const c of chars) ids.push(id + c);
    }
    for (const a of ids)
      for (const b of ids.slice(0, 200))
        expect(Math.sign(compareIds(a, b))).toBe(Math.sign(a.localeCompare(b)));
  });

  it("compares anything else with localeCompare", () => {
    for (const [a, b] of [
      ["Add", "add"],
      ["é", "f"],
      ["a_b", "a-b"],
    ] as const)
      expect(compareIds(a, b)).toBe(a.localeCompare(b));
  });
});
