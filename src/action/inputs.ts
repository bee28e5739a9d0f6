// The action's `with:` inputs, read and checked before anything else happens. They are untrusted
// (a dispatch can be sent by anyone with the token), so every field is validated here; parameter
// values are validated again against the scenario by the engine's own schema when the plan is built.
import type { ParameterValue } from "../scenario/types.ts";
import { ActionInputError } from "./errors.ts";
import type { RunnerIo } from "./runner-io.ts";

export const ACTION_COMMANDS = ["run", "resume", "rollback", "cancel", "audit", "check"] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

export interface ActionInputs {
  /** Empty when the command is to be read from an issue comment (zero-server mode). */
  command: ActionCommand | "";
  scenario?: string;
  params: Record<string, ParameterValue>;
  runId?: string;
  issueNumber?: number;
  token: string;
  databaseUrl?: string;
}

const SCENARIO_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Run ids become part of a branch name: letters, digits, dot, dash, underscore. */
export const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const PARAM_NAME = /^[a-z][a-z0-9_]*$/;

export function readInputs(io: RunnerIo): ActionInputs {
  const command = io.getInput("command").trim();
  if (command !== "" && !(ACTION_COMMANDS as readonly string[]).includes(command)) {
    throw new ActionInputError(
      "command",
      `'${command}' is not a command; use one of ${ACTION_COMMANDS.join(", ")}.`,
    );
  }
  const scenario = io.getInput("scenario").trim();
  if (scenario !== "" && !SCENARIO_ID.test(scenario)) {
    throw new ActionInputError(
      "scenario",
      `'${scenario}' is not a scenario id; ids are kebab-case, e.g. create-shared-service.`,
    );
  }
  const runId = io.getInput("run-id").trim();
  if (runId !== "" && !RUN_ID.test(runId)) {
    throw new ActionInputError("run-id", `'${runId}' is not a run id; use letters, digits, '.', '-' or '_'.`);
  }
  const issue = io.getInput("issue-number").trim();
  if (issue !== "" && !/^[1-9][0-9]{0,9}$/.test(issue)) {
    throw new ActionInputError("issue-number", `'${issue}' is not an issue number; give a positive integer.`);
  }
  const token = io.getInput("github-token").trim();
  const databaseUrl = io.getInput("database-url").trim();
  const inputs: ActionInputs = {
    command: command as ActionCommand | "",
    params: parseParams(io.getInput("params")),
    token,
  };
  if (scenario) inputs.scenario = scenario;
  if (runId) inputs.runId = runId;
  if (issue) inputs.issueNumber = Number(issue);
  if (databaseUrl) inputs.databaseUrl = databaseUrl;
  return inputs;
}

/** `params` is a JSON object of names to strings, numbers or booleans; `{}` when empty. */
export function parseParams(text: string): Record<string, ParameterValue> {
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ActionInputError(
      "params",
      `not valid JSON (${(error as Error).message}); give an object such as {"name":"billing"}.`,
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ActionInputError(
      "params",
      `must be a JSON object such as {"name":"billing"}, not ${describe(parsed)}.`,
    );
  }
  const params: Record<string, ParameterValue> = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (!PARAM_NAME.test(name)) {
      throw new ActionInputError(
        "params",
        `'${name}' is not a parameter name; names are snake_case, e.g. owner_column.`,
      );
    }
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
      throw new ActionInputError(
        "params",
        `parameter '${name}' is ${describe(value)}; values are strings, numbers or booleans.`,
      );
    }
    params[name] = value;
  }
  return params;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
