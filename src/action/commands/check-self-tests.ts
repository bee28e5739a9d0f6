// The self-tests of `command: check`: `scenario test <id> --json` for each changed scenario of a pull
// request from this repository's own branches (never a fork's: its documents are untrusted code, so
// they are only validated). Each runs as its own process, the CLI bundled beside the Action, with the
// step environment's allowlist only (no token, no store): a throwaway clone of the checkout with its
// own embedded store, so the checkout and the job's store are untouched.
import { spawn } from "node:child_process";
import type { SelfTestReport } from "../../application/self-test/report.ts";
import { stepEnvironment } from "../../engine/run/env.ts";
import { scenarioCli } from "../scenario-cli.ts";

/** Changed scenarios tested per check; the rest are listed as not tested. */
export const MAX_SELF_TESTS = 5;
/** One self-test's limit: the CLI cancels and rolls back on SIGINT, then it is killed. */
export const SELF_TEST_TIMEOUT_MS = 10 * 60 * 1000;

export type SelfTestOutcome =
  | { scenarioId: string; file: string; report: SelfTestReport }
  | { scenarioId: string; file: string; error: string };

export interface SelfTestTarget {
  scenarioId: string;
  file: string;
}

export async function runSelfTests(
  targets: readonly SelfTestTarget[],
  where: { workspace: string; scenariosDir: string; env: NodeJS.ProcessEnv },
): Promise<SelfTestOutcome[]> {
  const cli = await scenarioCli(where.env);
  const outcomes: SelfTestOutcome[] = [];
  for (const target of targets.slice(0, MAX_SELF_TESTS)) {
    const args = ["test", target.scenarioId, "--json", "--repo", where.workspace];
    const result = await runCli(cli, [...args, "--scenarios", where.scenariosDir], where);
    outcomes.push(outcomeOf(target, result));
  }
  return outcomes;
}

function outcomeOf(target: SelfTestTarget, result: CliResult): SelfTestOutcome {
  if (result.timedOut) return { ...target, error: `stopped after ${SELF_TEST_TIMEOUT_MS / 60_000} minutes` };
  try {
    return { ...target, report: JSON.parse(result.stdout) as SelfTestReport };
  } catch {
    // Refused before it ran (a parameter without an Example:, a document the CLI cannot plan).
    const said = result.stderr.split("\n").filter((l) => l.startsWith("error:") || l.trim());
    return { ...target, error: said.slice(-3).join(" ").slice(0, 500) || `exited ${result.code}` };
  }
}

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function runCli(cli: string, args: string[], where: { workspace: string; env: NodeJS.ProcessEnv }) {
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(cli, args, {
      cwd: where.workspace,
      env: { ...stepEnvironment(where.env).base, NO_COLOR: "1" },
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
      stderr = (stderr + d).slice(-64 * 1024);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup(child.pid, "SIGINT");
      setTimeout(() => signalGroup(child.pid, "SIGKILL"), 30_000).unref();
    }, SELF_TEST_TIMEOUT_MS);
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
