// Runs (or resumes) three-steps in its own process with the Action's runner-side adapters (pushing
// workspace, check runs on the loopback GitHub fake, PostgreSQL store), and SIGKILLs itself at one
// phase of one step's checkpoint. The fault is injected through the ports the engine is given, so the
// engine runs unmodified. argv[2]: JSON of ChildConfig.

import { ChecksReporter } from "../../../src/action/adapters/checks-reporter.ts";
import { PushingWorkspace } from "../../../src/action/adapters/pushing-workspace.ts";
import { repoLinks } from "../../../src/action/render/links.ts";
import { buildPlan } from "../../../src/engine/plan/build-plan.ts";
import type { EnginePorts } from "../../../src/engine/ports.ts";
import { executeRun } from "../../../src/engine/run/execute.ts";
import { resumeRun } from "../../../src/engine/run/resume.ts";
import { rollbackRun } from "../../../src/engine/run/rollback.ts";
import { CheckRuns } from "../../../src/github/check-runs.ts";
import { createOctokit } from "../../../src/github/octokit.ts";
import { PullRequests } from "../../../src/github/pull-request.ts";
import { FileTaskSink } from "../../../src/local/file-task-sink.ts";
import { GitWorkspace } from "../../../src/local/git-workspace.ts";
import { openPostgres } from "../../../src/store/postgres-db.ts";
import { SqlRunStore } from "../../../src/store/run-store.ts";
import { type Phase, threeSteps } from "./fault-scenario.ts";

export interface ChildConfig {
  db: string;
  checkout: string;
  runId: string;
  apiUrl: string;
  owner: string;
  repo: string;
  mode: "run" | "resume" | "rollback";
  fault?: { phase: Phase; step: number };
}

const config = JSON.parse(process.argv[2] ?? "{}") as ChildConfig;
const die = (where: string) => {
  process.stderr.write(`killed ${where}\n`);
  process.kill(process.pid, "SIGKILL");
};
const at = (phase: Phase, step: number) => config.fault?.phase === phase && config.fault.step === step;

const db = await openPostgres(config.db);
const store = new SqlRunStore({ db });
const octokit = createOctokit({ token: "ghs_fault", baseUrl: config.apiUrl, retries: 0 });
const links = repoLinks("https://github.example", config.owner, config.repo);
const inner = await GitWorkspace.open({ repo: config.checkout, runId: config.runId });
const workspace = new PushingWorkspace({ inner, repo: config.checkout });

// The engine checkpoints through commitChanges (no empty commit); both are cut the same way.
const commitChanges = workspace.commitChanges.bind(workspace);
workspace.commitChanges = async (message, trailers) => {
  const step = Number(trailers["Scenario-Step"]);
  if (at("before-commit", step)) die(`before the commit of step ${step}`);
  const sha = await commitChanges(message, trailers);
  if (at("after-commit", step)) die(`after the commit of step ${step}`);
  return sha;
};
// The engine's row comes first; the reporter saves the step again with its check run id afterwards.
const saveStep = store.saveStep.bind(store);
store.saveStep = async (record) => {
  await saveStep(record);
  if (record.status === "succeeded" && at("after-row", record.index))
    die(`after the store row of step ${record.index}`);
};

const ports: EnginePorts = {
  workspace,
  store,
  reporter: new ChecksReporter({
    checks: new CheckRuns({ octokit, owner: config.owner, repo: config.repo }),
    pulls: new PullRequests({ octokit, owner: config.owner, repo: config.repo }),
    store,
    links,
    headSha: () => workspace.headSha(),
    closeStaleChecks: config.mode !== "run",
  }),
  tasks: new FileTaskSink({ dir: `${config.checkout}/.scenario/tasks`, store }),
};

const run =
  config.mode === "run"
    ? await executeRun(
        buildPlan({
          catalog: [threeSteps],
          scenarioId: "three-steps",
          rawParams: { name: "alpha" },
          runId: config.runId,
          now: new Date("2026-11-24T00:00:00Z"),
        }),
        ports,
        { repository: `${config.owner}/${config.repo}`, baseBranch: "main" },
      )
    : config.mode === "resume"
      ? await resumeRun(config.runId, ports, { catalog: [threeSteps] })
      : await rollbackRun(config.runId, ports, { catalog: [threeSteps] });
process.stdout.write(`${run.status}\n`);
await db.close();
