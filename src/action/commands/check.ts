// `command: check`: the scenario documents a pull request changes, validated like the App's PR check,
// for repositories without the App (and, dispatched by the App, for its same-repository PRs).
// Problems become annotations at file:line (workflow annotations and a `scenario docs` check run),
// notes become notices; on a pull request from this repository's own branches each changed scenario
// is also self-tested (`scenario test`), never on a fork's. The job summary lists it all.
import path from "node:path";
import {
  catalogOf,
  changedDocuments,
  checkoutSource,
  findingsFor,
  readCatalogFiles,
} from "../../application/repository/index.ts";
import type { DocumentProblem } from "../../scenario/types.ts";
import { ActionInputError } from "../errors.ts";
import { type CheckFindings, checkOutput, failedSelfTests, summary } from "./check-report.ts";
import { runSelfTests, type SelfTestOutcome } from "./check-self-tests.ts";
import type { ActionContext, ActionResult } from "./context.ts";

export async function checkCommand(ctx: ActionContext): Promise<ActionResult> {
  const pr = ctx.runner.payload.pull_request as { number?: number; head?: { sha?: string } } | undefined;
  const number = pr?.number ?? ctx.inputs.issueNumber;
  if (!number) {
    throw new ActionInputError(
      "command",
      "'check' validates a pull request's scenario documents; run it on a pull_request event or give issue-number.",
    );
  }
  const files = await ctx.octokit.paginate(ctx.octokit.rest.pulls.listFiles, {
    owner: ctx.runner.owner,
    repo: ctx.runner.repo,
    pull_number: number,
    per_page: 100,
  });
  const { config } = await ctx.repo();
  const changed = changedDocuments(files, config.scenariosDir);
  // The whole catalog, so duplicate ids, missing dependencies and cycles count too; reported for the changed files.
  const { files: read, leftOut } = await readCatalogFiles(
    checkoutSource(ctx.runner.workspace),
    config.scenariosDir,
    { first: changed.documents },
  );
  const catalog = await catalogOf(read, leftOut);
  const { problems, notes } = findingsFor(changed, catalog);
  for (const file of changed.documents.filter((f) => !catalog.files.includes(f))) {
    problems.push({
      position: { file, line: 1, column: 1 },
      message: "changed in the pull request but not in the checkout",
      hint: "check out the pull request's head (actions/checkout does on pull_request events)",
    });
  }
  const broken = new Set(problems.map((p) => p.position.file));
  const testable = catalog.scenarios
    .filter((s) => changed.documents.includes(s.file) && !broken.has(s.file))
    .map((s) => ({ scenarioId: s.id, file: s.file }));
  const findings: CheckFindings = {
    files: changed.files,
    problems,
    notes,
    ...(await selfTests(ctx, number, testable, config.scenariosDir)),
  };
  annotate(ctx, problems, "error");
  annotate(ctx, notes, "notice");
  const failedTests = failedSelfTests(findings);
  for (const f of failedTests)
    ctx.io.error(f.message, { title: "scenario test", file: f.file, startLine: f.line });
  const headSha = pr?.head?.sha ?? ctx.runner.sha;
  if (headSha) await reportCheckUnlessForkToken(ctx, headSha, findings);
  await ctx.io.appendSummary(summary(findings));
  if (problems.length === 0 && failedTests.length === 0) return { status: "success" };
  return {
    status: "failure",
    failure: [
      problems.length
        ? `${problems.length} problem(s) in ${changed.files.length} changed scenario document(s)`
        : "",
      failedTests.length ? `${failedTests.length} scenario self-test(s) failed` : "",
    ]
      .filter(Boolean)
      .join("; ")
      .concat("; see the annotations."),
  };
}

/** Self-tests on a pull request from this repository; a fork's documents are only validated. */
async function selfTests(
  ctx: ActionContext,
  number: number,
  targets: { scenarioId: string; file: string }[],
  scenariosDir: string,
): Promise<{ selfTests: SelfTestOutcome[]; untested: string[]; fork?: string }> {
  if (targets.length === 0) return { selfTests: [], untested: [] };
  const pull = await ctx.github.pulls.get(number);
  if (!pull?.sameRepo) return { selfTests: [], untested: [], fork: pull?.headRepo ?? "a deleted fork" };
  const outcomes = await runSelfTests(targets, {
    workspace: ctx.runner.workspace,
    scenariosDir: path.join(ctx.runner.workspace, scenariosDir),
    env: ctx.env,
  });
  return { selfTests: outcomes, untested: targets.slice(outcomes.length).map((t) => t.scenarioId) };
}

function annotate(ctx: ActionContext, found: DocumentProblem[], level: "error" | "notice"): void {
  for (const p of found) {
    ctx.io[level](p.hint ? `${p.message} (hint: ${p.hint})` : p.message, {
      title: level === "notice" ? "scenario document: note" : "scenario document",
      file: p.position.file,
      startLine: p.position.line,
    });
  }
}

/**
 * On a fork's pull_request event GitHub gives the job a read-only GITHUB_TOKEN, whatever its
 * `permissions:` say (https://docs.github.com/actions/security-for-github-actions/security-guides/automatic-token-authentication#permissions-for-the-github_token):
 * the check run is refused, while the annotations and the job summary still say everything.
 */
async function reportCheckUnlessForkToken(ctx: ActionContext, headSha: string, findings: CheckFindings) {
  try {
    await reportCheck(ctx, headSha, findings);
  } catch (error) {
    if ((error as { status?: number }).status !== 403 || !forkPullRequestEvent(ctx)) throw error;
    ctx.io.warning(
      "No `scenario docs` check run: on a fork's pull request GitHub gives this job a read-only token. The annotations and the job summary hold the findings.",
    );
  }
}

function forkPullRequestEvent(ctx: ActionContext): boolean {
  const payload = ctx.runner.payload as {
    pull_request?: { head?: { repo?: { full_name?: string } | null } };
    repository?: { full_name?: string };
  };
  if (!payload.pull_request) return false;
  const head = payload.pull_request.head?.repo?.full_name;
  return head?.toLowerCase() !== payload.repository?.full_name?.toLowerCase();
}

async function reportCheck(ctx: ActionContext, headSha: string, findings: CheckFindings) {
  const checks = ctx.github.checks;
  const { annotations, conclusion } = checkOutput(findings);
  const output = (batch: typeof annotations) => ({ ...checkOutputText(findings), annotations: batch });
  // GitHub takes 50 annotations per request: the first batch creates the check, the rest update it.
  const id = await checks.start("scenario docs", headSha, "scenario-docs", output(annotations.slice(0, 50)));
  for (let i = 50; i < annotations.length; i += 50)
    await checks.progress(id, output(annotations.slice(i, i + 50)));
  await checks.complete(id, conclusion, output([]));
}

function checkOutputText(findings: CheckFindings): { title: string; summary: string } {
  const failed = failedSelfTests(findings).length;
  const problems = findings.problems.length;
  const title =
    problems || failed
      ? [problems ? `${problems} problem(s)` : "", failed ? `${failed} self-test(s) failed` : ""]
          .filter(Boolean)
          .join(", ")
      : `${findings.files.length} document(s) valid${findings.selfTests.length ? `, ${findings.selfTests.length} self-tested` : ""}`;
  return { title, summary: summary(findings) };
}
