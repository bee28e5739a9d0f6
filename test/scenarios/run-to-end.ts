// Runs one shipped scenario on a repository with the CLI's adapters, ticking every manual task (as a
// person editing the task file would) and resuming, until the run stops waiting.
import { readFileSync, writeFileSync } from "node:fs";
import { checkoutSource, resolveLayout } from "../../src/application/repository/index.ts";
import { buildPlan } from "../../src/engine/plan/build-plan.ts";
import type { RunRecord } from "../../src/engine/ports.ts";
import { executeRun } from "../../src/engine/run/execute.ts";
import { resumeRun } from "../../src/engine/run/resume.ts";
import type { Catalog } from "../../src/scenario/index.ts";
import type { Db } from "../../src/store/db.ts";
import { localPorts } from "../support/engine-harness.ts";
import { CLI_PATH } from "./monorepo.ts";

/** The runs' start time, so `{timestamp}` is known: 20261124100000. */
export const NOW = new Date("2026-11-24T10:00:00Z");

let counter = 0;

export async function runToEnd(
  db: Db,
  catalog: Catalog,
  dir: string,
  scenarioId: string,
  rawParams: Record<string, string>,
) {
  const runId = `20261124-p${process.pid}x${String(++counter).padStart(4, "0")}`;
  // The layout read from the copy, as the CLI and the Action read it from their checkout.
  const layout = await resolveLayout(checkoutSource(dir));
  const plan = buildPlan({ catalog: catalog.scenarios, scenarioId, rawParams, runId, now: NOW, layout });
  const ports = await localPorts(db, dir, runId);
  const options = { repository: dir, baseBranch: "main", cliPath: CLI_PATH };
  let run: RunRecord = await executeRun(plan, ports, options);
  for (let round = 0; run.status === "waiting" && round < 5; round++) {
    const taskFile = ports.tasks.fileOf(runId);
    writeFileSync(taskFile, readFileSync(taskFile, "utf8").replaceAll("- [ ]", "- [x]"));
    run = await resumeRun(runId, await localPorts(db, dir, runId), {
      ...options,
      catalog: catalog.scenarios,
      layout,
    });
  }
  return { run, plan, runId, ports };
}
