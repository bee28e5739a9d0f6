// The self-tests of `command: check`: `scenario test <id> --json` for each changed scenario of a pull
// request from this repository's own branches (never a fork's: its documents are untrusted code, so
// they are only validated). Each runs as its own process, the CLI bundled beside the Action, with the
// step environment's allowlist only (no token, no store): a throwaway clone of the checkout with its
// own embedded store, so the checkout and the job's store are untouched.

import { scenarioCli } from "../../application/repository/scenario-cli.ts";
import type { SelfTestReport } from "../../application/self-test/report.ts";
import { stepEnvironment } from "../../engine/run/env.ts";
import { DEFAULT_MAX_OUTPUT_BYTES, type ProcessResult, runProcess } from "../../os/run-process.ts";

/** Changed scenarios tested per check; the rest are listed as not tested. */
export const MAX_SELF_TESTS = 5;
/** One self-test's limit: the CLI cancels and rolls back on SIGINT, then it is killed. */
export const SELF_TEST_TIMEOUT_MS = 10 * 60 * 1000;
/** How long the CLI has after SIGINT to roll back before SIGKILL. */
const SELF_TEST_GRACE_MS = 30 * 1000;
/** Bytes of a self-test's `--json` report read; a larger one is cut, so it is not read at all. */
export const MAX_REPORT_BYTES = DEFAULT_MAX_OUTPUT_BYTES;

export type SelfTestOutcome =
  | { scenarioId: string; file: string; report: SelfTestReport }
  | { scenarioId: string; file: string; error: string };

export interface SelfTestTarget {
  scenarioId: string;
  file: string;
}

/** What a caller (a test) may set instead of the Action's own: the CLI, the report bound. */
export interface SelfTestOptions {
  cli?: string;
  maxReportBytes?: number;
}

export async function runSelfTests(
  targets: readonly SelfTestTarget[],
  where: { workspace: string; scenariosDir: string; env: NodeJS.ProcessEnv },
  options: SelfTestOptions = {},
): Promise<SelfTestOutcome[]> {
  const cli = options.cli ?? (await scenarioCli(where.env));
  const maxReportBytes = options.maxReportBytes ?? MAX_REPORT_BYTES;
  const outcomes: SelfTestOutcome[] = [];
  for (const target of targets.slice(0, MAX_SELF_TESTS)) {
    const args = ["test", target.scenarioId, "--json", "--repo", where.workspace];
    const result = await runCli(cli, [...args, "--scenarios", where.scenariosDir], where, maxReportBytes);
    outcomes.push(outcomeOf(target, result, maxReportBytes));
  }
  return outcomes;
}

function outcomeOf(target: SelfTestTarget, result: ProcessResult, maxReportBytes: number): SelfTestOutcome {
  if (result.timedOut) return { ...target, error: `stopped after ${SELF_TEST_TIMEOUT_MS / 60_000} minutes` };
  // A cut report is no JSON: say so, rather than what stderr last said or "exited 0".
  if (result.stdoutDroppedBytes > 0) {
    const size = maxReportBytes + result.stdoutDroppedBytes;
    return {
      ...target,
      error: `it ran, but its --json report (${size} bytes) is larger than its bound of ${byteSize(maxReportBytes)}, so its result is unknown; run \`scenario test ${target.scenarioId} --json\` locally to see what makes it so large (usually a step that prints much output)`,
    };
  }
  try {
    return { ...target, report: JSON.parse(result.stdout) as SelfTestReport };
  } catch {
    // Refused before it ran (a parameter without an Example:, a document the CLI cannot plan).
    const said = result.stderr.split("\n").filter((l) => l.startsWith("error:") || l.trim());
    return { ...target, error: said.slice(-3).join(" ").slice(0, 500) || `exited ${result.code}` };
  }
}

const MIB = 1024 * 1024;
const byteSize = (bytes: number) => (bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`);

function runCli(
  cli: string,
  args: string[],
  where: { workspace: string; env: NodeJS.ProcessEnv },
  maxReportBytes: number,
) {
  return runProcess(cli, args, {
    cwd: where.workspace,
    env: { ...stepEnvironment(where.env).base, NO_COLOR: "1" },
    timeoutMs: SELF_TEST_TIMEOUT_MS,
    graceMs: SELF_TEST_GRACE_MS,
    maxStdoutBytes: maxReportBytes,
    maxStderrBytes: 64 * 1024,
  });
}
