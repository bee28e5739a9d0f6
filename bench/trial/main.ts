// The trial: every scenario of a catalog on a throwaway copy of a checkout, one after the other
// (each run starts from the copy's branch, so they do not see one another), each driven to its end
// through the CLI. The original checkout is only read; that is checked, not assumed.

import { checkoutFingerprint } from "../../src/local/throwaway-clone.ts";
import { parseArgs, type TrialArgs, USAGE, UsageError } from "./args.ts";
import { readCatalog, readOverrides, withOverrides } from "./catalog.ts";
import { copyCheckout, type TrialCopy } from "./checkout.ts";
import { diffRun } from "./diff.ts";
import { type Driven, driveScenario } from "./drive.ts";
import { git, isRepoRoot } from "./git.ts";
import { type GitHubSide, repositoryCatalog, startGitHubSide } from "./github.ts";
import { entryLines, markdownTable, summaryLines, type TrialEntry, type TrialReport } from "./report.ts";

export interface TrialIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: TrialIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

export async function main(argv: string[], io: TrialIo = processIo): Promise<number> {
  let args: TrialArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  const report = await trial(args, (line) => (args.json ? io.stderr : io.stdout)(`${line}\n`));
  if (args.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else {
    io.stdout(`\n${summaryLines(report).join("\n")}\n`);
    if (args.markdown) io.stdout(`\n${markdownTable(report)}\n`);
  }
  const allSucceeded = report.counts.succeeded === report.entries.length;
  return allSucceeded && report.originalUntouched !== false ? 0 : 1;
}

export async function trial(args: TrialArgs, say: (line: string) => void): Promise<TrialReport> {
  const startedAt = new Date();
  const original = isRepoRoot(args.checkout) ? await checkoutFingerprint(args.checkout) : undefined;
  const overrides = readOverrides(args.overridesFile);
  // Through GitHub the App reads the repository's catalog, else the shipped one; the trial runs the same.
  const scenarios = args.github ? (repositoryCatalog(args.checkout) ?? args.scenarios) : args.scenarios;
  const read = withOverrides(await readCatalog(scenarios), overrides);
  for (const warning of read.warnings) say(warning);
  for (const id of args.only ?? [])
    if (!read.scenarios.some((s) => s.id === id))
      say(`warning: --only names "${id}", which is not in the catalog`);
  const chosen = args.only ? read.scenarios.filter((s) => args.only?.includes(s.id)) : read.scenarios;
  const copy = copyCheckout(args.checkout);
  let github: GitHubSide | undefined;
  try {
    say(`copied ${args.checkout} to ${copy.dir}${copy.initialised ? " (made a git repository)" : ""}`);
    if (args.github) {
      github = await startGitHubSide(copy, {
        committedDist: args.committedDist,
        timeoutMs: args.timeoutMs,
        keep: args.keep,
      });
      say(
        `GitHub faked on loopback: the App (probot run) and the Action (node dist) on a bare origin of the copy`,
      );
    }
    const width = Math.max(...chosen.map((s) => s.id.length));
    const entries: TrialEntry[] = [];
    for (const { id, params } of chosen) {
      const entry = await trialOne(id, args, copy, params, github);
      entries.push(entry);
      for (const line of entryLines(entry, width)) say(line);
    }
    const counts = { succeeded: 0, failed: 0, refused: 0 };
    for (const e of entries) counts[e.outcome]++;
    return {
      checkout: args.checkout,
      baseBranch: copy.baseBranch,
      baseSha: copy.baseSha,
      scenarios,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      originalUntouched:
        original === undefined ? undefined : (await checkoutFingerprint(args.checkout)) === original,
      entries,
      counts,
    };
  } finally {
    await github?.close();
    if (args.keep) say(`kept the copy in ${copy.dir}`);
    if (args.keep && github) say(`kept the origin and each job's output in ${github.dir}`);
    else copy.remove();
  }
}

async function trialOne(
  id: string,
  args: TrialArgs,
  copy: TrialCopy,
  params: Record<string, string>,
  github: GitHubSide | undefined,
): Promise<TrialEntry> {
  const before = checkoutState(copy);
  const started = Date.now();
  // A CLI that could not be started (node gone under a reinstall) fails this scenario, not the trial.
  const driving = github
    ? github.drive(id, params)
    : driveScenario(id, params, { repo: copy.dir, scenarios: args.scenarios, timeoutMs: args.timeoutMs });
  const driven = await driving.catch(
    (error: unknown): Driven => ({
      outcome: "failed",
      runId: undefined,
      status: undefined,
      branch: undefined,
      ticked: [],
      reason: [
        `the trial could not drive ${github ? "GitHub's side" : "the CLI"}: ${error instanceof Error ? error.message : String(error)}`,
      ],
    }),
  );
  const durationMs = Date.now() - started;
  const after = checkoutState(copy);
  const checkoutChanged = after === before ? undefined : `before:\n${before}\nafter:\n${after}`;
  const outcome = checkoutChanged && driven.outcome === "succeeded" ? "failed" : driven.outcome;
  return {
    id,
    params,
    ...driven,
    // The copy's temporary path says nothing once it is gone.
    reason: driven.reason.map((line) => line.replaceAll(copy.dir, "<copy>")),
    outcome,
    durationMs,
    // Through GitHub the branches are on the origin the jobs pushed to; the CLI makes them in the copy.
    diff: diffRun(github?.origin ?? copy.dir, copy.baseSha, driven.branch),
    checkoutChanged,
  };
}

/** The copy's own checkout: where HEAD is, where its base branch points, and its status. */
function checkoutState(copy: TrialCopy): string {
  return [
    git(copy.dir, "rev-parse", "HEAD", copy.baseBranch),
    git(copy.dir, "status", "--porcelain", "--untracked-files=all"),
  ].join("\n");
}
