// The Action as a runner starts it: `node dist/index.js` in a child process, with the runner's
// environment contract (inputs as INPUT_*, the event file, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildAction } from "../../scripts/build-action.ts";
import { actionEnv, readOutputs } from "./action-env.ts";

const root = join(import.meta.dirname, "../..");
const NODE = join(root, "node_modules/.bin/node");
const TEST_ENTRY = join(import.meta.dirname, "action-bundle-entry/index.ts");

/**
 * The bundle the tests run: built from the sources now, by the same script as the committed dist/
 * (CI's dist job proves the two are the same), so a test never runs a bundle older than the code.
 * `"test"` (the default) builds it from action-bundle-entry/index.ts, which is `await run({ retries: 0 })`:
 * no write throttling (1 s between writes) and no retries, as in the in-process Action tests.
 * `"production"` builds it from src/action/index.ts (`await run()`), exactly dist/index.js.
 */
export async function buildDist(
  entry: "test" | "production" = "test",
  /** Where to build: a new temporary folder unless given (inside this package, the bundle finds the shipped catalog as dist/ does). */
  into?: string,
): Promise<{ entry: string; dispose(): void }> {
  const dir = into ?? mkdtempSync(join(tmpdir(), "scenario-dist-test-"));
  await buildAction(dir, entry === "test" ? TEST_ENTRY : join(root, "src/action/index.ts"));
  return { entry: join(dir, "index.js"), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The job outlived `timeoutMs` and was cancelled. */
  timedOut: boolean;
}

export interface SpawnOptions {
  /** The bundle's entry, from buildDist(). */
  entry: string;
  apiUrl: string;
  repository: string;
  workspace: string;
  eventName: string;
  payload: unknown;
  inputs: Record<string, string>;
  /** GITHUB_RUN_ID: the workflow run the job belongs to (default 4242). */
  runId?: number;
  /** GITHUB_REF: the branch the workflow runs on (default refs/heads/main). */
  ref?: string;
  /** Sees stdout as it comes (e.g. to cancel the job the way a runner does, with SIGINT). */
  onOutput?: (stdout: string, child: import("node:child_process").ChildProcess) => void;
  /** Cancelled after this long as a runner cancels a job (SIGINT), killed 10 s later; default none. */
  timeoutMs?: number;
}

export async function spawnAction(options: SpawnOptions): Promise<ActionRun> {
  const { env, outputFile, summaryFile } = actionEnv(options);
  // Steps run `node`: the runner's is 24, as here through node_modules/.bin.
  env.PATH = `${join(root, "node_modules/.bin")}:${process.env.PATH}`;
  const child = spawn(NODE, [options.entry], {
    cwd: options.workspace,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
    options.onOutput?.(stdout, child);
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  let timedOut = false;
  let kill: NodeJS.Timeout | undefined;
  const limit =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          child.kill("SIGINT");
          kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
        }, options.timeoutMs);
  const code = await new Promise<number>((resolve) => child.on("close", (c) => resolve(c ?? -1)));
  clearTimeout(limit);
  clearTimeout(kill);
  return {
    code,
    timedOut,
    stdout,
    stderr,
    outputs: readOutputs(readFileSync(outputFile, "utf8")),
    summary: readFileSync(summaryFile, "utf8"),
  };
}

/** The `with:` block scenario.yml passes, from a recorded workflow_dispatch request. */
export function withFromDispatch(
  inputs: Record<string, unknown>,
  extra: Record<string, string>,
): Record<string, string> {
  return {
    command: String(inputs.command ?? ""),
    scenario: String(inputs.scenario ?? ""),
    params: String(inputs.params ?? "{}"),
    "run-id": String(inputs["run-id"] ?? ""),
    "issue-number": String(inputs["issue-number"] ?? ""),
    "github-token": "ghs_installation",
    "database-url": "",
    ...extra,
  };
}
