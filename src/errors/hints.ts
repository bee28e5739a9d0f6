// What a person can do next, as data. The engine, the store and the parser say *what* to do; each
// front door says *how* in its own words: `scenario rollback <run>` in a terminal, `/scenario rollback
// <run>` in a comment, `command: rollback` with `run-id` in a workflow file.

export type RunAction = "status" | "resume" | "rollback" | "cancel" | "logs" | "tick";

export type Setting =
  /** The branch a run starts from. */
  | "base"
  /** The repository to work on. */
  | "repo"
  /** The folder of scenario documents. */
  | "scenarios"
  /** The PostgreSQL connection string. */
  | "database"
  /** The folder of SQL migrations `scratch-db` applies. */
  | "migrations";

/** What to do with a run: the hints the engine gives (see src/engine/run/control.ts). */
export type RunHint =
  /**
   * Act on a run: see it, resume it, roll it back, cancel it, read a step's stored output (`step`
   * optional), tick a manual step's checklist (`step` as people number it).
   */
  | { do: "run"; action: RunAction; runId: string; step?: string }
  /** Start a new run of the scenario. */
  | { do: "start"; scenarioId: string }
  /** Queue behind the run holding the target instead of being refused. */
  | { do: "wait"; holder?: string };

export type Hint =
  | RunHint
  /** List the runs of this repository. */
  | { do: "list-runs" }
  /** List the scenarios. */
  | { do: "list-scenarios" }
  /** Show a scenario's parameters and steps. */
  | { do: "show-scenario"; scenarioId: string }
  /** Check the scenario documents and see every problem. */
  | { do: "validate" }
  /** Apply the store's migrations. */
  | { do: "migrate" }
  /** Give or change a setting (a flag, an input, a config key). */
  | { do: "set"; setting: Setting; example?: string }
  /** Advice that reads the same everywhere (fix a file, start a server...). */
  | { do: "say"; text: string };

/** The hints of an error in a front door's words, one sentence each, after the message. */
export function withHints(message: string, hints: readonly Hint[], render: (hint: Hint) => string): string {
  const sentences = hints.map(render).filter(Boolean);
  if (sentences.length === 0) return message;
  const text = message.trimEnd();
  // A message that lists things (one per line) gets its advice on a line of its own.
  if (text.includes("\n")) return `${text}\n${sentences.join(" ")}`;
  return `${/[.:!?]$/.test(text) ? text : `${text}.`} ${sentences.join(" ")}`;
}
