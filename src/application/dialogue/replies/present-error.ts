// How the `/scenario` dialogue shows an error in a comment: its message and its hints in comment words
// (`/scenario ...` commands, the repository's files), never a terminal flag or a workflow input.
import { type Hint, withHints } from "../../../errors/index.ts";
import type { ScenarioBotError } from "../../../errors/scenario-bot-error.ts";
import { code, inline } from "../../../markdown/index.ts";

export function dialogueHint(hint: Hint): string {
  const cmd = (text: string) => inline(code(`/scenario ${text}`));
  switch (hint.do) {
    case "run": {
      // A comment can see, resume, roll back and cancel a run; its output and checklist are on GitHub.
      if (hint.action === "logs") return "Its check runs hold each step's output.";
      if (hint.action === "tick") return "Tick its checklist on this issue.";
      const verb = {
        status: "See where it is",
        resume: "Resume it",
        rollback: "Roll it back",
        cancel: "Cancel it",
      };
      return `${verb[hint.action]} with ${cmd(`${hint.action} ${hint.runId}`)}.`;
    }
    case "start":
      return `Start a new run with ${cmd(`${hint.scenarioId} name=value ...`)}.`;
    case "wait":
      return "Or wait for it to finish and ask again.";
    case "list-runs":
      return `${cmd("status")} shows this issue's latest run.`;
    case "list-scenarios":
      return `${cmd("list")} shows every scenario.`;
    case "show-scenario":
      return `${cmd(`help ${hint.scenarioId}`)} lists its parameters and their rules.`;
    case "validate":
      return "The `scenario docs` check on a pull request that changes the documents lists every problem.";
    case "migrate":
      return "The App's database is not migrated: tell the App's maintainers.";
    case "set":
      return {
        base: "Runs start from the default branch; check that it exists.",
        repo: "",
        scenarios: inline("Set ", code("scenarios:"), " in ", code(".github/scenarios.yml"), "."),
        database: "The App's database setting is wrong: tell the App's maintainers.",
        migrations: "",
      }[hint.setting];
    case "say":
      return hint.text;
  }
}

export function presentDialogueError(error: ScenarioBotError): string {
  return withHints(error.message, error.hints, dialogueHint);
}
