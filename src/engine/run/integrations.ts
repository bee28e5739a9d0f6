// After a successful run: the execution log (the plan's living document) gets a line on the run
// branch, the health check runs when the document has one, and what is left to people becomes a task.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Plan } from "../plan/plan.ts";
import type { ActiveRun } from "./options.ts";
import { runTrailers, TRAILER } from "./trailers.ts";

export const EXECUTION_LOG = "docs/continuous-improvement/execution-log.md";

const LOG_HEADER = `# Scenario execution log

Every successful scenario run appends one line here, on its own branch. It is the living record the
continuous-improvement reviews read: what ran, with which parameters, how long it took.

| finished (UTC) | run | scenario | parameters | steps | duration |
| --- | --- | --- | --- | --- | --- |
`;

/** A long value cut with an ellipsis, so the log never reads as if the value ended there. */
export const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Appends this run's line and commits it, once (a resumed run finds its line and does nothing). */
export async function appendExecutionLog({ plan, ports, journal }: ActiveRun): Promise<void> {
  const run = journal.run;
  const file = path.join(ports.workspace.root, EXECUTION_LOG);
  // dhg-mono keeps it in docs/; a repository without a docs/ folder does not get one for a log line.
  if (!existsSync(file) && !existsSync(path.join(ports.workspace.root, "docs"))) {
    ports.reporter.log(`no execution log: the repository has no docs/ folder for ${EXECUTION_LOG}`);
    return;
  }
  const current = existsSync(file) ? readFileSync(file, "utf8") : LOG_HEADER;
  if (current.includes(`| ${run.id} |`)) return;
  const steps = journal.steps();
  const ran = steps.filter((s) => s.status === "succeeded").length;
  const skipped = steps.filter((s) => s.status === "skipped").length;
  const params = Object.entries(run.params)
    .map(([k, v]) => `${k}=${clip(String(v), 40)}`.replaceAll("|", "\\|").replace(/\s+/g, " "))
    .join(" ");
  const seconds = Math.round((Date.now() - plan.startedAt.getTime()) / 1000);
  const line = `| ${new Date().toISOString().slice(0, 19).replace("T", " ")} | ${run.id} | ${run.scenarioId} | ${params || "-"} | ${ran} ran${skipped ? `, ${skipped} skipped` : ""} | ${seconds}s |\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${current.endsWith("\n") ? current : `${current}\n`}${line}`);
  await ports.workspace.commit(`${run.scenarioId}: execution log\n\nRun ${run.id} succeeded.`, {
    ...runTrailers(plan, run),
    [TRAILER.log]: EXECUTION_LOG,
  });
}

/** Runs the health check; its verdict is reported, it does not undo a run whose post-validation held. */
export async function runHealthCheck({ plan, blocks, ports }: ActiveRun): Promise<boolean | undefined> {
  const check = plan.healthCheck;
  if (!check) return undefined;
  const outcome = await blocks.shell(check);
  ports.reporter.log(
    outcome.ok
      ? "health check passed"
      : `health check FAILED (${check.where}): ${outcome.output.trim().slice(-300)}`,
  );
  return outcome.ok;
}

/** Something the run could not check: the task a person gets, and how the report names it. */
export interface Unchecked {
  task: string;
  said: string;
}

/** What no check verified (conditions without a check block, a service without a health check): one task for the team. */
export function uncheckedByTheRun(plan: Plan): Unchecked[] {
  const items: Unchecked[] = [];
  for (const [phase, conditions] of [
    ["pre-condition", plan.preConditions],
    ["post-validation", plan.postValidation],
  ] as const) {
    for (const [i, c] of conditions.entries()) {
      if (!c.check)
        items.push({ task: `Confirm: ${c.text}`, said: `${phase} ${i + 1} "${c.text}" has no check` });
    }
  }
  if (plan.healthCheck === undefined && ["service", "proxy"].includes(plan.scenario.objectType)) {
    items.push({
      task: `Check that ${plan.target} is healthy once deployed (the scenario has no health check)`,
      said: "the scenario has no health check",
    });
  }
  return items;
}
