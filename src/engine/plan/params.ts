// Parameters arrive as `k=v` strings (CLI args, a comment, workflow inputs). They are checked against
// the document's parameter table, every rule in one place (checkParameter) and every problem reported
// at once, each naming the parameter, the rule and an example. Plain code rather than a zod schema:
// a run then loads no zod (~450 KB of bundle, tens of ms to evaluate) for a handful of string checks.
import { closest } from "../../scenario/closest.ts";
import { type LinearRegex, linearRegex } from "../../scenario/linear-regex.ts";
import type { ParameterDefinition, ParameterValue, ScenarioDefinition } from "../../scenario/types.ts";
import { ParameterError, type ParameterProblem } from "../errors.ts";

const TRUE_WORDS = ["true", "yes", "1", "on"];
const FALSE_WORDS = ["false", "no", "0", "off"];

/** A raw value's typed value, or the rule it breaks and why. */
export type ParameterCheck =
  | { ok: true; value: ParameterValue }
  | { ok: false; rule: string; message: string };

/** Compiled patterns, once per definition. */
const patterns = new WeakMap<ParameterDefinition, LinearRegex>();

/** One parameter's raw string checked against its definition: a typed value, or the broken rule. */
export function checkParameter(param: ParameterDefinition, raw: string): ParameterCheck {
  const example = `Example: ${param.name}=${param.example}`;
  const broken = (rule: string, message: string): ParameterCheck => ({ ok: false, rule, message });
  switch (param.type) {
    case "boolean": {
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.includes(word)) return { ok: true, value: true };
      if (FALSE_WORDS.includes(word)) return { ok: true, value: false };
      return broken("type", `must be true or false. ${example}`);
    }
    case "number": {
      const value = raw.trim() === "" ? Number.NaN : Number(raw);
      if (!Number.isFinite(value)) return broken("type", `must be a number. ${example}`);
      const range = rangeText(param, "");
      if ((param.min !== undefined && value < param.min) || (param.max !== undefined && value > param.max)) {
        const rule = param.min !== undefined && value < param.min ? "min" : "max";
        return broken(rule, `must be ${range}. ${example}`);
      }
      return { ok: true, value };
    }
    case "enum": {
      const values = param.values ?? [];
      if (values.includes(raw)) return { ok: true, value: raw };
      return broken("enum", `must be one of ${values.map((v) => `"${v}"`).join(", ")}. ${example}`);
    }
    default: {
      let pattern = patterns.get(param);
      if (!pattern && param.pattern !== undefined) {
        pattern = linearRegex(param.pattern);
        patterns.set(param, pattern);
      }
      // The value travels in the environment, git trailers and a jsonb column: none can hold NUL.
      if (raw.includes("\u0000"))
        return broken("nul", `must not contain a NUL character (\\u0000): remove it. ${example}`);
      if (pattern && !pattern.matchesWhole(raw))
        return broken("pattern", `must match the pattern ${param.pattern}. ${example}`);
      const tooShort = param.min !== undefined && raw.length < param.min;
      if (tooShort || (param.max !== undefined && raw.length > param.max))
        return broken(
          tooShort ? "min" : "max",
          `must be ${rangeText(param, " characters long")}. ${example}`,
        );
      return { ok: true, value: raw };
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
    const checked = checkParameter(param, given);
    if (checked.ok) {
      values[param.name] = checked.value;
      continue;
    }
    problems.push({
      parameter: param.name,
      rule: checked.rule,
      message: `"${param.name}" ${checked.message} (got ${shown(given)})`,
    });
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
