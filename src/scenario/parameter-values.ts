// Checking one parameter value against its definition. Used for defaults and examples at parse time
// and, by the engine, for the values a run is given.
import { linearRegex } from "./linear-regex.ts";
import type { ParameterDefinition, ParameterValue } from "./types.ts";

export type ParameterRules = Pick<ParameterDefinition, "type" | "values" | "pattern" | "min" | "max">;

export type ValueCheck = { ok: true; value: ParameterValue } | { ok: false; reason: string };

/** Turns the text of a value into its typed value, or says which rule it breaks. */
export function checkParameterValue(rules: ParameterRules, raw: string): ValueCheck {
  switch (rules.type) {
    case "number": {
      if (!/^-?\d+(\.\d+)?$/.test(raw.trim())) return { ok: false, reason: "must be a number" };
      const value = Number(raw);
      if (rules.min !== undefined && value < rules.min)
        return { ok: false, reason: `must be at least ${rules.min}` };
      if (rules.max !== undefined && value > rules.max)
        return { ok: false, reason: `must be at most ${rules.max}` };
      return { ok: true, value };
    }
    case "boolean":
      if (raw === "true" || raw === "false") return { ok: true, value: raw === "true" };
      return { ok: false, reason: "must be true or false" };
    case "enum":
      if (rules.values?.includes(raw)) return { ok: true, value: raw };
      return { ok: false, reason: `must be one of ${(rules.values ?? []).join(", ")}` };
    default: {
      if (rules.pattern !== undefined && !linearRegex(rules.pattern).matchesWhole(raw)) {
        return { ok: false, reason: `must match the pattern ${rules.pattern}` };
      }
      const length = [...raw].length;
      if (rules.min !== undefined && length < rules.min)
        return { ok: false, reason: `must be at least ${rules.min} characters long` };
      if (rules.max !== undefined && length > rules.max)
        return { ok: false, reason: `must be at most ${rules.max} characters long` };
      return { ok: true, value: raw };
    }
  }
}

/** A value that satisfies the rules, for messages: the default, or a guess that passes. */
export function deriveExample(
  rules: ParameterRules,
  fallbackName: string,
  defaultValue?: string,
): string | undefined {
  const candidates =
    rules.type === "enum"
      ? (rules.values ?? [])
      : rules.type === "boolean"
        ? ["true"]
        : rules.type === "number"
          ? [String(rules.min ?? 0), String(rules.max ?? 1), "1"]
          : [fallbackName, `my_${fallbackName}`, `my-${fallbackName}`, "example", "Example", "1"];
  for (const candidate of [defaultValue, ...candidates]) {
    if (candidate !== undefined && checkParameterValue(rules, candidate).ok) return candidate;
  }
  return undefined;
}

/** Each parameter's `Example:` as a run's value (what `scenario test` and the trial run with unless told otherwise). */
export function exampleValues(
  parameters: readonly Pick<ParameterDefinition, "name" | "example">[],
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const p of parameters) if (p.example !== undefined && p.example !== "") values[p.name] = p.example;
  return values;
}
