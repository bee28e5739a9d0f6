// The answer to a run or `plan` command: what will happen, in the order it happens.
import { formatPlan, type Plan } from "../../engine/index.ts";
import { cell, code, fenced } from "./markdown.ts";

export function planReply(plan: Plan, mode: "dispatched" | "dry-run"): string {
  const s = plan.scenario;
  const lines: string[] = [];
  lines.push(
    mode === "dispatched"
      ? `run ${code(plan.runId)} of ${code(s.scenarioId)} (${cell(s.title)}) is queued on branch ${code(plan.branch)}.`
      : `plan for ${code(s.scenarioId)} (${cell(s.title)}); nothing was run.`,
    "",
  );
  const params = Object.entries(plan.params);
  if (params.length) {
    lines.push("| parameter | value |", "| --- | --- |");
    for (const [k, v] of params) lines.push(`| ${code(k)} | ${code(String(v))} |`);
    lines.push("");
  }
  if (plan.dependencies.required.length) {
    lines.push(
      `**Runs first** (unless already in place): ${plan.dependencies.required.map((d) => code(d.scenarioId)).join(", ")}`,
    );
  }
  if (plan.dependencies.recommended.length) {
    lines.push(`**Recommended** (not run): ${plan.dependencies.recommended.map(code).join(", ")}`);
  }
  lines.push("", "**Steps**", "");
  for (const step of plan.steps) {
    const owner = step.scenarioId === s.scenarioId ? "" : ` (from ${code(step.scenarioId)})`;
    lines.push(`${step.index + 1}. ${cell(step.name)} \`[${step.kind}]\`${owner}`);
  }
  if (plan.manual.length) {
    lines.push("", "**Manual** (a checklist here; the run waits until every item is ticked)", "");
    for (const m of plan.manual) lines.push(`- step ${m.stepIndex + 1}: ${cell(m.text)}`);
  }
  lines.push("", "<details><summary>Full plan</summary>", "", fenced(formatPlan(plan)), "", "</details>");
  if (mode === "dispatched") {
    lines.push(
      "",
      `Cancel with ${code(`/scenario cancel ${plan.runId}`)}; check on it with ${code(`/scenario status ${plan.runId}`)}.`,
    );
  } else {
    lines.push("", `Run it with ${code(commandFor(s.scenarioId, plan.params))}.`);
  }
  return lines.join("\n");
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
