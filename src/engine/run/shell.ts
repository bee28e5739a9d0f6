// One shell block: `bash --noprofile --norc -euo pipefail` in its own process group, so a timeout or a
// cancel ends the whole tree it started, not just bash. Like GitHub's `shell: bash`, no rc file is read
// (bash reads the system bashrc when it believes sshd started it, SSH_CLIENT set and SHLVL unset, and
// fails there under `set -u`) and standard input is /dev/null. Output is captured whole-but-bounded
// (stderr also on its own, to explain a failure); callers keep the tail.
import { spawn } from "node:child_process";

export interface ShellRequest {
  script: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Bytes of output kept (the end of it). */
  keepBytes?: number;
}

export interface ShellResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  /** What the block wrote to stderr alone (the same bound), to explain a failure. */
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  durationMs: number;
}

const KILL_GRACE_MS = 2000;

/** `-u` stays: with --norc nothing but the block itself runs under it. */
export const BASH_ARGS = ["--noprofile", "--norc", "-euo", "pipefail", "-c"];

export function runShell(request: ShellRequest): Promise<ShellResult> {
  const keep = request.keepBytes ?? 64 * 1024;
  const started = Date.now();
  return new Promise((resolve) => {
    let output = "";
    let stderr = "";
    let timedOut = false;
    let cancelled = request.signal?.aborted ?? false;
    const child = spawn("bash", BASH_ARGS.concat(request.script), {
      cwd: request.cwd,
      env: request.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const append = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.length > keep * 2) output = output.slice(-keep);
    };
    child.stdout.on("data", append);
    child.stderr.on("data", (chunk: Buffer) => {
      append(chunk);
      stderr += chunk.toString("utf8");
      if (stderr.length > keep * 2) stderr = stderr.slice(-keep);
    });

    let killTimer: NodeJS.Timeout | undefined;
    const killGroup = () => {
      signalGroup(child.pid, "SIGTERM");
      killTimer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, request.timeoutMs);
    const onAbort = () => {
      cancelled = true;
      killGroup();
    };
    if (cancelled) onAbort();
    else request.signal?.addEventListener("abort", onAbort, { once: true });

    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
      // Whatever the block left running in its group goes with it.
      signalGroup(child.pid, "SIGKILL");
      if (killTimer) clearTimeout(killTimer);
      resolve({
        exitCode,
        signal,
        output: output.slice(-keep),
        stderr: stderr.slice(-keep),
        timedOut,
        cancelled,
        durationMs: Date.now() - started,
      });
    };
    child.on("error", (error) => {
      output += `\n${error.message}\n`;
      stderr += `\n${error.message}\n`;
      finish(127, null);
    });
    child.on("close", finish);
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
