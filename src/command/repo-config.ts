// `.github/scenarios.yml`: where a repository keeps its scenarios and who may run them. The App reads
// it with probot's `context.config` (which also looks in the owner's `.github` repository), the Action
// from its checkout; both validate it here.
import * as z from "zod";
import { DEFAULT_LAYOUT, EXPORT_STYLES, type Layout, PACKAGE_MANAGERS } from "../scenario/layout.ts";
import { stepEnvNameProblem } from "../scenario/step-env-names.ts";
import { OBJECT_TYPES } from "../scenario/types.ts";
import { DEFAULT_POLICY, ROLES } from "./permission.ts";
import { CONFIG_PATH, DEFAULT_CONFIG, type RepoConfig } from "./repo-config-defaults.ts";

export { CONFIG_FILE, CONFIG_PATH, DEFAULT_CONFIG, type RepoConfig } from "./repo-config-defaults.ts";

const role = z.enum(ROLES);
const relativeDir = z
  .string()
  .min(1)
  .refine(
    (p) => !p.startsWith("/") && !p.split("/").includes(".."),
    "must be a folder inside the repository",
  );

const relativeFile = relativeDir.refine((p) => !p.endsWith("/"), "must be a file inside the repository");

const layoutSchema = z.strictObject({
  package_manager: z.enum(PACKAGE_MANAGERS).optional(),
  scope: z
    .string()
    .regex(/^(@[a-z0-9][a-z0-9._~-]*)?$/, "must be a package scope such as @acme, or empty for none")
    .optional(),
  services: relativeDir.optional(),
  services_index: relativeFile.optional(),
  export_style: z.enum(EXPORT_STYLES).optional(),
  pipelines: relativeDir.optional(),
  migrations: relativeDir.optional(),
  apps: relativeDir.optional(),
  routes: relativeFile.optional(),
  components: relativeDir.optional(),
  users_table: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/, "must be schema.table, such as auth.users")
    .optional(),
});

const schema = z.strictObject({
  scenarios: relativeDir.optional(),
  permissions: z
    .strictObject({
      minimum: role.optional(),
      object_types: z.partialRecord(z.enum(OBJECT_TYPES), role).optional(),
      scenarios: z
        .record(z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, "must be a scenario id"), role)
        .optional(),
    })
    .optional(),
  branch_prefix: z
    .string()
    .regex(/^[A-Za-z0-9._/-]*$/, "may hold letters, digits, '.', '_', '-' and '/' only")
    .optional(),
  workflow: z
    .string()
    .regex(/^[A-Za-z0-9._-]+\.ya?ml$/, "must be a workflow file name such as scenario.yml")
    .optional(),
  integrations: z
    .strictObject({
      execution_log: z.boolean().optional(),
      health_check: z.boolean().optional(),
      dev_task: z.boolean().optional(),
    })
    .optional(),
  env: z
    .array(
      z.string().superRefine((name, ctx) => {
        const problem = stepEnvNameProblem(name);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    )
    .optional(),
  layout: layoutSchema.optional(),
  dependencies: z.enum(["link", "none"]).optional(),
});

export class RepoConfigError extends Error {
  override readonly name = "RepoConfigError";
  readonly file = CONFIG_PATH;
  readonly problems: string[];
  constructor(problems: string[]) {
    super(
      `${CONFIG_PATH} is not valid:\n${problems.map((p) => `- ${p}`).join("\n")}\n` +
        "Fix the file on the default branch; until then commands in this repository are refused.",
    );
    this.problems = problems;
  }
}

/** Validates what `context.config` read (null when there is no file) and fills in the defaults. */
export function parseRepoConfig(raw: unknown): RepoConfig {
  if (raw === null || raw === undefined) return DEFAULT_CONFIG;
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new RepoConfigError(
      result.error.issues.map((i) => `\`${i.path.join(".") || "(top level)"}\`: ${i.message}`),
    );
  }
  const c = result.data;
  return {
    scenariosDir: (c.scenarios ?? DEFAULT_CONFIG.scenariosDir).replace(/\/+$/, ""),
    policy: {
      minimum: c.permissions?.minimum ?? DEFAULT_POLICY.minimum,
      objectTypes: c.permissions?.object_types ?? {},
      scenarios: c.permissions?.scenarios ?? {},
    },
    branchPrefix: c.branch_prefix ?? DEFAULT_CONFIG.branchPrefix,
    workflow: c.workflow ?? DEFAULT_CONFIG.workflow,
    integrations: {
      executionLog: c.integrations?.execution_log ?? true,
      healthCheck: c.integrations?.health_check ?? true,
      devTask: c.integrations?.dev_task ?? true,
    },
    env: c.env ?? [],
    layoutSettings: withoutTrailingSlash(c.layout ?? {}),
    layout: { ...DEFAULT_LAYOUT, ...withoutTrailingSlash(c.layout ?? {}) },
    dependencies: c.dependencies ?? "link",
  };
}

function withoutTrailingSlash(settings: Partial<Layout>): Partial<Layout> {
  return Object.fromEntries(
    Object.entries(settings).map(([k, v]) => [k, typeof v === "string" ? v.replace(/\/+$/, "") : v]),
  ) as Partial<Layout>;
}
