// Trigger globs come from documents and run over the file names of a pull request, which its author
// chooses. path.matchesGlob backtracks: `*a*a*a*a*a*b` against a 200-character name did not finish in
// 2 minutes. The suggestions check matches them in linear time.
import { describe, expect, it } from "vitest";
import { matchTriggers } from "../../src/github-app/checks/trigger-match.ts";
import type { ScenarioDefinition } from "../../src/scenario/index.ts";
import { cpuMs } from "../support/cpu-time.ts";

const scenario = (files: string) =>
  ({
    id: "slow-glob",
    title: "Slow glob",
    parameters: [],
    triggers: [{ files, position: { file: "x.md", line: 1, column: 1 } }],
  }) as unknown as ScenarioDefinition;

describe("trigger globs over a pull request's file names", () => {
  it("match `*a*a*a*a*a*b` against 200- and 4,000-character names in linear time", () => {
    for (const n of [200, 4000]) {
      const spent = cpuMs(() => {
        const matches = matchTriggers(
          [scenario("*a*a*a*a*a*b")],
          [{ filename: "a".repeat(n), status: "added" }],
        );
        expect(matches).toEqual([]);
      });
      expect(spent).toBeLessThan(200);
    }
    const hit = matchTriggers(
      [scenario("*a*a*a*a*a*b")],
      [{ filename: `${"a".repeat(199)}b`, status: "added" }],
    );
    expect(hit.map((m) => m.scenarioId)).toEqual(["slow-glob"]);
  });
});
