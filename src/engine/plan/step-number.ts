// The one number people see for a step: its number in its document (what `scenario show` lists),
// after its scenario's id when the step belongs to a required dependency ("create-database-table 1").
// The plan index (0-based, dependencies first) stays internal: store keys, task markers and the
// `Scenario-Step` trailer, which existing run branches already carry.

export interface NumberedStep {
  scenarioId: string;
  /** The step's number in its document. */
  number: number;
}

/** "3", or "create-database-table 1" for a step of a required dependency. */
export function stepNumber(step: NumberedStep, runScenarioId: string): string {
  return step.scenarioId === runScenarioId ? String(step.number) : `${step.scenarioId} ${step.number}`;
}

/** "3/4" (the step's number of its scenario's steps), after the dependency's id for its steps. */
export function stepProgress(step: NumberedStep, of: number | undefined, runScenarioId: string): string {
  const n = of === undefined ? String(step.number) : `${step.number}/${of}`;
  return step.scenarioId === runScenarioId ? n : `${step.scenarioId} ${n}`;
}

/**
 * The step a person named: "3" (the run's own scenario), or "create-database-table 1" /
 * "create-database-table:1" / "create-database-table#1" (a dependency's).
 */
export function findStepByNumber<T extends NumberedStep>(
  steps: readonly T[],
  text: string,
  runScenarioId: string,
): T | undefined {
  const match = /^\s*(?:([a-z0-9][a-z0-9-]*)\s*[ :#/]\s*)?(\d+)\s*$/i.exec(text);
  if (!match) return undefined;
  const scenarioId = match[1] ?? runScenarioId;
  const number = Number(match[2]);
  return steps.find((s) => s.scenarioId === scenarioId && s.number === number);
}
