// Times one whole process as a user waits on it: spawn to exit, with its peak resident memory
// and CPU time (/usr/bin/time's %M, %U, %S when the machine has it; the figure is then from the kernel's rusage).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TIME = "/usr/bin/time";
const hasTime = existsSync(TIME);

export interface ProcessSample {
  ms: number;
  /** Peak resident set size in KiB, when known. */
  rssKb?: number;
  /** User + system CPU time of the process in ms, when known: steadier than wall time under load. */
  cpuMs?: number;
  stdout: string;
}

export interface ProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that count as success (default: 0 only). */
  okCodes?: number[];
}

export function timeProcess(
  command: string,
  args: string[],
  options: ProcessOptions = {},
): Promise<ProcessSample> {
  const scratch = hasTime ? mkdtempSync(join(tmpdir(), "bench-time-")) : "";
  const rssFile = join(scratch, "rss");
  const [cmd, argv] = hasTime ? [TIME, ["-f", "%M %U %S", "-o", rssFile, command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - start;
      let rssKb: number | undefined;
      let cpuMs: number | undefined;
      if (hasTime) {
        const last = readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "";
        const [rss, user, system] = last.split(" ").map(Number);
        rssKb = rss || undefined;
        cpuMs = user === undefined || system === undefined ? undefined : (user + system) * 1000;
        rmSync(scratch, { recursive: true, force: true });
      }
      if (!(options.okCodes ?? [0]).includes(code ?? -1)) {
        reject(new Error(`${command} ${args.join(" ")} exited ${code}: ${(stderr || stdout).slice(-400)}`));
        return;
      }
      resolve({
        ms,
        stdout,
        ...(rssKb === undefined ? {} : { rssKb }),
        ...(cpuMs === undefined || Number.isNaN(cpuMs) ? {} : { cpuMs }),
      });
    });
  });
}
