// What `.github/scenarios.yml` configures and its defaults, apart from the schema that validates the
// file (repo-config.ts, which loads zod): a repository without the file never loads it.
import { DEFAULT_LAYOUT, type Layout } from "../scenario/layout.ts";
import { DEFAULT_POLICY, type PermissionPolicy } from "./permission.ts";

export const CONFIG_FILE = "scenarios.yml";
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;

export interface RepoConfig {
  /** Folder of the repository's scenario documents. */
  scenariosDir: string;
  policy: PermissionPolicy;
  /** Run branches are `<prefix><scenario>/<run>`. */
  branchPrefix: string;
  /** Workflow file dispatched for runs, under `.github/workflows/`. */
  workflow: string;
  /** Which after-success integrations the Action's runs do (execution log, health check, dev task). */
  integrations: { executionLog: boolean; healthCheck: boolean; devTask: boolean };
  /** Runner variables every step may read, beyond the engine's safe base (`env:`). */
  env: string[];
  /** What `layout:` sets; the rest is detected from the repository (application/repository/layout.ts). */
  layoutSettings: Partial<Layout>;
  /** The layout runs are planned with: the settings over the detected values (over DEFAULT_LAYOUT). */
  layout: Layout;
  /** `link`: a run's worktree gets the checkout's installed `node_modules` folders; `none`: nothing. */
  dependencies: "link" | "none";
}

export const DEFAULT_CONFIG: RepoConfig = {
  scenariosDir: "scenarios",
  policy: DEFAULT_POLICY,
  branchPrefix: "scenario/",
  workflow: "scenario.yml",
  integrations: { executionLog: true, healthCheck: true, devTask: true },
  env: [],
  layoutSettings: {},
  layout: { ...DEFAULT_LAYOUT },
  dependencies: "link",
};
