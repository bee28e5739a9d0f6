// What `scenario test` found, phase by phase: the run (every step to its end, manual steps treated as
// ticked), its post-validation, the rollback steps, and whether they left the tree exactly at the base
// commit. Data only: each front door words it (the CLI as text or JSON, the PR check as markdown).
import type { Plan } from "../../engine/plan/plan.ts";
import { stepNumber } from "../../engine/plan/step-number.ts";
import type {
  ConditionEvent,
  RollbackActionOutcome,
  RunRecord,
  RunStatus,
  StepRecord,
} from "../../engine/ports.ts";
import type { ParameterValue } from "../../scenario/types.ts";
import type { TickedStep } from "./ticked-tasks.ts";

/** `skipped`: not reached, because an earlier phase failed. */
export type PhaseStatus = "passed" | "failed" | "skipped";

export interface SelfTestReport {
  scenarioId: string;
  params: Record<string, ParameterValue>;
  runId: string;
  baseSha: string;
  passed: boolean;
  run: {
    status: PhaseStatus;
    /** The run's status before the test rolled it back. */
    runStatus: RunStatus;
    steps: {
      step: string;
      name: string;
      kind: string;
      status: string;
      error?: string;
      outputTail?: string;
    }[];
    /** Manual steps treated as ticked. */
    ticked: TickedStep[];
    /** What the run could not check, for a person to confirm (the items of its dev task). */
    leftManual: string[];
    error?: string;
  };
  postValidation: {
    status: PhaseStatus;
    checks: ConditionEvent[];
    /** Items without a check: nobody verified them. */
    unchecked: string[];
  };
  rollback: { status: PhaseStatus; actions: RollbackActionOutcome[] };
  tree: {
    status: PhaseStatus;
    /** Paths the rollback steps left differing from the base: `M\tpath`, `A\tpath`, `D\tpath`, `?\tpath` (untracked). */
    differences: string[];
    /** The run branch was reset to the base commit. */
    branchAtBase: boolean;
  };
}

export interface Observed {
  plan: Pick<Plan, "postValidation">;
  /** The record when the run itself ended (succeeded, waiting, or rolled back by a failure). */
  ended: RunRecord;
  /** The record after the test's rollback (the same as `ended` when the failure rolled it back). */
  final: RunRecord;
  steps: StepRecord[];
  conditions: ConditionEvent[];
  rollback: { actions: RollbackActionOutcome[]; leftBehind?: string[] } | undefined;
  ticked: TickedStep[];
  leftManual: string[];
}

/** The phases from what the engine reported; every phase that was reached must pass. */
export function assess(o: Observed): SelfTestReport {
  const runId = o.ended.id;
  const ran = o.steps.every((s) => s.status === "succeeded" || s.status === "skipped");
  const failedPost = o.conditions.find((c) => c.phase === "post-validation" && !c.holds);
  const runStatus: PhaseStatus = ran && (o.ended.status === "succeeded" || failedPost) ? "passed" : "failed";
  const postStatus: PhaseStatus =
    o.ended.status === "succeeded" ? "passed" : failedPost && ran ? "failed" : "skipped";
  const actions = o.rollback?.actions ?? [];
  const rollbackStatus: PhaseStatus = !o.rollback
    ? "failed"
    : actions.every((a) => a.ok)
      ? "passed"
      : "failed";
  const differences = o.rollback?.leftBehind ?? [];
  const branchAtBase = Boolean(o.final.baseSha) && o.final.headSha === o.final.baseSha;
  const treeStatus: PhaseStatus =
    o.rollback?.leftBehind && differences.length === 0 && branchAtBase ? "passed" : "failed";
  return {
    scenarioId: o.ended.scenarioId,
    params: o.ended.params,
    runId,
    baseSha: o.final.baseSha ?? "",
    passed: [runStatus, postStatus, rollbackStatus, treeStatus].every((s) => s === "passed"),
    run: {
      status: runStatus,
      runStatus: o.ended.status,
      steps: o.steps.map((s) => ({
        step: stepNumber(s, o.ended.scenarioId),
        name: s.name,
        kind: s.kind,
        status: s.status,
        ...(s.error ? { error: s.error } : {}),
        ...(s.status === "failed" && s.outputTail ? { outputTail: s.outputTail } : {}),
      })),
      ticked: o.ticked,
      leftManual: o.leftManual,
      ...(o.ended.error ? { error: o.ended.error } : {}),
    },
    postValidation: {
      status: postStatus,
      checks: o.conditions.filter((c) => c.phase === "post-validation"),
      unchecked: o.plan.postValidation.filter((c) => !c.check).map((c) => c.text),
    },
    rollback: { status: rollbackStatus, actions },
    tree: { status: treeStatus, differences, branchAtBase },
  };
}
