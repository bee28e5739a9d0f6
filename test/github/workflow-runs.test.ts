// Which workflow run a check run's details link names, the way GitHub writes those links.
import { describe, expect, it } from "vitest";
import { workflowRunIdOf } from "../../src/github/workflow-runs.ts";

describe("workflowRunIdOf", () => {
  it("reads the run from a workflow run's page and from one of its jobs' pages", () => {
    expect(workflowRunIdOf("https://github.com/acme/mono/actions/runs/17042")).toBe(17042);
    expect(workflowRunIdOf("https://github.com/acme/mono/actions/runs/17042/job/48812")).toBe(17042);
    expect(workflowRunIdOf("https://ghe.example/acme/mono/actions/runs/9?pr=3")).toBe(9);
  });

  it("names no run for other links or none", () => {
    expect(workflowRunIdOf("https://github.com/acme/mono/pull/3")).toBeUndefined();
    expect(workflowRunIdOf("https://github.com/acme/mono/actions/runs/12abc")).toBeUndefined();
    expect(workflowRunIdOf(null)).toBeUndefined();
    expect(workflowRunIdOf(undefined)).toBeUndefined();
  });
});
