import { describe, expect, it } from "vitest";
import { ParameterError } from "../../../src/engine/errors.ts";
import { parseParamArgs, validateParams } from "../../../src/engine/plan/params.ts";
import { param, scenario } from "../../support/engine-scenarios.ts";

const rls = scenario("add-rls-policies", {
  parameters: [
    param("table", { pattern: "[a-z_][a-z0-9_]*", example: "users" }),
    param("mode", {
      type: "enum",
      required: false,
      values: ["owner", "read-public"],
      default: "owner",
      example: "owner",
    }),
    param("port", { type: "number", required: false, min: 1024, max: 65535, default: 8080, example: "8080" }),
    param("with_tests", { type: "boolean", required: false, default: true, example: "true" }),
    param("label", { required: false, min: 2, max: 5, example: "abc" }),
  ],
});

function problemText(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParameterError) return error.message;
    throw error;
  }
  throw new Error("expected a ParameterError");
}

describe("validateParams", () => {
  it("checks a value against its pattern in linear time, whatever the pattern and the value", () => {
    const risky = scenario("risky", { parameters: [param("name", { pattern: "(a+)+", example: "aaa" })] });
    // RegExp would backtrack for about 2^50 steps on this value; the comment's author chooses it.
    expect(problemText(() => validateParams(risky, { name: `${"a".repeat(50)}!` }))).toContain(
      "must match the pattern (a+)+",
    );
    expect(validateParams(risky, { name: "aaaa" })).toEqual({ name: "aaaa" });
  });

  it("types values and fills defaults", () => {
    expect(validateParams(rls, { table: "users", port: "5000", with_tests: "no" })).toEqual({
      table: "users",
      mode: "owner",
      port: 5000,
      with_tests: false,
    });
  });

  it("names the parameter, the rule and an example for every problem at once", () => {
    expect(
      problemText(() =>
        validateParams(rls, { table: "Users; rm -rf /", mode: "admin", port: "80", with_tests: "maybe" }),
      ),
    ).toMatchInlineSnapshot(`
      "add-rls-policies: 4 parameters are not valid:
        - "table" must match the pattern [a-z_][a-z0-9_]*. Example: table=users (got "Users; rm -rf /")
        - "mode" must be one of "owner", "read-public". Example: mode=owner (got "admin")
        - "port" must be between 1024 and 65535. Example: port=8080 (got "80")
        - "with_tests" must be true or false. Example: with_tests=true (got "maybe")"
    `);
  });

  it("refuses a missing required parameter and a non-number", () => {
    expect(problemText(() => validateParams(rls, { port: "eighty" }))).toMatchInlineSnapshot(`
      "add-rls-policies: 2 parameters are not valid:
        - "table" is required (The table). Example: table=users
        - "port" must be a number. Example: port=8080 (got "eighty")"
    `);
  });

  it("refuses unknown parameters, naming the known ones and the likely typo", () => {
    const error = (() => {
      try {
        validateParams(rls, { tabel: "users" });
      } catch (e) {
        return e as ParameterError;
      }
    })();
    expect(error?.problems.map((p) => [p.parameter, p.rule])).toEqual([
      ["tabel", "unknown"],
      ["table", "required"],
    ]);
    expect(error?.problems[0]?.message).toMatchInlineSnapshot(
      `"unknown parameter "tabel". Did you mean "label"? Known parameters: table, mode, port, with_tests, label."`,
    );
  });

  it("checks string length rules and shortens huge values in messages", () => {
    expect(
      problemText(() => validateParams(rls, { table: "users", label: "x".repeat(65536) })),
    ).toMatchInlineSnapshot(`
      "add-rls-policies: a parameter is not valid:
        - "label" must be between 2 and 5 characters long. Example: label=abc (got "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." (65536 characters))"
    `);
  });

  it("does not treat inherited object keys as given", () => {
    expect(problemText(() => validateParams(rls, JSON.parse('{"__proto__": "x"}')))).toContain(
      "unknown parameter",
    );
  });
});

describe("parseParamArgs", () => {
  it("splits on the first = and refuses words without one", () => {
    expect(parseParamArgs("s", ["a=b=c", "empty="])).toEqual({ a: "b=c", empty: "" });
    expect(problemText(() => parseParamArgs("s", ["users", "=x"]))).toMatchInlineSnapshot(`
      "s: 2 parameters are not valid:
        - "users" is not a parameter: write name=value (e.g. table=users).
        - "=x" is not a parameter: write name=value (e.g. table=users)."
    `);
  });
});
