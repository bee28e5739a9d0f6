// `scenario test`'s report as text: one line per phase (run, post-validation, rollback, tree restored),
// what failed under it, then one verdict line.

import type { PhaseStatus, SelfTestReport } from "../../../application/self-test/report.ts";
import { explainingLines } from "../../../engine/run/explain.ts";

const MARK: Record<PhaseStatus, string> = { passed: "passed", failed: "FAILED", skipped: "skipped" };
const DIFF: Record<string, string> = {
  A: "added",
  M: "changed",
  D: "deleted",
  T: "type changed",
  "?": "untracked",
};

export function reportLines(
  report: SelfTestReport,
  context: { checkoutUntouched: boolean; base: string },
): string[] {
  const phase = (name: string, status: PhaseStatus, text: string) =>
    `  ${name.padEnd(16)} ${MARK[status].padEnd(8)} ${text}`;
  const detail = (text: string) => `${" ".repeat(28)}${text}`;
  const lines = ["", `scenario test ${report.scenarioId}:`];

  const { run } = report;
  const done = run.steps.filter((s) => s.status === "succeeded").length;
  const skipped = run.steps.filter((s) => s.status === "skipped").length;
  const failed = run.steps.find((s) => s.status === "failed");
  lines.push(
    phase(
      "run",
      run.status,
      failed
        ? `step ${failed.step} "${failed.name}" (${failed.kind}): ${failed.error ?? "failed"}`
        : run.status === "failed"
          ? (run.error ?? `the run ended ${run.runStatus}`)
          : `${done} step(s) done${skipped ? `, ${skipped} skipped (a dependency that already holds)` : ""}`,
    ),
  );
  if (failed?.outputTail)
    for (const l of explainingLines(failed.error ?? "", failed.outputTail).slice(0, 8))
      lines.push(detail(`| ${l}`));
  for (const t of run.ticked)
    lines.push(detail(`manual step ${t.step} "${t.name}" treated as ticked (${t.items.length} item(s))`));

  const post = report.postValidation;
  const broken = post.checks.filter((c) => !c.holds);
  lines.push(
    phase(
      "post-validation",
      post.status,
      post.status === "skipped"
        ? "not reached"
        : broken.length
          ? broken.map((c) => `${c.scenarioId}: "${c.text}" does not hold (${c.where})`).join("; ")
          : `${post.checks.length} check(s) held`,
    ),
  );
  for (const text of post.unchecked) lines.push(detail(`not checked (no check block): ${text}`));

  const { actions } = report.rollback;
  const failedActions = actions.filter((a) => !a.ok);
  lines.push(
    phase(
      "rollback",
      report.rollback.status,
      failedActions.length
        ? failedActions
            .map((a) => `${a.scenarioId} rollback ${a.number} "${a.name}" (${a.where}) exited ${a.exitCode}`)
            .join("; ")
        : `${actions.length} rollback block(s) ran`,
    ),
  );
  for (const a of failedActions)
    for (const l of a.outputTail.split("\n").filter(Boolean).slice(-4)) lines.push(detail(`| ${l}`));

  const { tree } = report;
  const short = report.baseSha.slice(0, 8);
  lines.push(
    phase(
      "tree restored",
      tree.status,
      tree.status === "passed"
        ? `no changed, added or untracked file against ${short}; the run branch is back on it`
        : tree.differences.length
          ? `${tree.differences.length} path(s) still differ from ${short} after the rollback steps:`
          : `the run branch is not back on ${short}`,
    ),
  );
  for (const d of tree.differences.slice(0, 20)) {
    const [status = "", path = ""] = d.split("\t");
    lines.push(detail(`${(DIFF[status[0] ?? ""] ?? status).padEnd(10)} ${path}`));
  }
  if (tree.differences.length > 20) lines.push(detail(`and ${tree.differences.length - 20} more`));
  if (tree.differences.length)
    lines.push(detail("hint: give the document rollback steps that undo each of these (## Rollback)"));

  if (!context.checkoutUntouched)
    lines.push(`  your checkout changed during the test (HEAD, branches or status)`);
  const passed = report.passed && context.checkoutUntouched;
  lines.push(
    "",
    passed
      ? `PASSED: ${report.scenarioId} ran, held its post-validation and rolled back to ${context.base} @ ${short}`
      : `FAILED: ${report.scenarioId} (the phases marked FAILED above)`,
  );
  return lines;
}
