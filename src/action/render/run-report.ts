// The run as markdown: parameters, the steps table (status, duration, commit and check links) and
// the Mermaid diagram. The PR body and the job summary are both built from it, with src/markdown, so
// names and values from documents and people are escaped by the serializer.
import type { RunRecord, StepRecord } from "../../engine/ports.ts";
import {
  type Block,
  code,
  emphasis,
  heading,
  html,
  type Inline,
  link,
  paragraph,
  render,
  strong,
  table,
} from "../../markdown/index.ts";
import type { RepoLinks } from "./links.ts";
import { runDiagram } from "./mermaid.ts";
import { runIcon, stepIcon } from "./status.ts";

export interface RunReportInput {
  run: RunRecord;
  steps: StepRecord[];
  links: RepoLinks;
  /** This workflow run's log, when known. */
  runUrl?: string;
}

export function duration(startedAt?: Date, finishedAt?: Date): string {
  if (!startedAt || !finishedAt) return "";
  const ms = finishedAt.getTime() - startedAt.getTime();
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

export function paramsTable(run: RunRecord): Block {
  const entries = Object.entries(run.params);
  if (entries.length === 0) return paragraph(emphasis("No parameters."));
  return table(
    ["parameter", "value"],
    entries.map(([name, value]) => [code(name), code(String(value))]),
  );
}

export function stepsTable(steps: StepRecord[], links: RepoLinks): Block {
  if (steps.length === 0) return paragraph(emphasis("No steps yet."));
  const rows = [...steps]
    .sort((a, b) => a.index - b.index)
    .map((step): (Inline | Inline[])[] => [
      String(step.index + 1),
      step.scenarioId
        ? [step.name, " ", html("<sub>"), `${step.scenarioId} #${step.number}`, html("</sub>")]
        : step.name,
      step.kind,
      stepIcon(step.status),
      duration(step.startedAt, step.finishedAt),
      step.commitSha ? link(links.commit(step.commitSha), code(step.commitSha.slice(0, 7))) : "",
      step.checkRunId ? link(links.checkRun(step.checkRunId), "check") : "",
    ]);
  return table(["#", "step", "kind", "status", "duration", "commit", "check"], rows);
}

export function runLinks(input: RunReportInput): Inline[] {
  const { run, links } = input;
  const parts: Inline[][] = [["branch ", link(links.tree(run.branch), code(run.branch))]];
  if (run.pullRequest)
    parts.push(["pull request ", link(links.pull(run.pullRequest), `#${run.pullRequest}`)]);
  if (run.issueNumber) parts.push(["from ", link(links.issue(run.issueNumber), `#${run.issueNumber}`)]);
  if (input.runUrl) parts.push([link(input.runUrl, "workflow run")]);
  return parts.flatMap((p, i) => (i ? [" · ", ...p] : p));
}

export function runReport(input: RunReportInput): string {
  const { run, steps } = input;
  const blocks: Block[] = [
    paragraph(
      strong("Status:"),
      ` ${runIcon(run.status)} · run `,
      code(run.id),
      " · scenario ",
      code(run.scenarioId),
    ),
    paragraph(...runLinks(input)),
  ];
  if (run.error) blocks.push({ type: "blockquote", children: [paragraph(strong("Why:"), ` ${run.error}`)] });
  blocks.push(
    heading(4, "Parameters"),
    paramsTable(run),
    heading(4, "Steps"),
    stepsTable(steps, input.links),
  );
  return `${render(blocks)}\n\n${runDiagram({ scenarioId: run.scenarioId, steps })}`;
}
