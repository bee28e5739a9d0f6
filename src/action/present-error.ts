// How the Action shows an error on a failed job step: an expected one (the error family) as its
// message and its hints in workflow words (inputs, the workflow's own commands); a GitHub answer as
// the request it refused; anything else is a bug, with its stack in the log.
import { type Hint, isExpected, withHints } from "../errors/index.ts";

export function actionHint(hint: Hint): string {
  switch (hint.do) {
    case "run":
      if (hint.action === "logs") return "Each step's output is in its check run and in this job's log.";
      if (hint.action === "tick") return "Tick the run's checklist on its issue.";
      return `${hint.action === "status" ? "Its state is in the scenario workflow's runs" : `To ${hint.action} it, dispatch the scenario workflow with command: ${hint.action} and run-id: ${hint.runId}`} (or comment /scenario ${hint.action} ${hint.runId}).`;
    case "start":
      return `Start a new run: dispatch the scenario workflow with command: run and scenario: ${hint.scenarioId}.`;
    case "wait":
      return "Dispatch again once it has finished.";
    case "list-runs":
      return "Check the run-id input: it is the last part of the run's branch (scenario/<id>/<run>); /scenario status on the issue names the latest.";
    case "list-scenarios":
      return "The scenarios are the documents under the repository's scenarios folder (or comment /scenario list).";
    case "show-scenario":
      return `Its parameters and their rules are in its document (or comment /scenario help ${hint.scenarioId}).`;
    case "validate":
      return "Run `npx scenario validate` in the repository, or see the scenario docs check on a pull request.";
    case "migrate":
      return "The Action applies the store's migrations itself; check that database-url names the database scenario-bot uses.";
    case "set":
      return {
        base: "Dispatch the workflow on the branch the run should start from.",
        repo: "Check out the repository first (actions/checkout).",
        scenarios: "Set `scenarios:` in .github/scenarios.yml.",
        database: `Check the database-url input${hint.example ? ` (${hint.example})` : ""}.`,
        migrations: "Pass --migrations <folder of .sql files>.",
      }[hint.setting];
    case "say":
      return hint.text;
  }
}

export interface PresentedError {
  message: string;
  /** A bug: the log also gets the stack. */
  unexpected: boolean;
}

export function presentActionError(error: unknown): PresentedError {
  if (isExpected(error))
    return { message: withHints(error.message, error.hints, actionHint), unexpected: false };
  if (error instanceof Error) {
    const { status, request } = error as { status?: number; request?: { method?: string; url?: string } };
    if (typeof status === "number") {
      const what = request?.url ? ` to ${request.method ?? "GET"} ${request.url}` : "";
      return {
        message: `GitHub answered ${status}${what}: ${error.message}. Check the github-token input and the job's permissions.`,
        unexpected: false,
      };
    }
    return { message: error.message, unexpected: true };
  }
  return { message: String(error), unexpected: true };
}
