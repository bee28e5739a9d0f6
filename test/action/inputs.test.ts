import { describe, expect, it } from "vitest";
import { parseParams, readInputs } from "../../src/action/inputs.ts";
import { recordingIo } from "../support/recording-io.ts";

describe("readInputs", () => {
  it("reads a dispatch's inputs", () => {
    const io = recordingIo({
      command: "run",
      scenario: "create-shared-service",
      params: '{"name":"billing","type":"business","port":8080,"with_tests":true}',
      "run-id": "r-01",
      "issue-number": "42",
      "github-token": "t0k",
      "database-url": "",
    });
    expect(readInputs(io)).toEqual({
      command: "run",
      scenario: "create-shared-service",
      params: { name: "billing", type: "business", port: 8080, with_tests: true },
      runId: "r-01",
      issueNumber: 42,
      token: "t0k",
    });
  });

  it.each([
    [
      "command",
      "deploy",
      "input 'command': 'deploy' is not a command; use one of run, resume, rollback, cancel, audit, check.",
    ],
    [
      "scenario",
      "../etc",
      "input 'scenario': '../etc' is not a scenario id; ids are kebab-case, e.g. create-shared-service.",
    ],
    ["run-id", "a/b", "input 'run-id': 'a/b' is not a run id; use letters, digits, '.', '-' or '_'."],
    ["issue-number", "0", "input 'issue-number': '0' is not an issue number; give a positive integer."],
  ])("refuses a bad %s with a message saying how to fix it", (name, value, message) => {
    expect(() => readInputs(recordingIo({ [name]: value }))).toThrow(message);
  });
});

describe("parseParams", () => {
  it("treats an empty input as no parameters", () => {
    expect(parseParams("")).toEqual({});
  });

  it.each([
    ["{", /^input 'params': not valid JSON \(.*\); give an object such as \{"name":"billing"\}\.$/],
    ["[1]", /must be a JSON object such as \{"name":"billing"\}, not an array\./],
    ['{"Name":"x"}', /'Name' is not a parameter name; names are snake_case/],
    [
      '{"name":{"$(rm -rf /)":1}}',
      /parameter 'name' is an object; values are strings, numbers or booleans\./,
    ],
    ['{"name":null}', /parameter 'name' is null/],
  ])("refuses %s", (text, message) => {
    expect(() => parseParams(text)).toThrow(message);
  });
});
