// What a person can do next, as data. The engine says which action helps; each front door words it
// in its own terms (the CLI as a command with the flags it was given, the App as a `/scenario`
// comment, the Action as its inputs), so no CLI advice reaches a GitHub reply.

export type RunHint =
  /** Continue the run (e.g. once its manual step is ticked). */
  | { action: "resume"; runId: string }
  /** Undo the run: its rollback steps, then its branch back to the base. */
  | { action: "rollback"; runId: string }
  /** Stop the run and undo what it did. */
  | { action: "cancel"; runId: string }
  /** Look at the run: its steps and where it is. */
  | { action: "status"; runId: string }
  /** Read a step's stored output. */
  | { action: "logs"; runId: string; step?: string }
  /** Mark a manual step's checklist done (`step` as people number it, see stepNumber). */
  | { action: "tick"; runId: string; step: string }
  /** Start a new run of the scenario. */
  | { action: "start"; scenarioId: string }
  /** Ask again and queue behind the run that holds the target. */
  | { action: "wait"; holder: string };

export type RunHintAction = RunHint["action"];
