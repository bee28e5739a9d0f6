// How `command: check` shows what it found: the job summary and the `scenario docs` check run (a table
// of the changed documents: valid, problems, a note; self-tested or why not), and one annotation per
// problem (failure), note (notice) and failed self-test (failure, at the document).
import type { SelfTestReport } from "../../application/self-test/report.ts";
import type { Conclusion } from "../../github/check-runs.ts";
import { code, heading, type Inline, list, paragraph, render, table } from "../../markdown/index.ts";
import type { DocumentProblem } from "../../scenario/types.ts";
import { MAX_SELF_TESTS, type SelfTestOutcome } from "./check-self-tests.ts";

export interface CheckFindings {
  files: string[];
  problems: DocumentProblem[];
  notes: DocumentProblem[];
  selfTests: SelfTestOutcome[];
  /** Scenarios not self-tested because the check tests at most so many. */
  untested: string[];
  /** The fork the pull request comes from: its documents were not self-tested. */
  fork?: string;
}

export interface FailedSelfTest {
  file: string;
  line: number;
  message: string;
}

/** Each failed phase in a few words, e.g. `tree restored: 1 path(s) still differ (notes/a.log)`. */
export function failedPhases(report: SelfTestReport): string[] {
  const out: string[] = [];
  const failedStep = report.run.steps.find((s) => s.status === "failed");
  if (report.run.status === "failed")
    out.push(
      `run: ${failedStep ? `step ${failedStep.step} "${failedStep.name}": ${failedStep.error ?? "failed"}` : (report.run.error ?? report.run.runStatus)}`,
    );
  for (const c of report.postValidation.checks.filter((c) => !c.holds))
    out.push(`post-validation: "${c.text}" does not hold (${c.where})`);
  for (const a of report.rollback.actions.filter((a) => !a.ok))
    out.push(`rollback: step ${a.number} "${a.name}" (${a.where}) exited ${a.exitCode}`);
  if (report.tree.status === "failed")
    out.push(
      report.tree.differences.length
        ? `tree restored: ${report.tree.differences.length} path(s) still differ from the base after the rollback steps (${report.tree.differences
            .slice(0, 5)
            .map((d) => d.replace("\t", " "))
            .join(", ")})`
        : "tree restored: the run branch is not back on the base commit",
    );
  return out;
}

export function failedSelfTests(findings: CheckFindings): FailedSelfTest[] {
  return findings.selfTests.flatMap((t): FailedSelfTest[] => {
    if ("error" in t)
      return [{ file: t.file, line: 1, message: `scenario test ${t.scenarioId} could not run: ${t.error}` }];
    if (t.report.passed) return [];
    const phases = failedPhases(t.report);
    return [
      {
        file: t.file,
        line: lineIn(t.file, t.report) ?? 1,
        message: `scenario test ${t.scenarioId} failed:\n${phases.join("\n")}`,
      },
    ];
  });
}

/** The line of the first failing check or rollback block when it is in the document itself. */
function lineIn(file: string, report: SelfTestReport): number | undefined {
  const wheres = [
    ...report.postValidation.checks.filter((c) => !c.holds).map((c) => c.where),
    ...report.rollback.actions.filter((a) => !a.ok).map((a) => a.where),
  ];
  const mine = wheres.find((w) => w.startsWith(`${file}:`));
  return mine ? Number(mine.slice(file.length + 1)) || undefined : undefined;
}

export function checkOutput(findings: CheckFindings): {
  annotations: {
    path: string;
    start_line: number;
    end_line: number;
    annotation_level: "failure" | "notice";
    message: string;
    title: string;
  }[];
  conclusion: Conclusion;
} {
  const at = (p: DocumentProblem, level: "failure" | "notice") => ({
    path: p.position.file,
    start_line: p.position.line,
    end_line: p.position.line,
    annotation_level: level,
    message: p.hint ? `${p.message}\nhint: ${p.hint}` : p.message,
    title: level === "notice" ? "scenario document: note" : "scenario document",
  });
  const failed = failedSelfTests(findings);
  return {
    annotations: [
      ...findings.problems.map((p) => at(p, "failure")),
      ...failed.map((f) => ({
        path: f.file,
        start_line: f.line,
        end_line: f.line,
        annotation_level: "failure" as const,
        message: f.message,
        title: "scenario test",
      })),
      ...findings.notes.map((p) => at(p, "notice")),
    ],
    conclusion: findings.problems.length || failed.length ? "failure" : "success",
  };
}

export function summary(findings: CheckFindings): string {
  const title = heading(3, "Scenario documents");
  const { files, problems, notes } = findings;
  if (files.length === 0)
    return `${render([title, paragraph("This pull request changes no scenario document.")])}\n`;
  const rows = files.map((file): Inline[] => {
    const mine = problems.filter((p) => p.position.file === file).length;
    const noted = notes.some((p) => p.position.file === file);
    return [
      code(file),
      mine
        ? `❌ ${mine} problem(s)`
        : noted && !findings.selfTests.some((t) => t.file === file)
          ? "ℹ️ note"
          : "✅ valid",
      selfTestCell(findings, file),
    ];
  });
  const detail = [...problems, ...notes].map((p) => [
    code(`${p.position.file}:${p.position.line}`),
    ` ${notes.includes(p) ? "note: " : ""}${p.message}`,
  ]);
  const failed = failedSelfTests(findings).map((f) => [code(f.file), ` ${f.message.replaceAll("\n", "; ")}`]);
  const why = findings.fork
    ? `Not self-tested: this pull request comes from ${findings.fork}; a fork's documents are untrusted code, so they were only validated.`
    : findings.untested.length
      ? `Not self-tested (a check tests at most ${MAX_SELF_TESTS}): ${findings.untested.join(", ")}.`
      : undefined;
  return `${render([
    title,
    table(["document", "validation", "self-test (`scenario test`)"], rows),
    ...(detail.length ? [list(detail)] : []),
    ...(failed.length ? [list(failed)] : []),
    ...(why ? [paragraph(why)] : []),
  ])}\n`;
}

function selfTestCell(findings: CheckFindings, file: string): Inline {
  const test = findings.selfTests.find((t) => t.file === file);
  if (!test) return "—";
  if ("error" in test) return "❌ could not run";
  if (test.report.passed) return "✅ passed (run, post-validation, rollback, tree restored)";
  const failed = (["run", "postValidation", "rollback", "tree"] as const).filter(
    (k) => test.report[k].status === "failed",
  );
  return `❌ failed: ${failed.map((k) => ({ run: "run", postValidation: "post-validation", rollback: "rollback", tree: "tree restored" })[k]).join(", ")}`;
}
