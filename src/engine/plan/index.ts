export { type BuildPlanOptions, buildPlan, type Catalog } from "./build-plan.ts";
export { formatPlan } from "./format-plan.ts";
export { parseParamArgs, validateParams } from "./params.ts";
export type * from "./plan.ts";
export { isRunId, newRunId } from "./run-id.ts";
export { findStepByNumber, type NumberedStep, stepNumber, stepProgress } from "./step-number.ts";
