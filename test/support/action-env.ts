// The runner's environment contract for one action run: the variables a GitHub runner sets, the
// event payload written to GITHUB_EVENT_PATH, and the `INPUT_*` variables for `with:` inputs.
import { mkdtempSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export interface ActionEnvOptions {
  apiUrl: string;
  repository: string;
  workspace: string;
  eventName: string;
  payload: unknown;
  inputs?: Record<string, string>;
  runId?: number;
  /** GITHUB_REF: the branch the workflow runs on (default refs/heads/main). */
  ref?: string;
}

export interface ActionEnv {
  env: NodeJS.ProcessEnv;
  outputFile: string;
  summaryFile: string;
}

/**
 * The `workflow_dispatch` event of the scenario workflow on main with these inputs, sent by the App
 * (its bot), as the App dispatches a run it has authorised; `sender` names a person dispatching by hand.
 */
export function dispatchPayload(
  inputs: Record<string, string>,
  sender: { login: string; type: "User" | "Bot" } = { login: "scenario-bot[bot]", type: "Bot" },
) {
  return { inputs, ref: "refs/heads/main", repository: { default_branch: "main" }, sender };
}

export function actionEnv(options: ActionEnvOptions): ActionEnv {
  // RUNNER_TEMP beside the checkout: the test's origin folder, removed with it.
  const dir = mkdtempSync(join(dirname(options.workspace), "runner-"));
  const eventPath = join(dir, "event.json");
  const outputFile = join(dir, "output");
  const summaryFile = join(dir, "summary.md");
  writeFileSync(eventPath, JSON.stringify(options.payload));
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_REPOSITORY: options.repository,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: "https://github.example",
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: options.ref ?? "refs/heads/main",
    GITHUB_RUN_ID: String(options.runId ?? 4242),
    GITHUB_ACTOR: "octocat",
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  }
  return { env, outputFile, summaryFile };
}

/** Parses the GITHUB_OUTPUT file (`name<<delimiter` blocks written by @actions/core). */
export function readOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] as string);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i] as string);
    outputs[m[1] as string] = value.join("\n");
  }
  return outputs;
}
