// Runs the git CLI, for every front door and adapter: arguments as an array (never a shell string),
// no terminal prompt, and one error that names the command, where, and git's own words.
import { ScenarioBotError } from "../errors/index.ts";
import { runFile } from "../os/spawn-helper.ts";

export class GitError extends ScenarioBotError {
  override name = "GitError";
  readonly kind = "environment";
  readonly args: string[];
  readonly cwd: string;
  readonly stderr: string;
  constructor(args: string[], cwd: string, stderr: string) {
    super(`git ${args.join(" ")} failed in ${cwd}: ${stderr.trim() || "no output"}`);
    this.args = args;
    this.cwd = cwd;
    this.stderr = stderr;
  }
}

export interface GitOptions {
  cwd: string;
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** git commands run first, each only when the one before succeeded (one spawn-helper round trip). */
  before?: string[][];
}

export async function git(args: string[], options: GitOptions): Promise<string> {
  // Through the spawn helper when the CLI started one (src/os/spawn-helper.ts: cheap spawns beside PGlite).
  const result = await runFile({
    file: "git",
    args,
    cwd: options.cwd,
    env: { ...(options.env ?? process.env), GIT_TERMINAL_PROMPT: "0" },
    maxBuffer: 64 * 1024 * 1024,
    ...(options.input !== undefined ? { input: options.input } : {}),
    ...(options.before ? { before: options.before.map((before) => ({ file: "git", args: before })) } : {}),
  });
  if (result.error) {
    const failed = result.failedBefore === undefined ? args : (options.before?.[result.failedBefore] ?? args);
    throw new GitError(failed, options.cwd, result.stderr || result.error.message);
  }
  return result.stdout;
}

/** `git ...` that answers a yes/no question through its exit status. */
export async function gitOk(args: string[], options: GitOptions): Promise<boolean> {
  try {
    await git(args, options);
    return true;
  } catch (error) {
    if (error instanceof GitError) return false;
    throw error;
  }
}
