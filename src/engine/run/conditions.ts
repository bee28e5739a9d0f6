// Scenario-level checks: pre-conditions (before a scenario's steps; every one that can be is checked
// before the run's first change) and post-validation (after its steps; for a required dependency,
// before them too, to skip it when it already holds). A failing check names itself, its place and
// the line of its output that says why.
import { RunCancelledError } from "../errors.ts";
import type { PlannedCondition, PlannedScenario, PlannedShell } from "../plan/plan.ts";
import type { Reporter } from "../ports.ts";
import type { BlockRunner } from "./blocks.ts";
import { tail } from "./env.ts";
import { failureExcerpt, failureHeadline } from "./explain.ts";

export type ConditionPhase = "pre-condition" | "post-validation";

/** A scenario-level condition failed (pre-condition or post-validation): no step to blame. */
export class ConditionFailedError extends Error {
  override name = "ConditionFailedError";
  readonly scenarioId: string;
  readonly phase: ConditionPhase;
  /** 1-based, as the document lists it. */
  readonly number: number;
  readonly outputTail: string;
  constructor(
    scenarioId: string,
    phase: ConditionPhase,
    number: number,
    condition: PlannedCondition,
    outcome: { output: string; stderr: string },
    options: { beforeAnyChange?: boolean; notSkipped?: NotSkipped; ranBefore?: ReadonlySet<string> } = {},
  ) {
    const where = [condition.check?.where, options.beforeAnyChange ? "checked before any change" : ""]
      .filter(Boolean)
      .join(", ");
    const headline = failureHeadline(outcome.stderr, outcome.output);
    // A required dependency's own pre-condition: say why it was not skipped, or the refusal reads as if
    // the run's own scenario had asked for something that already exists.
    const by = condition.establishedBy;
    const because = options.notSkipped
      ? `. It runs as a dependency that ${options.notSkipped.requiredBy} requires, not skipped since ${options.notSkipped.why}`
      : by && options.ranBefore?.has(by)
        ? `, although ${by} has run, which its established-by says makes it hold. Fix ${scenarioId}'s document: that check, or its established-by=${by}`
        : "";
    super(
      `${scenarioId}: ${phase} ${number} "${condition.text}" does not hold${where ? ` (${where})` : ""}${headline ? `: ${headline}` : ""}${because}`,
    );
    this.scenarioId = scenarioId;
    this.phase = phase;
    this.number = number;
    this.outputTail = tail(outcome.output);
  }
}

/** What checking conditions needs: something to run the checks, and somewhere to say what held. */
export interface Checker {
  blocks: BlockRunner;
  reporter: Reporter;
}

/**
 * Runs the checked conditions in order; the first that fails throws ConditionFailedError. `defer`
 * names why a condition is checked elsewhere (then it is left out here).
 */
export async function checkConditions(
  { blocks, reporter }: Checker,
  scenario: PlannedScenario,
  phase: ConditionPhase,
  options: {
    defer?: (condition: PlannedCondition) => string | undefined;
    beforeAnyChange?: boolean;
    /** For a required dependency that runs: why it was not skipped (said if a pre-condition refuses). */
    notSkipped?: NotSkipped;
    /** Scenarios of the run that have run before this one (a pre-condition they establish is checked now). */
    ranBefore?: ReadonlySet<string>;
  } = {},
): Promise<void> {
  const conditions = phase === "pre-condition" ? scenario.preConditions : scenario.postValidation;
  for (const [i, condition] of conditions.entries()) {
    if (!condition.check) continue;
    const deferred = options.defer?.(condition);
    if (deferred) {
      reporter.log(`${scenario.scenarioId}: ${phase} ${i + 1} "${condition.text}" ${deferred}`);
      continue;
    }
    const outcome = await blocks.shell(condition.check);
    if (outcome.result.cancelled)
      throw new RunCancelledError(`cancelled during ${phase} "${condition.text}"`);
    reporter.conditionChecked?.({
      scenarioId: scenario.scenarioId,
      phase,
      number: i + 1,
      text: condition.text,
      holds: outcome.ok,
      where: condition.check.where,
    });
    if (!outcome.ok) {
      const error = new ConditionFailedError(scenario.scenarioId, phase, i + 1, condition, outcome, options);
      logExcerpt(reporter, error.outputTail, failureHeadline(outcome.stderr, outcome.output));
      throw error;
    }
    reporter.log(`${scenario.scenarioId}: ${phase} holds: ${condition.text}`);
  }
}

/** Skipped (its post-validation already holds), or why it runs. */
export type DependencyVerdict = { holds: true } | { holds: false; why: string };

/** A required dependency that runs: which scenario requires it, and why its post-validation did not let it be skipped. */
export interface NotSkipped {
  requiredBy: string;
  why: string;
}

/**
 * Does a required dependency's post-validation already hold (then it is skipped)? When it does not,
 * says which check did not hold and what it printed, and returns that reason.
 */
export async function dependencyHolds(
  { blocks, reporter }: Checker,
  scenario: PlannedScenario,
): Promise<DependencyVerdict> {
  const checks = scenario.postValidation.filter((c) => c.check);
  if (!checks.length) {
    const why = "it has no checked post-validation that could show it already holds";
    reporter.log(`${scenario.scenarioId}: runs: ${why}`);
    return { holds: false, why };
  }
  for (const [i, condition] of scenario.postValidation.entries()) {
    if (!condition.check) continue;
    const outcome = await blocks.shell(condition.check);
    if (outcome.result.cancelled)
      throw new RunCancelledError(`cancelled during post-validation "${condition.text}"`);
    if (!outcome.ok) {
      reporter.log(
        `${scenario.scenarioId}: runs: its post-validation "${condition.text}" does not hold yet (${condition.check.where}, exit ${outcome.result.exitCode ?? outcome.result.signal})`,
      );
      logExcerpt(reporter, tail(outcome.output), failureHeadline(outcome.stderr, outcome.output));
      const headline = failureHeadline(outcome.stderr, outcome.output);
      return {
        holds: false,
        why: `its post-validation ${i + 1} "${condition.text}" does not hold (${condition.check.where})${headline ? `: ${headline}` : ""}`,
      };
    }
  }
  return { holds: true };
}

/** Two checks that run the same script with the same values (a pre-condition a dependency establishes). */
export function sameCheck(a: PlannedShell | undefined, b: PlannedShell | undefined): boolean {
  if (!a || !b || a.script !== b.script || a.cwd !== b.cwd) return false;
  return Object.keys({ ...a.env, ...b.env })
    .filter((name) => a.script.includes(name))
    .every((name) => a.env[name] === b.env[name]);
}

function logExcerpt(reporter: Reporter, output: string, headline: string | undefined): void {
  const lines = failureExcerpt(output, headline).filter((l) => l.trim());
  if (lines.length) reporter.log(`    ${lines.join("\n    ")}`);
}
