// The answer to a run or `plan` command: what will happen, in the order it happens.
import { formatPlan, type Plan } from "../../../engine/index.ts";
import {
  type Block,
  code,
  codeBlock,
  documentInline,
  html,
  inline,
  list,
  paragraph,
  render,
  strong,
  table,
} from "../../../markdown/index.ts";

import { runStatusSection } from "./run-status.ts";

export function planReply(plan: Plan, mode: "starting" | "dry-run"): string {
  const s = plan.scenario;
  const blocks: (Block | string)[] = [
    mode === "starting"
      ? paragraph(
          "run ",
          code(plan.runId),
          " of ",
          code(s.scenarioId),
          ` (${s.title}) is starting on branch `,
          code(plan.branch),
          ".",
        )
      : paragraph("plan for ", code(s.scenarioId), ` (${s.title}); nothing was run.`),
  ];
  const params = Object.entries(plan.params);
  if (params.length)
    blocks.push(
      table(
        ["parameter", "value"],
        params.map(([k, v]) => [code(k), code(String(v))]),
      ),
    );
  if (plan.dependencies.required.length) {
    blocks.push(
      paragraph(
        strong("Runs first"),
        " (unless already in place): ",
        ...joined(plan.dependencies.required.map((d) => d.scenarioId)),
      ),
    );
  }
  if (plan.dependencies.recommended.length) {
    blocks.push(paragraph(strong("Recommended"), " (not run): ", ...joined(plan.dependencies.recommended)));
  }
  blocks.push(paragraph(strong("Steps")));
  blocks.push(
    list(
      plan.steps.map((step) => [
        `${step.name} `,
        code(`[${step.kind}]`),
        ...(step.scenarioId === s.scenarioId ? [] : [" (from ", code(step.scenarioId), ")"]),
      ]),
      true,
    ),
  );
  if (plan.manual.length) {
    blocks.push(paragraph(strong("Manual"), " (a checklist here; the run waits until every item is ticked)"));
    // As the checklist comment shows them: the document's markdown (its code spans), one line each.
    blocks.push(list(plan.manual.map((m) => [`step ${m.stepIndex + 1}: `, documentInline(m.text)])));
  }
  blocks.push(html("<details><summary>Full plan</summary>"), codeBlock(formatPlan(plan)), html("</details>"));
  // Read back by a zero-server job to find the latest run (only from the bot's own comments).
  if (mode === "starting") {
    blocks.push(html(`<!-- scenario-bot run:${plan.runId} -->`));
    // Rewritten in place by the job that drives the run (run-status.ts).
    blocks.push(html(runStatusSection({ status: "queued", runId: plan.runId })));
  }
  blocks.push(
    mode === "starting"
      ? paragraph(
          "Cancel with ",
          code(`/scenario cancel ${plan.runId}`),
          "; check on it with ",
          code(`/scenario status ${plan.runId}`),
          ".",
        )
      : paragraph("Run it with ", code(commandFor(s.scenarioId, plan.params)), "."),
  );
  return render(blocks);
}

/** `a`, `b` and `c` as code spans with commas. */
export function joined(values: readonly string[]) {
  return values.flatMap((v, i) => (i === 0 ? [code(v)] : [", ", code(v)]));
}

/** The exact command that runs `id` with `params`, quoting values that need it. */
export function commandFor(id: string, params: Record<string, unknown>): string {
  const args = Object.entries(params).map(([k, v]) => {
    const value = String(v);
    return /^[^\s"'\\`]+$/.test(value) && value !== ""
      ? `${k}=${value}`
      : `${k}="${value.replace(/["\\]/g, "\\$&")}"`;
  });
  return ["/scenario", id, ...args].join(" ");
}

/** One sentence around values: `inline` re-exported for replies that are a single line. */
export { inline };

const RUN_MARKER = /<!-- scenario-bot run:([A-Za-z0-9][A-Za-z0-9_.-]{0,79}) -->/;

/** The run a "starting" reply announced, from its hidden marker. */
export function runMarkerIn(body: string): string | undefined {
  return RUN_MARKER.exec(body)?.[1];
}
