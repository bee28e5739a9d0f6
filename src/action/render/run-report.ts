// The run as markdown: parameters, the steps table (status, duration, commit and check links) and
// the Mermaid diagram. The PR body and the job summary are both built from it.
import type { RunRecord, StepRecord } from "../../engine/ports.ts";
import type { RepoLinks } from "./links.ts";
import { cell, codeCell, duration, table } from "./markdown.ts";
import { runDiagram } from "./mermaid.ts";
import { runIcon, stepIcon } from "./status.ts";

export interface RunReportInput {
  run: RunRecord;
  steps: StepRecord[];
  links: RepoLinks;
  /** This workflow run's log, when known. */
  runUrl?: string;
}

export function paramsTable(run: RunRecord): string {
  const entries = Object.entries(run.params);
  if (entries.length === 0) return "_No parameters._";
  return table(
    ["parameter", "value"],
    entries.map(([name, value]) => [codeCell(name), codeCell(String(value))]),
  );
}

export function stepsTable(steps: StepRecord[], links: RepoLinks): string {
  if (steps.length === 0) return "_No steps yet._";
  const rows = [...steps]
    .sort((a, b) => a.index - b.index)
    .map((step) => [
      String(step.index + 1),
      `${cell(step.name)}${step.scenarioId ? ` <sub>${cell(step.scenarioId)} #${step.number}</sub>` : ""}`,
      step.kind,
      stepIcon(step.status),
      duration(step.startedAt, step.finishedAt),
      step.commitSha ? `[\`${step.commitSha.slice(0, 7)}\`](${links.commit(step.commitSha)})` : "",
      step.checkRunId ? `[check](${links.checkRun(step.checkRunId)})` : "",
    ]);
  return table(["#", "step", "kind", "status", "duration", "commit", "check"], rows);
}

export function runLinks(input: RunReportInput): string {
  const { run, links } = input;
  const parts = [`branch [\`${cell(run.branch)}\`](${links.tree(run.branch)})`];
  if (run.pullRequest) parts.push(`pull request [#${run.pullRequest}](${links.pull(run.pullRequest)})`);
  if (run.issueNumber) parts.push(`from [#${run.issueNumber}](${links.issue(run.issueNumber)})`);
  if (input.runUrl) parts.push(`[workflow run](${input.runUrl})`);
  return parts.join(" · ");
}

export function runReport(input: RunReportInput): string {
  const { run, steps } = input;
  const lines = [
    `**Status:** ${runIcon(run.status)} · run \`${run.id}\` · scenario \`${run.scenarioId}\``,
    "",
    runLinks(input),
  ];
  if (run.error) lines.push("", `> **Why:** ${cell(run.error)}`);
  lines.push(
    "",
    "#### Parameters",
    "",
    paramsTable(run),
    "",
    "#### Steps",
    "",
    stepsTable(steps, input.links),
    "",
    runDiagram({ scenarioId: run.scenarioId, steps }),
  );
  return lines.join("\n");
}
