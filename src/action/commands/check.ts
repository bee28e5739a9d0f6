// `command: check`: the scenario documents a pull request changes, validated like the App's PR check,
// for repositories without the App. Problems become annotations at file:line (workflow annotations
// and a `scenario docs` check run), and the job summary lists them.
import {
  catalogOf,
  checkoutSource,
  isScenarioDocument,
  readCatalogFiles,
} from "../../application/repository/index.ts";
import type { CheckOutput } from "../../github/check-runs.ts";
import { code, heading, type Inline, list, paragraph, render, table } from "../../markdown/index.ts";
import type { DocumentProblem } from "../../scenario/types.ts";
import { ActionInputError } from "../errors.ts";
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
  const docs = files
    .filter((f) => f.status !== "removed" && f.filename.startsWith(`${config.scenariosDir}/`))
    .map((f) => f.filename)
    .filter(isScenarioDocument);
  // The whole catalog, so duplicate ids, missing dependencies and cycles count too; reported for the changed files.
  const { files: read, leftOut } = await readCatalogFiles(
    checkoutSource(ctx.runner.workspace),
    config.scenariosDir,
    {
      first: docs,
    },
  );
  const catalog = await catalogOf(read, leftOut);
  const changed = new Set(docs);
  const problems: DocumentProblem[] = catalog.problems.filter((p) => changed.has(p.position.file));
  for (const file of docs.filter((f) => !catalog.files.includes(f))) {
    problems.push({
      position: { file, line: 1, column: 1 },
      message: "changed in the pull request but not in the checkout",
      hint: "check out the pull request's head (actions/checkout does on pull_request events)",
    });
  }
  for (const p of problems) {
    ctx.io.error(p.hint ? `${p.message} (hint: ${p.hint})` : p.message, {
      title: "scenario document",
      file: p.position.file,
      startLine: p.position.line,
    });
  }
  const headSha = pr?.head?.sha ?? ctx.runner.sha;
  if (headSha) await reportCheck(ctx, headSha, docs, problems);
  await ctx.io.appendSummary(summary(docs, problems));
  const status = problems.length === 0 ? "success" : "failure";
  return problems.length === 0
    ? { status }
    : {
        status,
        failure: `${problems.length} problem(s) in ${docs.length} changed scenario document(s); see the annotations.`,
      };
}

async function reportCheck(ctx: ActionContext, headSha: string, docs: string[], problems: DocumentProblem[]) {
  const checks = ctx.github.checks;
  const annotations = problems.map((p) => ({
    path: p.position.file,
    start_line: p.position.line,
    end_line: p.position.line,
    annotation_level: "failure" as const,
    message: p.hint ? `${p.message}\nhint: ${p.hint}` : p.message,
  }));
  const output = (batch: typeof annotations): CheckOutput => ({
    title: problems.length === 0 ? `${docs.length} document(s) valid` : `${problems.length} problem(s)`,
    summary: summary(docs, problems),
    annotations: batch,
  });
  // GitHub takes 50 annotations per request: the first batch creates the check, the rest update it.
  const id = await checks.start("scenario docs", headSha, "scenario-docs", output(annotations.slice(0, 50)));
  for (let i = 50; i < annotations.length; i += 50)
    await checks.progress(id, output(annotations.slice(i, i + 50)));
  await checks.complete(id, problems.length === 0 ? "success" : "failure", output([]));
}

function summary(docs: string[], problems: DocumentProblem[]): string {
  const title = heading(3, "Scenario documents");
  if (docs.length === 0)
    return `${render([title, paragraph("This pull request changes no scenario document.")])}\n`;
  const rows = docs.map((file): Inline[] => {
    const mine = problems.filter((p) => p.position.file === file).length;
    return [code(file), mine === 0 ? "✅ valid" : `❌ ${mine} problem(s)`];
  });
  const detail = problems.map((p) => [code(`${p.position.file}:${p.position.line}`), ` ${p.message}`]);
  return `${render([title, table(["document", "result"], rows), ...(detail.length ? [list(detail)] : [])])}\n`;
}
