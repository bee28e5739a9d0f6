// The plan: everything a run will do, computed before anything is touched. Pure data, so a dry run
// prints exactly what a real run executes, and resume can rebuild it from the run's parameters.
import type { ObjectType, ParameterValue, SourcePosition, StepKind } from "../../scenario/types.ts";

/** A shell script ready to run: placeholders became quoted env references, values travel in `env`. */
export interface PlannedShell {
  type: "shell";
  script: string;
  env: Record<string, string>;
  /** Working directory relative to the workspace root (`.` for the root). */
  cwd: string;
  timeoutMs?: number;
  /** `file:line` of the block in its document. */
  where: string;
}

export interface PlannedFileWrite {
  type: "file";
  /** Normalised, workspace-relative. */
  path: string;
  content: string;
  append: boolean;
  where: string;
}

export type PlannedAction = PlannedShell | PlannedFileWrite;

export interface PlannedStep {
  /** 0-based position in the whole plan (dependencies first). */
  index: number;
  scenarioId: string;
  /** The step's number in its document. */
  number: number;
  name: string;
  kind: StepKind;
  description: string;
  actions: PlannedAction[];
  /** Rendered checklist items (manual steps). */
  checklist: string[];
  timeoutMs?: number;
  where: string;
}

export interface PlannedCondition {
  scenarioId: string;
  text: string;
  check?: PlannedShell;
  /** A pre-condition's `established-by`: the required dependency whose run makes it hold. */
  establishedBy?: string;
}

export interface PlannedRollbackStep {
  scenarioId: string;
  number: number;
  name: string;
  description: string;
  actions: PlannedShell[];
}

/** One scenario of the plan: the run's own or a required dependency. */
export interface PlannedScenario {
  scenarioId: string;
  title: string;
  objectType: ObjectType;
  params: Record<string, ParameterValue>;
  /** Plan indexes of this scenario's steps. */
  stepIndexes: number[];
  preConditions: PlannedCondition[];
  postValidation: PlannedCondition[];
  rollback: PlannedRollbackStep[];
  healthCheck?: PlannedShell;
  /** Runner variables the document lets its steps read (`Env`). */
  env?: string[];
}

export interface ManualItem {
  stepIndex: number;
  item: number;
  text: string;
}

export interface Plan {
  runId: string;
  /** The run's own scenario. */
  scenario: PlannedScenario;
  params: Record<string, ParameterValue>;
  /** Value of the target parameter: what the run changes (part of the lock key). */
  target: string;
  branch: string;
  /** Start of the run: `{timestamp}` and the resume rebuild both come from it. */
  startedAt: Date;
  timestamp: string;
  dependencies: {
    /** Required dependencies in run order; their steps come first in `steps`. */
    required: PlannedScenario[];
    recommended: string[];
  };
  steps: PlannedStep[];
  manual: ManualItem[];
  preConditions: PlannedCondition[];
  postValidation: PlannedCondition[];
  rollback: PlannedRollbackStep[];
  healthCheck?: PlannedShell;
}

export function whereOf(position: SourcePosition): string {
  return `${position.file}:${position.line}`;
}
