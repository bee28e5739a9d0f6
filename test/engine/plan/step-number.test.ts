import { describe, expect, it } from "vitest";
import { findStepByNumber, stepNumber, stepProgress } from "../../../src/engine/plan/step-number.ts";

const steps = [
  { scenarioId: "create-database-table", number: 1, index: 0 },
  { scenarioId: "add-rls-policies", number: 1, index: 1 },
  { scenarioId: "add-rls-policies", number: 2, index: 2 },
];

describe("step numbers people see", () => {
  it("are the document's numbers, after the dependency's id for its steps", () => {
    expect(steps.map((s) => stepNumber(s, "add-rls-policies"))).toEqual([
      "create-database-table 1",
      "1",
      "2",
    ]);
    expect(steps.map((s) => stepProgress(s, 2, "add-rls-policies"))).toEqual([
      "create-database-table 1/2",
      "1/2",
      "2/2",
    ]);
  });

  it("read back what a person typed, in any of the forms shown", () => {
    const find = (text: string) => findStepByNumber(steps, text, "add-rls-policies")?.index;
    expect(find("2")).toBe(2);
    expect(find(" 1 ")).toBe(1);
    expect(find("create-database-table 1")).toBe(0);
    expect(find("create-database-table:1")).toBe(0);
    expect(find("create-database-table#1")).toBe(0);
    expect(find("3")).toBeUndefined();
    expect(find("create-database-table 2")).toBeUndefined();
    expect(find("one")).toBeUndefined();
  });
});
