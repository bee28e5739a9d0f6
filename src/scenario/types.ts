// The document model: what a scenario markdown file means once parsed and validated.
// Every node carries the position it came from, so any later error can point at the source.
import { LAYOUT_PLACEHOLDERS } from "./layout.ts";

export interface SourcePosition {
  /** Path as given to the parser (relative to the catalog root when loaded through the catalog). */
  file: string;
  line: number;
  column: number;
}

export const OBJECT_TYPES = ["service", "cli", "database", "ui", "proxy", "infra"] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export const COMPLEXITIES = ["simple", "medium", "complex"] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

export const STEP_KINDS = ["automated", "manual", "validation", "checkpoint"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const DEPENDENCY_TYPES = ["required", "recommended", "optional"] as const;
export type DependencyType = (typeof DEPENDENCY_TYPES)[number];

export const PARAMETER_TYPES = ["string", "number", "boolean", "enum"] as const;
export type ParameterType = (typeof PARAMETER_TYPES)[number];

export const FILTERS = ["pascal", "camel", "snake", "kebab", "ident"] as const;
export type FilterName = (typeof FILTERS)[number];

export const BUILTINS = ["timestamp", "run_id", ...LAYOUT_PLACEHOLDERS] as const;
export type BuiltinName = (typeof BUILTINS)[number];

export interface Dependency {
  id: string;
  type: DependencyType;
  position: SourcePosition;
}

export type ParameterValue = string | number | boolean;

export interface ParameterDefinition {
  name: string;
  type: ParameterType;
  required: boolean;
  default?: ParameterValue;
  /** Allowed values, for `enum`. */
  values?: string[];
  /** Regular expression source a string must match (whole value). */
  pattern?: string;
  /** For numbers: the value; for strings: the length. */
  min?: number;
  max?: number;
  description: string;
  /** A value that satisfies every rule, shown in error messages. */
  example: string;
  position: SourcePosition;
}

/** A fenced code block: ```lang key=value flag ...``` */
export interface Block {
  lang: string;
  /** `file` when the info string has `file=...`, else `shell` for sh/bash/shell, else `other` (documentation only). */
  kind: "shell" | "file" | "other";
  /** Template path (may hold placeholders), for `file` blocks. Relative to the workspace. */
  path?: string;
  /** `append` meta: append to the file instead of replacing it. */
  append: boolean;
  /** `no-final-newline` meta: the file's text ends where the block does (a fenced block cannot say so). */
  noFinalNewline?: boolean;
  /** `check` meta: the block's exit status is a verdict (pre-conditions, post-validation). */
  check: boolean;
  /** `cwd=...` meta: working directory relative to the workspace (may hold placeholders). */
  cwd?: string;
  /** `timeout=90s` meta, in milliseconds. */
  timeoutMs?: number;
  /**
   * `established-by=<scenario id>` meta, on a pre-condition's check only: the required dependency whose
   * run makes it hold. When that dependency runs, the pre-condition is checked after it, not before any change.
   */
  establishedBy?: string;
  /** The raw text, placeholders not yet rendered. */
  content: string;
  position: SourcePosition;
}

export interface ChecklistItem {
  text: string;
  position: SourcePosition;
}

/** A pre-condition or a post-validation item. Without a check block it is informational. */
export interface Condition {
  text: string;
  check?: Block;
  position: SourcePosition;
}

export interface Step {
  /** 1-based, as numbered in the document. */
  number: number;
  name: string;
  kind: StepKind;
  description: string;
  blocks: Block[];
  /** Checklist items; the work of a manual step. */
  checklist: ChecklistItem[];
  /** From `[automated, timeout=120s]`; a block's own timeout wins. */
  timeoutMs?: number;
  position: SourcePosition;
}

export interface RollbackStep {
  number: number;
  name: string;
  description: string;
  blocks: Block[];
  position: SourcePosition;
}

/** What a scenario matches in a pull request, for `scenario suggestions`. */
export interface Trigger {
  /** Glob over changed file paths, e.g. `supabase/migrations/*.sql`. */
  files?: string;
  /** Regular expression (case-insensitive) over added lines of those files. */
  content?: string;
  /** Regular expression that, when it also matches the added lines, cancels the trigger. */
  unless?: string;
  /** Parameters to suggest, as `k=v` templates; `$1` etc. take capture groups of `content`. */
  params?: string;
  position: SourcePosition;
}

export interface ScenarioDefinition {
  id: string;
  /** From the `# Scenario: <title>` heading. */
  title: string;
  /** Paragraphs between the title and the first section. */
  description: string;
  objectType: ObjectType;
  complexity: Complexity;
  /** Automation readiness, 0-100. */
  automation: number;
  estimatedMinutes?: number;
  dependencies: Dependency[];
  parameters: ParameterDefinition[];
  /** Name of the parameter that names what the run changes (the lock target). Defaults to the first required parameter. */
  target?: string;
  preConditions: Condition[];
  steps: Step[];
  postValidation: Condition[];
  rollback: RollbackStep[];
  /** `## Health Check` section: a shell block run after success (service and proxy scenarios). */
  healthCheck?: Block;
  triggers: Trigger[];
  /** Runner variables the steps may read (`Env` in metadata), beyond the engine's safe base. */
  env?: string[];
  /** `##` sections the format does not know: documentation for people, kept as written, never run. */
  documentation?: DocumentationSection[];
  /** True for documents under `templates/`: parsed and validated, never runnable. */
  template: boolean;
  file: string;
  position: SourcePosition;
}

/** An extra `##` section (Design Guidelines, Common Issues...): shown by `scenario show`, never run. */
export interface DocumentationSection {
  title: string;
  /** The section's markdown as written, heading excluded. */
  text: string;
  position: SourcePosition;
}

/** One problem found in a document. Parsing collects all of them instead of stopping at the first. */
export interface DocumentProblem {
  position: SourcePosition;
  message: string;
  hint?: string;
}
