// A child process whose run must end, with everything it started: the `scenario` CLI that the
// Action's self-tests and the trial start. It runs in its own process group; at its time limit, or
// when the caller's signal aborts, the group gets SIGINT (the CLI cancels and rolls back) and, if the
// process has not ended after the grace period, SIGKILL. When the process ends, what it left running
// in its group is killed, so a settled result means the group is gone. Its output is bounded (see
// BoundedOutput: the first and the last half of the bound are kept).
import { spawn } from "node:child_process";
import { BoundedOutput } from "./bounded-output.ts";

/** Bytes kept of each stream unless a caller says otherwise. */
export const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

export interface RunProcessOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** At this limit the group gets SIGINT. */
  timeoutMs: number;
  /** How long after SIGINT the group gets SIGKILL. */
  graceMs: number;
  /** Aborting stops the process as its time limit does. Already aborted: it is not started. */
  signal?: AbortSignal;
  maxStdoutBytes?: number;
  maxStderrBytes?: number;
}

export interface ProcessResult {
  /** The exit code; null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Stopped at its time limit. */
  timedOut: boolean;
  /** Stopped because the caller's signal aborted. */
  aborted: boolean;
  stdout: string;
  stderr: string;
  /** Bytes dropped from the middle of each stream to keep it within its bound (0: all kept). */
  stdoutDroppedBytes: number;
  stderrDroppedBytes: number;
}

/** Settles when the process has ended and its group is gone. Rejects only when it cannot be started. */
export function runProcess(
  file: string,
  args: readonly string[],
  options: RunProcessOptions,
): Promise<ProcessResult> {
  if (options.signal?.aborted)
    return Promise.resolve({
      code: null,
      signal: null,
      timedOut: false,
      aborted: true,
      stdout: "",
      stderr: "",
      stdoutDroppedBytes: 0,
      stderrDroppedBytes: 0,
    });
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    const stdout = new BoundedOutput(options.maxStdoutBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
    const stderr = new BoundedOutput(options.maxStderrBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
    child.stdout.on("data", (d: Buffer) => stdout.add(d));
    child.stderr.on("data", (d: Buffer) => stderr.add(d));

    let stoppedBy: "timeout" | "abort" | undefined;
    const timers: NodeJS.Timeout[] = [];
    const stop = (by: "timeout" | "abort") => {
      if (stoppedBy || child.exitCode !== null || child.signalCode !== null) return;
      stoppedBy = by;
      signalGroup(child.pid, "SIGINT");
      timers.push(setTimeout(() => signalGroup(child.pid, "SIGKILL"), options.graceMs));
    };
    timers.push(setTimeout(() => stop("timeout"), options.timeoutMs));
    const onAbort = () => stop("abort");
    options.signal?.addEventListener("abort", onAbort, { once: true });
    const settled = () => {
      for (const timer of timers) clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
    };

    child.on("exit", () => {
      for (const timer of timers) clearTimeout(timer);
      // What it left in its group (`cmd &`) would outlive it and hold its output open.
      signalGroup(child.pid, "SIGKILL");
      // One that left the group (setsid) and keeps the output open must not hold the result either.
      timers.push(
        setTimeout(() => {
          child.stdout.destroy();
          child.stderr.destroy();
        }, options.graceMs),
      );
    });
    child.on("error", (error) => {
      settled();
      signalGroup(child.pid, "SIGKILL");
      reject(error);
    });
    child.on("close", (code, signal) => {
      settled();
      resolve({
        code,
        signal,
        timedOut: stoppedBy === "timeout",
        aborted: stoppedBy === "abort",
        stdout: stdout.text(),
        stderr: stderr.text(),
        stdoutDroppedBytes: stdout.droppedBytes,
        stderrDroppedBytes: stderr.droppedBytes,
      });
    });
  });
}

function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone.
  }
}
