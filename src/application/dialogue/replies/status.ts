// `/scenario status [run]`: where a run is, its reason when it stopped, and its steps.
import type { RunRecord, StepRecord } from "../../../engine/ports.ts";
import { type Block, code, paragraph, render, strong, table } from "../../../markdown/index.ts";

export function statusReply(run: RunRecord, steps: readonly StepRecord[]): string {
  const blocks: (Block | string)[] = [
    paragraph(
      "run ",
      code(run.id),
      " of ",
      code(run.scenarioId),
      " is ",
      strong(run.status.replace("_", " ")),
      " (branch ",
      code(run.branch),
      run.pullRequest ? `, #${run.pullRequest}` : "",
      ").",
    ),
  ];
  if (run.error) blocks.push(`Reason: ${run.error}`);
  if (steps.length) {
    blocks.push(
      table(
        ["#", "step", "kind", "status"],
        [...steps]
          .sort((a, b) => a.index - b.index)
          .map((s) => [String(s.index + 1), s.name, s.kind, s.status]),
      ),
    );
  }
  return render(blocks);
}
