// Parameters arrive as `k=v` strings (CLI args, a comment, workflow inputs). They are checked against
// a zod schema built from the document's parameter table, so every rule lives in one place and every
// problem is reported at once, each naming the parameter, the rule and an example.
import { z } from "zod";
import { closest } from "../../scenario/closest.ts";
import { linearRegex } from "../../scenario/linear-regex.ts";
import type { ParameterDefinition, ParameterValue, ScenarioDefinition } from "../../scenario/types.ts";
import { ParameterError, type ParameterProblem } from "../errors.ts";

const TRUE_WORDS = ["true", "yes", "1", "on"];
const FALSE_WORDS = ["false", "no", "0", "off"];

const schemas = new WeakMap<ParameterDefinition, z.ZodType<ParameterValue, string>>();

/** The zod schema of one parameter: a raw string in, a typed value out (built once per definition). */
export function parameterSchema(param: ParameterDefinition): z.ZodType<ParameterValue, string> {
  let schema = schemas.get(param);
  if (!schema) {
    schema = buildSchema(param);
    schemas.set(param, schema);
  }
  return schema;
}

function buildSchema(param: ParameterDefinition): z.ZodType<ParameterValue, string> {
  const example = `Example: ${param.name}=${param.example}`;
  switch (param.type) {
    case "boolean":
      return z.string().transform((raw, ctx) => {
        const word = raw.trim().toLowerCase();
        if (TRUE_WORDS.includes(word)) return true;
        if (FALSE_WORDS.includes(word)) return false;
        ctx.addIssue({
          code: "custom",
          params: { rule: "type" },
          message: `must be true or false. ${example}`,
        });
        return z.NEVER;
      });
    case "number":
      return z.string().transform((raw, ctx) => {
        const value = raw.trim() === "" ? Number.NaN : Number(raw);
        if (!Number.isFinite(value)) {
          ctx.addIssue({ code: "custom", params: { rule: "type" }, message: `must be a number. ${example}` });
          return z.NEVER;
        }
        const range = rangeText(param, "");
        if (
          (param.min !== undefined && value < param.min) ||
          (param.max !== undefined && value > param.max)
        ) {
          const rule = param.min !== undefined && value < param.min ? "min" : "max";
          ctx.addIssue({ code: "custom", params: { rule }, message: `must be ${range}. ${example}` });
          return z.NEVER;
        }
        return value;
      });
    case "enum": {
      const values = param.values ?? [];
      return z.string().transform((raw, ctx) => {
        if (values.includes(raw)) return raw;
        ctx.addIssue({
          code: "custom",
          params: { rule: "enum" },
          message: `must be one of ${values.map((v) => `"${v}"`).join(", ")}. ${example}`,
        });
        return z.NEVER;
      });
    }
    default: {
      const pattern = param.pattern === undefined ? undefined : linearRegex(param.pattern);
      return z.string().transform((raw, ctx) => {
        // The value travels in the environment, git trailers and a jsonb column: none can hold NUL.
        if (raw.includes("\u0000")) {
          ctx.addIssue({
            code: "custom",
            params: { rule: "nul" },
            message: `must not contain a NUL character (\\u0000): remove it. ${example}`,
          });
          return z.NEVER;
        }
        if (pattern && !pattern.matchesWhole(raw)) {
          ctx.addIssue({
            code: "custom",
            params: { rule: "pattern" },
            message: `must match the pattern ${param.pattern}. ${example}`,
          });
          return z.NEVER;
        }
        const tooShort = param.min !== undefined && raw.length < param.min;
        if (tooShort || (param.max !== undefined && raw.length > param.max)) {
          ctx.addIssue({
            code: "custom",
            params: { rule: tooShort ? "min" : "max" },
            message: `must be ${rangeText(param, " characters long")}. ${example}`,
          });
          return z.NEVER;
        }
        return raw;
      });
    }
  }
}

/**
 * Checks raw `k=v` values against the scenario's parameters and returns typed values, defaults filled in.
 * Throws ParameterError listing every problem (unknown names, missing required ones, broken rules).
 */
export function validateParams(
  scenario: Pick<ScenarioDefinition, "id" | "parameters">,
  raw: Record<string, string>,
): Record<string, ParameterValue> {
  const problems: ParameterProblem[] = [];
  const known = scenario.parameters.map((p) => p.name);
  for (const name of Object.keys(raw)) {
    if (known.includes(name)) continue;
    const near = closest(name, known);
    const hint = near ? ` Did you mean "${near}"?` : "";
    const list = known.length
      ? `Known parameters: ${known.join(", ")}.`
      : `${scenario.id} takes no parameters.`;
    problems.push({
      parameter: name,
      rule: "unknown",
      message: `unknown parameter "${name}".${hint} ${list}`,
    });
  }
  const values: Record<string, ParameterValue> = {};
  for (const param of scenario.parameters) {
    const given = Object.hasOwn(raw, param.name) ? raw[param.name] : undefined;
    if (given === undefined) {
      if (param.default !== undefined) values[param.name] = param.default;
      else if (param.required) {
        problems.push({
          parameter: param.name,
          rule: "required",
          message: `"${param.name}" is required (${param.description.replace(/\.$/, "")}). Example: ${param.name}=${param.example}`,
        });
      }
      continue;
    }
    const result = parameterSchema(param).safeParse(given);
    if (result.success) {
      values[param.name] = result.data;
      continue;
    }
    for (const issue of result.error.issues) {
      const rule = issue.code === "custom" ? String(issue.params?.rule ?? "type") : "type";
      problems.push({
        parameter: param.name,
        rule,
        message: `"${param.name}" ${issue.message} (got ${shown(given)})`,
      });
    }
  }
  if (problems.length) throw new ParameterError(scenario.id, problems);
  return values;
}

/** Splits `k=v` arguments; a word without `=` is an error naming it. */
export function parseParamArgs(scenarioId: string, args: string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  const problems: ParameterProblem[] = [];
  for (const arg of args) {
    const eq = arg.indexOf("=");
    if (eq <= 0) {
      problems.push({
        parameter: arg,
        rule: "syntax",
        message: `${shown(arg, 40)} is not a parameter: write name=value (e.g. table=users).`,
      });
      continue;
    }
    raw[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  if (problems.length) throw new ParameterError(scenarioId, problems);
  return raw;
}

function rangeText(param: ParameterDefinition, unit: string): string {
  if (param.min !== undefined && param.max !== undefined)
    return `between ${param.min} and ${param.max}${unit}`;
  if (param.min !== undefined) return `at least ${param.min}${unit}`;
  return `at most ${param.max}${unit}`;
}

function shown(value: string, max = 60): string {
  const json = JSON.stringify(value);
  return json.length > max ? `${json.slice(0, max - 4)}..." (${value.length} characters)` : json;
}
