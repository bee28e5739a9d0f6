// The README's example scenario must stay a valid, runnable document.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/scenario/index.ts";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("README", () => {
  it("shows a complete scenario under 'Writing a scenario' that parses with no problem", () => {
    const section = readme.split("## Writing a scenario")[1] ?? "";
    const example = /````markdown\n([\s\S]*?)````/.exec(section)?.[1];
    expect(example).toBeDefined();
    const { definition, problems } = parseScenario(example ?? "", { file: "README.md" });
    expect(problems).toEqual([]);
    expect(definition?.steps.map((s) => s.kind)).toEqual(["automated", "validation", "manual", "checkpoint"]);
  });

  it("keeps the two-command quick start", () => {
    expect(readme).toContain("npm install && npm run demo");
    expect(readme).toMatch(/^npm test\b/m);
  });
});
