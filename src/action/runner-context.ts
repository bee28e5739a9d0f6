// The runner's environment contract: which repository, which API, which checkout, which event.
// Read once from the environment and passed on, so nothing below reads process.env.
import { readFile } from "node:fs/promises";
import { ActionInputError } from "./errors.ts";

export interface RunnerContext {
  owner: string;
  repo: string;
  /** REST API root; differs on GitHub Enterprise Server. */
  apiUrl: string;
  /** Web root, for links; differs on GitHub Enterprise Server. */
  serverUrl: string;
  workspace: string;
  eventName: string;
  /** The webhook payload that triggered the workflow (`{}` when there is no event file). */
  payload: Record<string, unknown>;
  /** Link to this workflow run's log, when the runner says which run it is. */
  runUrl?: string;
  sha?: string;
}

export async function readRunnerContext(env: NodeJS.ProcessEnv): Promise<RunnerContext> {
  const repository = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo, ...rest] = repository.split("/");
  if (!owner || !repo || rest.length > 0) {
    throw new ActionInputError(
      "GITHUB_REPOSITORY",
      `'${repository}' is not owner/name; the runner sets it, so run the action inside a workflow.`,
    );
  }
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const serverUrl = trimSlash(env.GITHUB_SERVER_URL || "https://github.com");
  const apiUrl = trimSlash(env.GITHUB_API_URL || "https://api.github.com");
  let payload: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8")) as Record<string, unknown>;
    } catch (error) {
      throw new ActionInputError(
        "GITHUB_EVENT_PATH",
        `cannot read the event payload at ${env.GITHUB_EVENT_PATH}: ${(error as Error).message}`,
      );
    }
  }
  const context: RunnerContext = {
    owner,
    repo,
    apiUrl,
    serverUrl,
    workspace,
    eventName: env.GITHUB_EVENT_NAME ?? "",
    payload,
  };
  if (env.GITHUB_RUN_ID) context.runUrl = `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`;
  if (env.GITHUB_SHA) context.sha = env.GITHUB_SHA;
  return context;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
