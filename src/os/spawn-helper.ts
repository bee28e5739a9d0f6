// Starts short commands (git) from a small helper process instead of this one: a POSIX shell that
// reads one command at a time on its stdin. A fork copies the forking process's page tables and the
// child then tears them down again to exec: from this process (80 MB with PostgreSQL, ~280 MB with
// the embedded database open) that was ~12% of a 50-step run's CPU, paid twice per step; from a shell
// of a few MB it is what a shell script pays. The helper is started before the database opens; each
// command runs in a subshell (`( cd dir && exec file args... ) <in >out 2>err`) with the requested
// environment (only what differs from the helper's own is exported or unset), its output in files of
// a private folder, and its exit status written back as one line `id status`. The shell ends when this
// process does (its stdin closes, also on SIGKILL) and then removes the folder; it is in its own
// process group, so Ctrl-C reaches only us and a rollback can still run git. Without a helper (not
// started, none to start, busy with another command, or gone), or for a request the shell cannot
// express (a variable name that is no shell name), commands spawn here with execFile.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export interface HelperRequest {
  file: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input?: string;
  maxBuffer: number;
  /**
   * Commands run first, in the same folder and environment, each only when the one before it
   * succeeded (`a && b && file`): one round trip to the helper instead of several. Their output comes
   * first in stdout and stderr.
   */
  before?: { file: string; args: string[] }[];
}

export interface HelperResult {
  /** Set when the command failed (non-zero exit, signal, not found): execFile's message and exit code. */
  error?: { message: string; code?: number | string | null };
  /** With `before`: the index of the one that failed (`error` is its own); absent when `file` ran. */
  failedBefore?: number;
  stdout: string;
  stderr: string;
}

interface Helper {
  child: ChildProcess;
  /** The private folder of the command's input and output files. */
  dir: string;
  /** The environment the shell was started with: a request exports or unsets only what differs. */
  env: NodeJS.ProcessEnv;
  /** The command in flight (one at a time), by id. */
  pending?: { id: number; resolve: (status: number) => void; reject: (e: Error) => void };
  /** What the shell has written of its current status line. */
  buffered: string;
}

let helper: Helper | undefined;
let nextId = 0;

const SHELL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Variables `cd` sets in the shell. */
const CD_SETS = new Set(["PWD", "OLDPWD"]);

/** A shell word that is `s` exactly: single-quoted, a quote written as '\''. */
function quote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** Starts the helper (once). Call it before this process grows (before opening PGlite). */
export function startSpawnHelper(): void {
  if (helper) return;
  const dir = privateFolder();
  if (!dir) return;
  const env = { ...process.env };
  const child = spawn("/bin/sh", [], {
    stdio: ["pipe", "pipe", "ignore"],
    detached: true,
    env,
  });
  const started: Helper = { child, dir, env, buffered: "" };
  helper = started;
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    started.buffered += chunk;
    let end = started.buffered.indexOf("\n");
    while (end >= 0) {
      const [id, status] = started.buffered.slice(0, end).split(" ").map(Number);
      started.buffered = started.buffered.slice(end + 1);
      const waiter = started.pending;
      if (waiter && waiter.id === id) {
        started.pending = undefined;
        idle(started);
        waiter.resolve(status ?? 1);
      }
      end = started.buffered.indexOf("\n");
    }
  });
  const gone = () => {
    if (helper === started) helper = undefined;
    const waiter = started.pending;
    started.pending = undefined;
    waiter?.reject(new HelperGoneError());
    removeQuietly(dir);
  };
  child.on("exit", gone);
  child.on("error", gone);
  child.stdin?.on("error", gone);
  // The shell removes its folder when it ends (its stdin closed); a write to a parent that is gone
  // must not kill it before that, so SIGPIPE is ignored by the shell and restored for each command.
  child.stdin?.write(`trap ${quote(`rm -rf -- ${quote(dir)}`)} EXIT\ntrap '' PIPE\n`);
  idle(started);
}

/** Room a memory file system needs to hold a command's output, with margin (maxBuffer is per stream). */
const MEMORY_ROOM = 512 * 1024 * 1024;

/**
 * Where the output files live: a memory file system (XDG_RUNTIME_DIR, /dev/shm) with room to spare,
 * else the temporary folder. Each command truncates and rewrites them; on a disk file system (ext4
 * here) that is a journal transaction, and a rewritten file's blocks are forced out when it is
 * closed: ~2 ms of each git command, twice a step, where the floor's git writes to a pipe.
 */
function privateFolder(): string | undefined {
  const memory = [process.env.XDG_RUNTIME_DIR, "/dev/shm"].filter((root): root is string => {
    if (!root) return false;
    try {
      const fs = statfsSync(root);
      return fs.type === TMPFS_MAGIC && fs.bavail * fs.bsize >= MEMORY_ROOM;
    } catch {
      return false; // Not there (macOS has no /dev/shm).
    }
  });
  for (const root of [...memory, tmpdir()]) {
    try {
      return mkdtempSync(join(root, "scenario-spawn-"));
    } catch {
      // Not writable here: the next one.
    }
  }
  return undefined;
}

/** statfs(2)'s f_type of tmpfs. */
const TMPFS_MAGIC = 0x01021994;

/** Neither the helper nor its pipes keep this process alive while nothing waits on it. */
function idle(h: Helper): void {
  h.child.unref();
  (h.child.stdin as { unref?: () => void } | null)?.unref?.();
  (h.child.stdout as { unref?: () => void } | null)?.unref?.();
}

function busy(h: Helper): void {
  h.child.ref();
  (h.child.stdin as { ref?: () => void } | null)?.ref?.();
  (h.child.stdout as { ref?: () => void } | null)?.ref?.();
}

class HelperGoneError extends Error {}

/** The shell text of `request` in `h`, or undefined when the shell cannot express it. */
function commandFor(h: Helper, request: HelperRequest, id: number): string | undefined {
  // Absolute, so that CDPATH never applies (cd would print the folder into the command's output).
  const cwd = resolve(request.cwd);
  const before = request.before ?? [];
  const words = [request.file, ...request.args, cwd, ...before.flatMap((c) => [c.file, ...c.args])];
  if (words.some((w) => w.includes("\0"))) return undefined;
  // Set after the `cd`, which changes PWD and OLDPWD: the command gets the request's, as with execFile.
  const env: string[] = [];
  for (const [name, value] of Object.entries(request.env)) {
    if (value === undefined || (h.env[name] === value && !CD_SETS.has(name))) continue;
    if (!SHELL_NAME.test(name) || value.includes("\0")) return undefined;
    env.push(`export ${name}=${quote(value)}`);
  }
  const unset = [...Object.keys(h.env), ...CD_SETS].filter((name) => request.env[name] === undefined);
  if (unset.some((name) => !SHELL_NAME.test(name))) return undefined;
  if (unset.length) env.push(`unset ${[...new Set(unset)].join(" ")}`);
  const stdin = request.input === undefined ? "/dev/null" : join(h.dir, "in");
  // A command of `before` that fails leaves its index in the file `failed` and its exit status.
  const failed = quote(join(h.dir, "failed"));
  const run = [
    "trap - PIPE",
    `cd -- ${quote(cwd)} || exit`,
    ...env,
    ...before.map(
      (c, i) =>
        `${[c.file, ...c.args].map(quote).join(" ")} </dev/null || { s=$?; echo ${i} >${failed}; exit "$s"; }`,
    ),
    `exec ${[request.file, ...request.args].map(quote).join(" ")}`,
  ].join("\n");
  return `(\n${run}\n) <${quote(stdin)} >${quote(join(h.dir, "out"))} 2>${quote(join(h.dir, "err"))}\nprintf '%s %s\\n' ${id} "$?"\n`;
}

/** The command's result from its status and output files, as execFile would give it. */
function resultOf(h: Helper, request: HelperRequest, status: number): HelperResult {
  const out = join(h.dir, "out");
  const err = join(h.dir, "err");
  const failedBefore = status !== 0 && request.before?.length ? takeFailed(h) : undefined;
  const ran = failedBefore === undefined ? request : (request.before?.[failedBefore] ?? request);
  const command = [ran.file, ...ran.args].join(" ");
  if (statSync(out).size > request.maxBuffer || statSync(err).size > request.maxBuffer)
    return { stdout: "", stderr: "", error: { message: `${command}: stdout maxBuffer length exceeded` } };
  const stdout = readFileSync(out, "utf8");
  const stderr = readFileSync(err, "utf8");
  if (status === 0) return { stdout, stderr };
  return {
    stdout,
    stderr,
    error: { message: `Command failed: ${command}\n${stderr}`, code: status },
    ...(failedBefore === undefined ? {} : { failedBefore }),
  };
}

/** The index a failed `before` command left (and the file removed), if one did. */
function takeFailed(h: Helper): number | undefined {
  const file = join(h.dir, "failed");
  try {
    const index = Number(readFileSync(file, "utf8").trim());
    rmSync(file, { force: true });
    return Number.isInteger(index) ? index : undefined;
  } catch {
    return undefined;
  }
}

/** `execFile` of `request`, through the helper when it runs, else here. Never rejects: see `error`. */
export async function runFile(request: HelperRequest): Promise<HelperResult> {
  const h = helper;
  if (h && !h.pending && h.child.exitCode === null) {
    const id = nextId++;
    const command = commandFor(h, request, id);
    if (command !== undefined) {
      try {
        if (request.input !== undefined) writeFileSync(join(h.dir, "in"), request.input);
        const status = await new Promise<number>((resolve, reject) => {
          h.pending = { id, resolve, reject };
          busy(h);
          h.child.stdin?.write(command, (error) => {
            if (error && h.pending?.id === id) {
              h.pending = undefined;
              reject(new HelperGoneError());
            }
          });
        });
        return resultOf(h, request, status);
      } catch (error) {
        if (!(error instanceof HelperGoneError) && !isMissing(error)) throw error;
        // The helper went away (it never ran the command, or its answer was lost): run it here.
      }
    }
  }
  let stdout = "";
  let stderr = "";
  for (const [index, command] of (request.before ?? []).entries()) {
    // Standard input closed at once, as /dev/null is in the helper: the input is the command's own.
    const result = await execHere({ ...request, file: command.file, args: command.args, input: "" });
    stdout += result.stdout;
    stderr += result.stderr;
    if (result.error) return { ...result, stdout, stderr, failedBefore: index };
  }
  const result = await execHere(request);
  return { ...result, stdout: stdout + result.stdout, stderr: stderr + result.stderr };
}

/** `execFile` of `request` in this process. */
function execHere(request: HelperRequest): Promise<HelperResult> {
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
    if (request.input !== undefined) {
      // A command that exits without reading it all closes the pipe: no error (the helper's input is a file).
      child.stdin?.on("error", () => {});
      child.stdin?.end(request.input);
    }
  });
}

/** The folder of the running helper's output files (tests). */
export function spawnHelperFolder(): string | undefined {
  return helper?.dir;
}

/** Stops the helper (tests; a process that exits need not call it). */
export function stopSpawnHelper(): void {
  helper?.child.stdin?.end();
  helper = undefined;
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === "ENOENT";
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // A folder left in the temporary directory is all that remains.
  }
}
