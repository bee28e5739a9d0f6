// The self-tests of `command: check`: `scenario test <id> --json` for each changed scenario of a pull
// request from this repository's own branches (never a fork's: its documents are untrusted code, so
// they are only validated). Each runs as its own process, the CLI bundled beside the Action, with the
// step environment's allowlist only (no token, no store): a throwaway clone of the checkout with its
// own embedded store, so the checkout and the job's store are untouched.
import type { SelfTestReport } from "../../application/self-test/report.ts";
import { stepEnvironment } from "../../engine/run/env.ts";
import { type ProcessResult, runProcess } from "../../os/run-process.ts";
import { scenarioCli } from "../scenario-cli.ts";

/** Changed scenarios tested per check; the rest are listed as not tested. */
export const MAX_SELF_TESTS = 5;
/** One self-test's limit: the CLI cancels and rolls back on SIGINT, then it is killed. */
export const SELF_TEST_TIMEOUT_MS = 10 * 60 * 1000;
/** How long the CLI has after SIGINT to roll back before SIGKILL. */
const SELF_TEST_GRACE_MS = 30 * 1000;

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

function outcomeOf(target: SelfTestTarget, result: ProcessResult): SelfTestOutcome {
  if (result.timedOut) return { ...target, error: `stopped after ${SELF_TEST_TIMEOUT_MS / 60_000} minutes` };
  try {
    return { ...target, report: JSON.parse(result.stdout) as SelfTestReport };
  } catch {
    // Refused before it ran (a parameter without an Example:, a document the CLI cannot plan).
    const said = result.stderr.split("\n").filter((l) => l.startsWith("error:") || l.trim());
    return { ...target, error: said.slice(-3).join(" ").slice(0, 500) || `exited ${result.code}` };
  }
}

function runCli(cli: string, args: string[], where: { workspace: string; env: NodeJS.ProcessEnv }) {
  return runProcess(cli, args, {
    cwd: where.workspace,
    env: { ...stepEnvironment(where.env).base, NO_COLOR: "1" },
    timeoutMs: SELF_TEST_TIMEOUT_MS,
    graceMs: SELF_TEST_GRACE_MS,
    maxStderrBytes: 64 * 1024,
  });
}
