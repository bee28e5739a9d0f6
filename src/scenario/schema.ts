// The zod schema a parsed document must satisfy. Messages carry their hint after a newline
// (`message\nhint`); parse.ts splits them and points each issue at the source of its field.
import * as z from "zod";
import { globProblem } from "./linear-glob.ts";
import { linearRegexProblem, TRIGGER_REGEX } from "./linear-regex.ts";
import { checkParameterValue, deriveExample } from "./parameter-values.ts";
import { stepEnvNameProblem } from "./step-env-names.ts";
import { TRIGGER_PARAMS_SHAPE, triggerParamsProblem } from "./trigger-params.ts";
import {
  COMPLEXITIES,
  DEPENDENCY_TYPES,
  OBJECT_TYPES,
  PARAMETER_TYPES,
  type ParameterDefinition,
  type ScenarioDefinition,
  type SourcePosition,
  STEP_KINDS,
} from "./types.ts";

export const SCENARIO_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const PARAMETER_NAME = /^[a-z][a-z0-9_]*$/;

const hinted = (message: string, hint: string) => `${message}\n${hint}`;

function oneOf<T extends readonly [string, ...string[]]>(values: T, what: string, key: string) {
  return z.enum(values, {
    error: (iss) =>
      iss.input === undefined
        ? hinted(`missing **${key}** in ## Metadata`, `add - **${key}**: ${values[0]}`)
        : hinted(
            `unknown ${what} "${String(iss.input)}"; expected one of ${values.join(", ")}`,
            `write one of ${values.join(", ")}`,
          ),
  });
}

// Positions are made by the parser itself (SourceText), never read from the document: checked for
// their shape only, and kept as they are. Walking and copying them was a third of zod's time.
const position = z.custom<SourcePosition>(
  (p) => typeof p === "object" && p !== null && typeof (p as SourcePosition).line === "number",
);

const block = z.object({
  lang: z.string(),
  kind: z.enum(["shell", "file", "other"]),
  path: z.string().optional(),
  append: z.boolean(),
  noFinalNewline: z.boolean().optional(),
  check: z.boolean(),
  cwd: z.string().optional(),
  timeoutMs: z.number().int().positive().optional(),
  establishedBy: z.string().optional(),
  content: z.string(),
  position,
});

const dependency = z.object({
  id: z.string().regex(SCENARIO_ID, {
    error: (iss) =>
      hinted(
        `dependency "${String(iss.input)}" is not a scenario id`,
        "ids are kebab-case, e.g. `create-database-table`",
      ),
  }),
  type: z.enum(DEPENDENCY_TYPES, {
    error: (iss) =>
      hinted(
        `unknown dependency type "${String(iss.input)}"; expected one of ${DEPENDENCY_TYPES.join(", ")}`,
        "write `id` (required)",
      ),
  }),
  position,
});

const parameter = z
  .object({
    name: z.string().regex(PARAMETER_NAME, {
      error: (iss) =>
        hinted(
          `parameter name "${String(iss.input)}" is not snake_case`,
          "use lowercase letters, digits and _, starting with a letter",
        ),
    }),
    type: z.enum(PARAMETER_TYPES),
    required: z.boolean(),
    default: z.string().optional(),
    values: z.array(z.string()).optional(),
    pattern: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    description: z.string(),
    example: z.string().optional(),
    position,
  })
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string, hint: string) =>
      ctx.addIssue({ code: "custom", path: [path], message: hinted(message, hint) });
    if (p.type === "enum" && (p.values?.length ?? 0) < 2) {
      issue(
        "type",
        `enum parameter \`${p.name}\` lists no values`,
        "write the values in the description: 'a' | 'b'",
      );
    }
    if (p.type !== "enum" && p.type !== "string" && p.values) {
      issue(
        "type",
        `parameter \`${p.name}\` lists values 'a' | 'b' but is a ${p.type}`,
        "drop the type to make it an enum",
      );
    }
    if (p.pattern !== undefined) {
      const bad = linearRegexProblem(p.pattern);
      if (bad)
        issue(
          "pattern",
          `pattern of \`${p.name}\` is not a valid regular expression: ${bad}`,
          "fix the regex",
        );
      if (p.type !== "string")
        issue(
          "pattern",
          `pattern only applies to string parameters; \`${p.name}\` is a ${p.type}`,
          "drop the pattern",
        );
    }
    if (p.min !== undefined && p.max !== undefined && p.min > p.max) {
      issue("min", `min ${p.min} of \`${p.name}\` is above its max ${p.max}`, "swap them");
    }
    if (p.required && p.default !== undefined) {
      issue(
        "default",
        `required parameter \`${p.name}\` has a default`,
        "make it (optional), or drop the default",
      );
    }
    if (ctx.issues.length) return;
    for (const key of ["default", "example"] as const) {
      const value = p[key];
      if (value === undefined) continue;
      const check = checkParameterValue(p as ParameterDefinition, value);
      if (!check.ok)
        issue(
          key,
          `${key} "${value}" of \`${p.name}\` ${check.reason}`,
          `give a ${key} that satisfies the parameter's rules`,
        );
    }
  })
  .transform((p): ParameterDefinition => {
    const { default: raw, example, ...rest } = p;
    const defaultValue = raw === undefined ? undefined : checkParameterValue(p as ParameterDefinition, raw);
    const out: ParameterDefinition = {
      ...rest,
      example: example ?? deriveExample(p as ParameterDefinition, p.name, raw) ?? `<${p.name}>`,
    };
    if (defaultValue?.ok) out.default = defaultValue.value;
    return out;
  });

const step = z
  .object({
    number: z.number().int(),
    name: z.string().min(1, { error: "a step needs a name\nwrite 1. **What it does** [automated]" }),
    kind: z.enum(STEP_KINDS, {
      error: (iss) =>
        hinted(
          `unknown step kind "[${String(iss.input)}]"; expected one of ${STEP_KINDS.join(", ")}`,
          "a step's kind says how it runs",
        ),
    }),
    description: z.string(),
    blocks: z.array(block),
    checklist: z.array(z.object({ text: z.string(), position })),
    timeoutMs: z.number().int().positive().optional(),
    position,
  })
  .superRefine((s, ctx) => {
    const shells = s.blocks.filter((b) => b.kind === "shell").length;
    const files = s.blocks.filter((b) => b.kind === "file").length;
    const fail = (message: string, hint: string) =>
      ctx.addIssue({ code: "custom", path: [], message: hinted(message, hint) });
    if (s.kind === "automated" && shells + files === 0) {
      fail(
        `automated step "${s.name}" has no shell or file block`,
        "add a ```bash block or a ```lang file=path block, or make it [manual]",
      );
    }
    if (s.kind === "validation" && shells === 0) {
      fail(
        `validation step "${s.name}" has no shell block`,
        "add a ```bash block whose exit status is the verdict",
      );
    }
    if (s.kind === "validation" && files > 0) {
      fail(`validation step "${s.name}" writes a file`, "move the file= block to an [automated] step");
    }
    if (s.kind === "manual" && s.checklist.length === 0) {
      fail(`manual step "${s.name}" has no checklist`, "add items such as - [ ] What the person must do");
    }
    if ((s.kind === "manual" || s.kind === "checkpoint") && shells + files > 0) {
      fail(
        `${s.kind} step "${s.name}" holds shell or file blocks, which would never run`,
        "make it [automated], or use a non-shell language for examples",
      );
    }
  });

const condition = z.object({ text: z.string(), check: block.optional(), position });

const rollbackStep = z.object({
  number: z.number().int(),
  name: z.string(),
  description: z.string(),
  blocks: z.array(block),
  position,
});

const trigger = z
  .object({
    files: z.string().optional(),
    content: z.string().optional(),
    unless: z.string().optional(),
    params: z.string().optional(),
    position,
  })
  .superRefine((t, ctx) => {
    const fail = (message: string, hint: string) =>
      ctx.addIssue({ code: "custom", path: [], message: hinted(message, hint) });
    if (!t.files) fail("a trigger needs files `glob`", "write files `supabase/migrations/*.sql` ...");
    const badGlob = t.files ? globProblem(t.files) : undefined;
    if (badGlob)
      fail(`trigger files \`${t.files}\` is not a usable glob: ${badGlob}`, "use *, **, ?, [abc] and {a,b}");
    for (const key of ["content", "unless"] as const) {
      const bad = t[key] === undefined ? undefined : linearRegexProblem(t[key], TRIGGER_REGEX);
      if (bad) fail(`trigger ${key} is not a valid regular expression: ${bad}`, "fix the regex");
    }
    if (t.params && !TRIGGER_PARAMS_SHAPE.test(t.params)) {
      fail(`trigger params "${t.params}" are not k=v pairs`, "write params `table=$1,mode=owner`");
    }
  });

const nonEmpty = (section: string, example: string) => ({
  error: hinted(`## ${section} lists nothing`, `add at least one item: ${example}`),
});

export const scenarioSchema = z
  .object({
    id: z
      .string({ error: hinted("missing **ID** in ## Metadata", "add - **ID**: `my-scenario`") })
      .regex(SCENARIO_ID, {
        error: (iss) =>
          hinted(
            `scenario id "${String(iss.input)}" is not kebab-case`,
            "use lowercase words joined by -, e.g. `add-rls-policies`",
          ),
      }),
    title: z.string().min(1, { error: "the title is empty\nwrite # Scenario: What it does" }),
    description: z.string(),
    objectType: oneOf(OBJECT_TYPES, "object type", "Object Type"),
    complexity: oneOf(COMPLEXITIES, "complexity", "Complexity"),
    automation: z
      .number({
        error: (iss) =>
          iss.input === undefined
            ? hinted("missing **Automation** in ## Metadata", "add - **Automation**: 50%")
            : hinted(
                `automation "${String(iss.input)}" is not a percentage`,
                "write a whole number from 0% to 100%",
              ),
      })
      .int()
      .min(0, { error: "automation is below 0%\nwrite a whole number from 0% to 100%" })
      .max(100, { error: "automation is above 100%\nwrite a whole number from 0% to 100%" }),
    estimatedMinutes: z
      .number({
        error: (iss) =>
          hinted(
            `estimated duration "${String(iss.input)}" is not a duration`,
            "write e.g. 10 minutes or 1 hour",
          ),
      })
      .int()
      .positive()
      .optional(),
    dependencies: z.array(dependency, {
      error: hinted(
        "missing **Dependencies** in ## Metadata",
        "add - **Dependencies**: none (or `id` (required), ...)",
      ),
    }),
    parameters: z.array(parameter),
    target: z.string().optional(),
    preConditions: z.array(condition),
    steps: z.array(step).min(1, nonEmpty("Steps", "1. **What it does** [automated]")),
    postValidation: z.array(condition).min(1, nonEmpty("Post-Validation", "1. [ ] What must hold")),
    rollback: z.array(rollbackStep).min(1, nonEmpty("Rollback", "1. **Undo it** with a ```bash block")),
    healthCheck: block.optional(),
    triggers: z.array(trigger),
    documentation: z.array(z.object({ title: z.string(), text: z.string(), position })).optional(),
    env: z
      .array(
        z.string().superRefine((name, ctx) => {
          const problem = stepEnvNameProblem(name);
          if (problem)
            ctx.addIssue({
              code: "custom",
              message: hinted(problem, "name the variables a step reads: `Env`: `SENTRY_DSN`, `NODE_ENV`"),
            });
        }),
      )
      .optional(),
    template: z.boolean(),
    file: z.string(),
    position,
  })
  .superRefine((d, ctx) => {
    const names = new Set<string>();
    d.parameters.forEach((p, i) => {
      if (names.has(p.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["parameters", i, "name"],
          message: hinted(`parameter \`${p.name}\` is declared twice`, "rename or remove one"),
        });
      }
      names.add(p.name);
    });
    if (d.target !== undefined && !names.has(d.target)) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: hinted(
          `target "${d.target}" is not a parameter`,
          `name one of: ${[...names].join(", ") || "(no parameters)"}`,
        ),
      });
    }
    const deps = new Set<string>();
    d.dependencies.forEach((dep, i) => {
      if (dep.id === d.id) {
        ctx.addIssue({
          code: "custom",
          path: ["dependencies", i],
          message: hinted(`scenario "${d.id}" depends on itself`, "remove it from **Dependencies**"),
        });
      } else if (deps.has(dep.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["dependencies", i],
          message: hinted(`dependency "${dep.id}" is listed twice`, "keep one"),
        });
      }
      deps.add(dep.id);
    });
    d.triggers.forEach((t, i) => {
      const problem =
        t.params && TRIGGER_PARAMS_SHAPE.test(t.params)
          ? triggerParamsProblem(t.params, [...names])
          : undefined;
      if (problem) {
        ctx.addIssue({
          code: "custom",
          path: ["triggers", i],
          message: hinted(
            problem,
            "write params `table=$1,script=$file` with this scenario's parameter names",
          ),
        });
      }
    });
    if (d.healthCheck && d.healthCheck.kind !== "shell") {
      ctx.addIssue({
        code: "custom",
        path: ["healthCheck"],
        message: hinted("the health check must be a shell block", "write it as a ```bash block"),
      });
    }
  })
  .transform((d): ScenarioDefinition => {
    const target = d.target ?? d.parameters.find((p) => p.required)?.name;
    const { target: _, ...rest } = d;
    return target === undefined ? rest : { ...rest, target };
  });
