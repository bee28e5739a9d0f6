import { describe, expect, it } from "vitest";
import { memoByText } from "../../src/scenario/text-memo.ts";

describe("memoByText", () => {
  it("works a text out once, and again only after 500 other texts pushed it out", () => {
    const seen: string[] = [];
    const length = memoByText((text) => {
      seen.push(text);
      return { length: text.length };
    });
    const first = length("abc");
    expect(length("abc")).toBe(first);
    expect(seen).toEqual(["abc"]);
    for (let i = 0; i < 499; i++) length(`other ${i}`);
    expect(length("abc")).toBe(first);
    length("one more");
    expect(length("abc")).not.toBe(first);
    expect(length("abc")).toEqual({ length: 3 });
    expect(seen.filter((t) => t === "abc")).toHaveLength(2);
  });
});
