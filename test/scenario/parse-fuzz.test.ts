import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/parse.ts";
import { doc, VALID } from "../support/scenario-documents.ts";

const JUNK = [
  "`",
  "**",
  "[",
  "]",
  "(",
  ")",
  "{",
  "}",
  "|",
  "\n",
  "```",
  "- [ ] ",
  "1. ",
  "## ",
  "\\",
  "$((",
  "<<'E'\n",
  ":",
  ",",
  "'",
  '"',
  "\0",
];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
}

describe("parseScenario on mangled documents", () => {
  it("never throws and never answers nothing: 500 seeded mutations", { timeout: 120_000 }, () => {
    const rnd = random(7);
    const sources = [VALID, doc("fuzz-me", "`a` (required), `b`")];
    for (let i = 0; i < 500; i++) {
      let text = sources[rnd(sources.length)] ?? "";
      for (let k = 0; k <= rnd(5); k++) {
        const at = rnd(text.length);
        const op = rnd(3);
        if (op === 0) text = text.slice(0, at) + JUNK[rnd(JUNK.length)] + text.slice(at);
        else if (op === 1) text = text.slice(0, at) + text.slice(at + rnd(40));
        else {
          const lines = text.split("\n");
          lines.splice(rnd(lines.length), 1);
          text = lines.join("\n");
        }
      }
      const result = parseScenario(text, { file: "f.md" });
      if (!result.definition) expect(result.problems.length, text).toBeGreaterThan(0);
      for (const p of result.problems) expect(p.position.line, p.message).toBeGreaterThan(0);
    }
  });
});
