// The plan as a person reads it (`scenario plan`, `scenario run --dry-run`): what will run, in order,
// with every command and file write shown as it will execute.
import { memoByText } from "../../scenario/text-memo.ts";
import type { Plan, PlannedAction, PlannedCondition } from "./plan.ts";
import { stepNumber, stepProgress } from "./step-number.ts";

export function formatPlan(plan: Plan): string {
  const lines: string[] = [];
  const s = plan.scenario;
  lines.push(`Plan for ${s.scenarioId} (${s.title}), run ${plan.runId}`);
  lines.push(`  branch: ${plan.branch}`);
  lines.push(`  target: ${plan.target}`);
  const params = Object.entries(plan.params);
  lines.push(
    `  parameters: ${params.length ? params.map(([k, v]) => `${k}=${short(String(v))}`).join(" ") : "(none)"}`,
  );
  for (const dep of plan.dependencies.required) {
    lines.push(
      `  requires ${dep.scenarioId}: runs first (its ${dep.stepIndexes.length} step${dep.stepIndexes.length === 1 ? "" : "s"}) unless its post-validation already holds`,
    );
  }
  if (plan.dependencies.recommended.length) {
    lines.push(`  recommended (not run): ${plan.dependencies.recommended.join(", ")}`);
  }
  section(lines, "Pre-conditions", plan.preConditions);
  lines.push("", "Steps:");
  const sizes = new Map([...plan.dependencies.required, s].map((p) => [p.scenarioId, p.stepIndexes.length]));
  for (const step of plan.steps) {
    const timeout = step.timeoutMs ? `, timeout ${step.timeoutMs / 1000}s` : "";
    const n = stepProgress(step, sizes.get(step.scenarioId), s.scenarioId);
    lines.push(`  ${n} ${step.name} [${step.kind}${timeout}]`);
    for (const action of step.actions) lines.push(...actionLines(action));
    for (const item of step.checklist) lines.push(`      - [ ] ${item}`);
    lines.push("      then: checkpoint (a commit, when the step changed something)");
  }
  section(lines, "Post-validation", plan.postValidation);
  if (plan.healthCheck) lines.push("", "Health check:", ...actionLines(plan.healthCheck));
  lines.push("", "On failure, rollback:");
  if (!plan.rollback.length) lines.push("  (no rollback steps)");
  for (const item of plan.rollback) {
    lines.push(`  ${item.number}. ${item.name || item.description || "(unnamed)"}`);
    for (const action of item.actions) lines.push(...actionLines(action));
  }
  lines.push("  then: the branch is reset to its base commit");
  if (plan.manual.length) {
    lines.push("", "Left to people (manual):");
    for (const m of plan.manual) {
      const step = plan.steps[m.stepIndex];
      lines.push(`  - step ${step ? stepNumber(step, s.scenarioId) : m.stepIndex + 1}: ${m.text}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function section(lines: string[], title: string, conditions: PlannedCondition[]): void {
  lines.push("", `${title}:`);
  if (!conditions.length) lines.push("  (none)");
  for (const c of conditions) {
    const after = c.establishedBy
      ? ` (established by ${c.establishedBy}: checked after it when it runs)`
      : "";
    lines.push(`  - ${c.text}${c.check ? after : " (informational)"}`);
    if (c.check) lines.push(...actionLines(c.check));
  }
}

interface ShownScript {
  lines: readonly string[];
  /** The names the script refers to as `${NAME}`. */
  refs: ReadonlySet<string>;
}

/** A script as shown, and what it refers to: the same in every plan of its document. */
const shownScript = memoByText(
  (script): ShownScript => ({
    lines: script
      .replace(/\n$/, "")
      .split("\n")
      .map((line) => `          ${line}`),
    refs: new Set(Array.from(script.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g), (m) => m[1] as string)),
  }),
);

function actionLines(action: PlannedAction): string[] {
  if (action.type === "file") {
    const size = Buffer.byteLength(action.content);
    return [`      ${action.append ? "append to" : "write"} ${action.path} (${size} bytes)`];
  }
  const cwd = action.cwd === "." ? "" : ` (in ${action.cwd})`;
  const { lines, refs } = shownScript(action.script);
  const out = [`      $ bash${cwd}:`, ...lines];
  // Only the variables the script refers to: every block carries all of them.
  const env = Object.entries(action.env).filter(([name]) => refs.has(name));
  if (env.length) out.push(`        with ${env.map(([k, v]) => `${k}=${short(v)}`).join(" ")}`);
  return out;
}

function short(value: string): string {
  const json = JSON.stringify(value);
  const plain = /^[\w.@:/+-]*$/.test(value) ? value : json;
  return plain.length > 50 ? `${plain.slice(0, 47)}...(${value.length} chars)` : plain;
}
