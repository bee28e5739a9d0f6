// Rendering one document node (step, condition, rollback item, block) into its planned form.
import type { Block, Condition, ParameterValue, RollbackStep, Step } from "../../scenario/types.ts";
import { normaliseRelative } from "./paths.ts";
import type {
  PlannedAction,
  PlannedCondition,
  PlannedRollbackStep,
  PlannedShell,
  PlannedStep,
} from "./plan.ts";
import { whereOf } from "./plan.ts";
import { renderShellBlock, renderTextValue } from "./render.ts";

type Values = Record<string, ParameterValue>;

export function plannedShell(
  scenarioId: string,
  block: Block,
  values: Values,
  stepTimeoutMs?: number,
): PlannedShell {
  const where = whereOf(block.position);
  const { script, env } = renderShellBlock(block.content, values);
  const cwd =
    block.cwd === undefined
      ? "."
      : normaliseRelative(renderTextValue(block.cwd, values), { scenarioId, where });
  const timeoutMs = block.timeoutMs ?? stepTimeoutMs;
  return { type: "shell", script, env, cwd, where, ...(timeoutMs === undefined ? {} : { timeoutMs }) };
}

/**
 * A fenced block loses its last newline in markdown; a text file (and an appended line) keeps one,
 * unless the block says the file has none (`no-final-newline`).
 */
function asTextFile(content: string, block: Block): string {
  return content === "" || content.endsWith("\n") || block.noFinalNewline ? content : `${content}\n`;
}

export function plannedStep(scenarioId: string, step: Step, index: number, values: Values): PlannedStep {
  const actions: PlannedAction[] = [];
  for (const block of step.blocks) {
    if (block.check) continue;
    if (block.kind === "shell") actions.push(plannedShell(scenarioId, block, values, step.timeoutMs));
    else if (block.kind === "file" && block.path !== undefined && step.kind === "automated") {
      const where = whereOf(block.position);
      actions.push({
        type: "file",
        path: normaliseRelative(renderTextValue(block.path, values), { scenarioId, where }),
        content: asTextFile(renderTextValue(block.content, values), block),
        append: block.append,
        where,
      });
    }
  }
  return {
    index,
    scenarioId,
    number: step.number,
    name: step.name,
    kind: step.kind,
    description: renderTextValue(step.description, values),
    actions,
    checklist: step.checklist.map((item) => renderTextValue(item.text, values)),
    ...(step.timeoutMs === undefined ? {} : { timeoutMs: step.timeoutMs }),
    where: whereOf(step.position),
  };
}

export function plannedCondition(scenarioId: string, condition: Condition, values: Values): PlannedCondition {
  return {
    scenarioId,
    text: renderTextValue(condition.text, values),
    ...(condition.check ? { check: plannedShell(scenarioId, condition.check, values) } : {}),
    ...(condition.check?.establishedBy ? { establishedBy: condition.check.establishedBy } : {}),
  };
}

export function plannedRollback(scenarioId: string, step: RollbackStep, values: Values): PlannedRollbackStep {
  return {
    scenarioId,
    number: step.number,
    name: step.name,
    description: renderTextValue(step.description, values),
    actions: step.blocks.filter((b) => b.kind === "shell").map((b) => plannedShell(scenarioId, b, values)),
  };
}
