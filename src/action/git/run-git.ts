// git as a child process, arguments as an array (never a shell string), errors with git's own words.
import { execFile } from "node:child_process";
import { credentialEnv } from "./credentials.ts";

export class GitCommandError extends Error {
  override name = "GitCommandError";
  readonly args: string[];
  readonly stderr: string;
  constructor(args: string[], stderr: string) {
    super(`git ${args.join(" ")} failed: ${stderr.trim() || "no output"}`);
    this.args = args;
    this.stderr = stderr;
  }
}

export function runGit(cwd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      args,
      // The checkout's credentials, held away from the steps (credentials.ts), go to the action's own calls.
      {
        cwd,
        env: { ...process.env, ...env, ...credentialEnv(), GIT_TERMINAL_PROMPT: "0" },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error) reject(new GitCommandError(args, stderr || error.message));
        else resolve(stdout.trim());
      },
    );
  });
}
