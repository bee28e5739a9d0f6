// Runs one scenario in a separate process so a test can SIGKILL it mid-step.
// argv: <database url> <repo> <run id> <scenario id> <k=v>...
import { buildPlan } from "../../../src/engine/plan/build-plan.ts";
import { parseParamArgs } from "../../../src/engine/plan/params.ts";
import { executeRun } from "../../../src/engine/run/execute.ts";
import { openPostgres } from "../../../src/store/postgres-db.ts";
import { localPorts } from "../../support/engine-ports.ts";
import { catalog } from "./fixtures.ts";

const [url, repo, runId, scenarioId, ...args] = process.argv.slice(2);
if (!url || !repo || !runId || !scenarioId)
  throw new Error("usage: child-run.ts <db url> <repo> <run id> <scenario> k=v...");
const db = await openPostgres(url);
const plan = buildPlan({
  catalog,
  scenarioId,
  rawParams: parseParamArgs(scenarioId, args),
  runId,
  now: new Date(),
});
// SIGINT cancels, as Ctrl-C does in the CLI: the step stops, the run rolls back and ends cancelled.
const controller = new AbortController();
process.once("SIGINT", () => controller.abort());
const run = await executeRun(plan, await localPorts(db, repo, runId), {
  repository: repo,
  baseBranch: "main",
  signal: controller.signal,
});
process.stdout.write(`${run.status}\n`);
await db.close();
