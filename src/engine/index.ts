// The engine's public surface: plan, then run, resume or roll back through the four ports.

export type { RunHint } from "../errors/index.ts";
export * from "./errors.ts";
export * from "./plan/index.ts";
export type * from "./ports.ts";
export { RUN_STATUSES, STEP_STATUSES } from "./ports.ts";
export { type CancelOptions, cancelRun, type RunDriver } from "./run/cancel.ts";
export { ConditionFailedError } from "./run/conditions.ts";
export {
  allowedFrom,
  assertControl,
  type ControlEffect,
  type ControlRule,
  controlRule,
  RUN_CONTROL_TABLE,
  RUN_CONTROLS,
  type RunControl,
  refusalHint,
} from "./run/control.ts";
export { type ExecuteOptions, executeRun } from "./run/execute.ts";
export { explainingLines } from "./run/explain.ts";
export { EXECUTION_LOG } from "./run/integrations.ts";
export type { Integrations, RunOptions } from "./run/options.ts";
export { lockKey } from "./run/options.ts";
export { resumeRun } from "./run/resume.ts";
export { rollbackRun } from "./run/rollback.ts";
export type { LoadOptions } from "./run/stages/pick-up.ts";
