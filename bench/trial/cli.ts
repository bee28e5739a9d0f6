// The scenario CLI as a process (bin/scenario.js under the node running the trial), as a user runs it:
// its own process group, so a run that outlives its limit is ended with everything it started.
import { spawn } from "node:child_process";
import path from "node:path";

export const CLI_PATH = path.resolve(import.meta.dirname, "../../bin/scenario.js");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface CliOptions {
  cwd: string;
  timeoutMs: number;
}

export function scenarioCli(args: string[], { cwd, timeoutMs }: CliOptions): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // DATABASE_URL passes through: the CLI uses it, else its embedded store in the copy.
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      // SIGINT first: the CLI cancels and rolls back; SIGKILL if it does not end within 30 s.
      signalGroup(child.pid, "SIGINT");
      setTimeout(() => signalGroup(child.pid, "SIGKILL"), 30_000).unref();
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
