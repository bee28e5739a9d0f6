// Maps the engine's planning errors to a reply: the parameter, the rule, an example. Anything else
// is not the commenter's fault and is rethrown.
import { DependencyError, NotRunnableError, ParameterError, PathEscapeError } from "../../engine/index.ts";
import { type ScenarioDefinition, UnknownScenarioError } from "../../scenario/index.ts";
import { code } from "../replies/markdown.ts";
import { commandFor } from "../replies/plan-reply.ts";

export function planErrorReply(error: unknown, scenario: ScenarioDefinition): string {
  if (error instanceof ParameterError) {
    const lines = error.problems.map((p) => `- ${code(p.parameter)} (${p.rule}): ${p.message}`);
    const example = Object.fromEntries(
      scenario.parameters.filter((p) => p.required).map((p) => [p.name, p.example]),
    );
    return [
      `the parameters for ${code(scenario.id)} are not valid, so nothing ran:`,
      "",
      ...lines,
      "",
      `Example: ${code(commandFor(scenario.id, example))}. ${code(`/scenario help ${scenario.id}`)} lists every parameter and its rules.`,
    ].join("\n");
  }
  if (
    error instanceof NotRunnableError ||
    error instanceof DependencyError ||
    error instanceof PathEscapeError ||
    error instanceof UnknownScenarioError
  ) {
    return `${code(scenario.id)} can't be planned: ${error.message}`;
  }
  throw error;
}
