import { describe, expect, it } from "vitest";
import { explainingLines, failureHeadline } from "../../../src/engine/run/explain.ts";

const nodeException = [
  "file:///w/build.mjs:3",
  '  throw new Error("config missing: config.json");',
  "  ^",
  "",
  "Error: config missing: config.json",
  "    at file:///w/build.mjs:3:9",
  "    at ModuleJob.run (node:internal/modules/esm/module_job:271:25)",
  "",
  "Node.js v24.21.0",
  "",
].join("\n");

describe("the line that explains a failed block", () => {
  it("is the last error-like line of stderr, not `Node.js v24`", () => {
    expect(failureHeadline(nodeException, `building\n${nodeException}`)).toBe(
      "Error: config missing: config.json",
    );
  });

  it("reads tsc, npm and shell errors", () => {
    expect(
      failureHeadline("src/a.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'.\n", ""),
    ).toBe("src/a.ts(3,5): error TS2322: Type 'string' is not assignable to type 'number'.");
    const npm =
      "npm error code E404\nnpm error 404 Not Found - GET https://registry/x\nnpm error A complete log of this run can be found in: /x.log\n";
    expect(failureHeadline(npm, "")).toBe("npm error 404 Not Found - GET https://registry/x");
    expect(failureHeadline("bash: line 2: nope: command not found\n", "")).toBe(
      "bash: line 2: nope: command not found",
    );
  });

  it("falls back to the last line of stderr, then of the output, and to nothing for a silent block", () => {
    expect(failureHeadline("the note check was told to fail\n", "")).toBe("the note check was told to fail");
    expect(failureHeadline("", "step one\nstep two\n")).toBe("step two");
    expect(failureHeadline("", "")).toBeUndefined();
  });

  it("shows the headline with its context, stack frames cut to two", () => {
    const tail = `${nodeException}    at more (x.js:1:1)\n`;
    const lines = explainingLines(
      "t.md:3: the shell block exited with status 1: Error: config missing: config.json",
      tail,
    );
    expect(lines).toEqual([
      '  throw new Error("config missing: config.json");',
      "  ^",
      "Error: config missing: config.json",
      "    at file:///w/build.mjs:3:9",
      "    at ModuleJob.run (node:internal/modules/esm/module_job:271:25)",
    ]);
  });
});
