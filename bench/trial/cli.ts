// The scenario CLI as a process (bin/scenario.js under the node running the trial), as a user runs it:
// its own process group, so a run that outlives its limit is ended with everything it started.
import path from "node:path";
import { type ProcessResult, runProcess } from "../../src/os/run-process.ts";

export const CLI_PATH = path.resolve(import.meta.dirname, "../../bin/scenario.js");
/** SIGINT at the limit: the CLI cancels and rolls back; SIGKILL if it does not end within this. */
const GRACE_MS = 30_000;

export type CliResult = ProcessResult;

export interface CliOptions {
  cwd: string;
  timeoutMs: number;
}

export function scenarioCli(args: string[], { cwd, timeoutMs }: CliOptions): Promise<CliResult> {
  // DATABASE_URL passes through: the CLI uses it, else its embedded store in the copy.
  return runProcess(process.execPath, [CLI_PATH, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
    timeoutMs,
    graceMs: GRACE_MS,
  });
}
