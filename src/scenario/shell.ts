// Shell blocks never receive a parameter value as text: each placeholder becomes a quoted reference
// to an environment variable and the value travels in the environment.
import { PlaceholderError } from "./errors.ts";
import { type PlaceholderValues, placeholderValue } from "./placeholders.ts";
import { type ShellContext, type ShellPlaceholder, scanShell } from "./shell-lexer.ts";
import { memoByText } from "./text-memo.ts";
import { BUILTINS } from "./types.ts";

export interface RenderedShell {
  script: string;
  /** `SCENARIO_PARAM_*` (every value given, plus filtered variants used), `SCENARIO_TIMESTAMP`, `SCENARIO_RUN_ID`. */
  env: Readonly<Record<string, string>>;
}

const BUILTIN_NAMES: ReadonlySet<string> = new Set(BUILTINS);

/** `SCENARIO_PARAM_TABLE`, `SCENARIO_PARAM_NAME_PASCAL`, `SCENARIO_TIMESTAMP`, `SCENARIO_RUN_ID_SNAKE`. */
export function envVarName(name: string, filters: readonly string[] = []): string {
  return filters.length
    ? `${plainEnvVarName(name)}_${filters.join("_").toUpperCase()}`
    : plainEnvVarName(name);
}

/** Every value of every plan is named: once per name. */
const plainEnvVarName = memoByText((name) =>
  (BUILTIN_NAMES.has(name) ? `SCENARIO_${name}` : `SCENARIO_PARAM_${name}`).toUpperCase(),
);

/** Every value under its variable name: the same for each block of a plan, so built once per values. */
const baseEnvs = new WeakMap<PlaceholderValues, Readonly<Record<string, string>>>();

function baseEnv(values: PlaceholderValues): Readonly<Record<string, string>> {
  let env = baseEnvs.get(values);
  if (!env) {
    env = Object.fromEntries(
      Object.entries(values).map(([name, value]) => [envVarName(name), String(value)]),
    );
    baseEnvs.set(values, env);
  }
  return env;
}

/** Why a placeholder cannot stand here, or undefined when it can. `isNumber` tells if its value is numeric. */
export function shellContextProblem(p: ShellPlaceholder, isNumber: boolean): string | undefined {
  if (p.context === "quoted-heredoc") {
    return `placeholder {${p.name}} sits in a quoted heredoc (<<'EOF'), where it cannot expand`;
  }
  if (p.context === "arithmetic" && !isNumber) {
    return `placeholder {${p.name}} sits in an arithmetic expression, which would evaluate its text as code`;
  }
  if (p.arithmetic && !isNumber) {
    return `placeholder {${p.name}} reaches bash arithmetic (${p.arithmetic}), which would evaluate its text as code`;
  }
  return undefined;
}

export const SHELL_CONTEXT_HINTS: Record<string, string> = {
  "quoted-heredoc": "unquote the heredoc delimiter (<<EOF), or write the content with a file= block",
  arithmetic:
    "use a number parameter here (its value is checked as a whole number when the run starts), or compare the value as a string ([[ $x == ... ]])",
};

function reference(variable: string, context: ShellContext): string {
  switch (context) {
    case "double":
    case "heredoc":
    case "arithmetic":
      return `\${${variable}}`;
    case "single":
      return `'"\${${variable}}"'`;
    case "ansi":
      return `'"\${${variable}}"$'`;
    default:
      return `"\${${variable}}"`;
  }
}

/** A placeholder of a script, as the rendered script refers to it. */
interface Reference {
  placeholder: ShellPlaceholder;
  variable: string;
}

/**
 * A script as it runs: its text does not depend on the values (each placeholder becomes a reference to
 * its variable), so it is worked out once per script text and the same string is handed to every plan.
 */
interface ShellTemplate {
  script: string;
  references: readonly Reference[];
}

const templateOf = memoByText((script): ShellTemplate => {
  const references: Reference[] = [];
  let out = "";
  let last = 0;
  for (const p of scanShell(script)) {
    out += script.slice(last, p.start);
    last = p.end;
    if (p.escaped) {
      out += script.slice(p.start + 1, p.end);
      continue;
    }
    const variable = envVarName(p.name, p.filters);
    references.push({ placeholder: p, variable });
    out += reference(variable, p.context);
  }
  return { script: out + script.slice(last), references };
});

export function renderShell(script: string, values: PlaceholderValues): RenderedShell {
  const template = templateOf(script);
  const base = baseEnv(values);
  // The plan's shared environment, copied only when a filtered variant adds a variable to it.
  let env = base;
  for (const { placeholder: p, variable } of template.references) {
    const value = placeholderValue(p, values);
    const problem = shellContextProblem(p, /^-?\d+$/.test(value));
    if (problem) {
      const hint = SHELL_CONTEXT_HINTS[p.arithmetic ? "arithmetic" : p.context];
      throw new PlaceholderError(p.name, `${problem}; ${hint}`);
    }
    if (variable in env && env[variable] !== value) {
      throw new PlaceholderError(
        p.name,
        `two placeholders map to ${variable} with different values; rename one`,
      );
    }
    if (!(variable in env)) env = { ...env, [variable]: value };
  }
  return { script: template.script, env };
}
