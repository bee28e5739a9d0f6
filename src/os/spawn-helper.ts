// Starts short commands (git) from a small helper process instead of this one. Forking copies the
// parent's page tables: once the embedded database (PGlite, ~350 MB resident) is open, every spawn
// from this process cost ~10x more CPU than before it (measured: 2.5 -> 25-50 ms each), and a run
// spawns git twice per step. The helper is started before the database opens, stays small, and
// runs each command with execFile as this process would. It ends when this process does (its IPC
// channel closes, also on SIGKILL); it is in its own process group, so Ctrl-C reaches only us and a
// rollback can still run git. Without a helper (not started, or it died), commands spawn here.
import { type ChildProcess, execFile, spawn } from "node:child_process";

export interface HelperRequest {
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input?: string;
  maxBuffer: number;
}

export interface HelperResult {
  /** Set when the command failed (non-zero exit, signal, not found): execFile's message and exit code. */
  error?: { message: string; code?: number | string | null };
  stdout: string;
  stderr: string;
}

// The helper's whole program: plain JavaScript run by `node -e`, so it loads nothing else.
const HELPER = `
const { execFile } = require("node:child_process");
process.on("disconnect", () => process.exit(0));
process.on("message", (m) => {
  const child = execFile(m.file, m.args, { cwd: m.cwd, env: m.env, maxBuffer: m.maxBuffer, encoding: "utf8" },
    (error, stdout, stderr) => {
      if (!process.connected) return;
      process.send({ id: m.id, stdout, stderr,
        error: error ? { message: error.message, code: error.code } : undefined });
    });
  if (m.input !== undefined) child.stdin.end(m.input);
});
`;

let helper: ChildProcess | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (r: HelperResult) => void; reject: (e: Error) => void }>();

/** Starts the helper (once). Call it before this process grows (before opening PGlite). */
export function startSpawnHelper(): void {
  if (helper) return;
  const child = spawn(process.execPath, ["-e", HELPER], {
    stdio: ["ignore", "ignore", "inherit", "ipc"],
    detached: true,
    env: { PATH: process.env.PATH ?? "" },
  });
  helper = child;
  child.on("message", ({ id, ...result }: HelperResult & { id: number }) => {
    const waiter = pending.get(id);
    pending.delete(id);
    idle();
    waiter?.resolve(result);
  });
  const gone = () => {
    if (helper === child) helper = undefined;
    const lost = [...pending.values()];
    pending.clear();
    for (const w of lost) w.reject(new HelperGoneError());
  };
  child.on("exit", gone);
  child.on("error", gone);
  idle();
}

/** Neither the helper nor its channel keeps this process alive while nothing waits on it. */
function idle(): void {
  if (!helper || pending.size > 0) return;
  helper.unref();
  (helper.channel as { unref?: () => void } | undefined)?.unref?.();
}

class HelperGoneError extends Error {}

/** `execFile` of `request`, through the helper when it runs, else here. Never rejects: see `error`. */
export async function runFile(request: HelperRequest): Promise<HelperResult> {
  const child = helper;
  if (child?.connected) {
    try {
      return await new Promise<HelperResult>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.ref();
        (child.channel as { ref?: () => void } | undefined)?.ref?.();
        child.send({ id, ...request }, (error) => {
          if (!error) return;
          pending.delete(id);
          idle();
          reject(new HelperGoneError());
        });
      });
    } catch (error) {
      if (!(error instanceof HelperGoneError)) throw error;
      // The helper went away (it never ran the command, or its answer was lost): run it here.
    }
  }
  return new Promise((resolve) => {
    const child = execFile(
      request.file,
      request.args,
      { cwd: request.cwd, env: request.env, maxBuffer: request.maxBuffer, encoding: "utf8" },
      (error, stdout, stderr) => {
        resolve({
          stdout,
          stderr,
          ...(error
            ? { error: { message: error.message, ...(error.code !== undefined ? { code: error.code } : {}) } }
            : {}),
        });
      },
    );
    if (request.input !== undefined) child.stdin?.end(request.input);
  });
}

/** Stops the helper (tests; a process that exits need not call it). */
export function stopSpawnHelper(): void {
  helper?.disconnect();
  helper = undefined;
}
