// Which runner variables a document or `.github/scenarios.yml` may name for its steps (`Env`, `env:`):
// any variable name, except those that are the runner's or scenario-bot's own and never reach a step
// (the Action's inputs and token, the runner's runtime tokens and command files, the store's URL).
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const NEVER = new Set([
  "GITHUB_TOKEN",
  "GITHUB_OUTPUT",
  "GITHUB_ENV",
  "GITHUB_PATH",
  "GITHUB_STEP_SUMMARY",
  "GITHUB_STATE",
  "DATABASE_URL",
]);

/** Why `name` can never be handed to a step, or undefined when it can. */
export function stepEnvNameProblem(name: string): string | undefined {
  if (!ENV_NAME.test(name)) return `"${name}" is not a variable name`;
  if (NEVER.has(name) || name.startsWith("ACTIONS_") || name.startsWith("INPUT_")) {
    return `${name} is the runner's or scenario-bot's own and never reaches a step`;
  }
  return undefined;
}
