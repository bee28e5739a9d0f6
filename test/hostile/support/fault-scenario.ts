// The scenario the fault tests kill and resume: three automated steps, each writing one file, so every
// step ends in a checkpoint (commit, store row, check run). No vitest import: child processes use it.
import type { ScenarioDefinition } from "../../../src/scenario/types.ts";
import { check, file, param, rollbackStep, scenario, step } from "../../support/engine-scenarios.ts";

export const threeSteps: ScenarioDefinition = scenario("three-steps", {
  parameters: [param("name", { pattern: "[a-z]+" })],
  steps: [1, 2, 3].map((n) =>
    step(`Write part ${n}`, "automated", [file(`out/{name}-${n}.txt`, `part ${n} of {name}\n`)]),
  ),
  postValidation: [check("Every part is there", "test -f out/{name}-3.txt")],
  rollback: [rollbackStep("Remove the parts", "rm -rf out")],
});

/** Where a step's checkpoint can be cut short: before its commit, after it, after its store row. */
export const PHASES = ["before-commit", "after-commit", "after-row"] as const;
export type Phase = (typeof PHASES)[number];
