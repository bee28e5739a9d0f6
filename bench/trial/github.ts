// The trial through GitHub (`--github`): each scenario asked for the way a team asks for it, with a
// comment on an issue, and driven to its end the way the product drives it. Everything but GitHub is
// real: the App as deployed (`probot run`, test/support/app-process.ts) with its PostgreSQL database,
// the Action as a runner starts it (`node <bundle>` in a fresh clone of a bare origin holding the
// copy), and the jobs sharing the App's database as an installation's workflow does. GitHub is the
// loopback fake (test/support/github-fake): it delivers the person's comment to the App, starts the
// workflow the App dispatches, and refuses what GitHub would. A run waiting on a manual step is resumed
// as a person resumes it: its checklist's boxes ticked on the issue, which GitHub delivers to the App.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { commandFor } from "../../src/application/dialogue/replies/plan.ts";
import { isScenarioDocument } from "../../src/application/repository/catalog.ts";
import type { RunStatus } from "../../src/engine/ports.ts";
import { explainingLines } from "../../src/engine/run/explain.ts";
import type { Db } from "../../src/store/db.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { SqlRunStore } from "../../src/store/run-store.ts";
import { type AppProcess, startAppProcess } from "../../test/support/app-process.ts";
import { OriginBranches } from "../../test/support/git-origin.ts";
import {
  addRepo,
  type FakeRepo,
  type GitHubFake,
  grantToken,
  scenarioBotApp,
  startGitHubFake,
} from "../../test/support/github-fake/index.ts";
import { drainViolations, formatViolations } from "../../test/support/github-fake/violations.ts";
import { type ActionRun, buildDist, spawnAction, withFromDispatch } from "../../test/support/spawn-action.ts";
import type { TrialCopy } from "./checkout.ts";
import { type Driven, outcomeOf, REASON_LINES, withoutStack } from "./drive.ts";
import { git } from "./git.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** The workflow an installation with the App commits (what `scenario init` writes). */
const WORKFLOW = path.join(ROOT, "templates/app/scenario.yml");
/** The installation token the App's workflow mints for its job (actions/create-github-app-token). */
const JOB_TOKEN = "ghs_trial_app_installation";
/** The person asking: the repository's admin, so no scenario's role refuses them. */
const PERSON = { login: "octocat", id: 583231, type: "User" as const };
/** Rounds of ticking and resuming before a run still waiting counts as failed. */
const MAX_ROUNDS = 10;

export interface GitHubSide {
  /** The bare origin the jobs push to: where the runs' branches are. */
  readonly origin: string;
  /** The origin's folder, which also holds each job's output (`job-<workflow run>.log`). */
  readonly dir: string;
  drive(id: string, params: Record<string, string>): Promise<Driven>;
  close(): Promise<void>;
}

export interface GitHubSideOptions {
  /** Run the committed dist/index.js (writes spaced 1 s apart, as in production) instead of a fresh build. */
  committedDist: boolean;
  /** Limit of one job, in milliseconds. */
  timeoutMs: number;
  /** Leave the origin and the jobs' output behind (--keep). */
  keep: boolean;
}

/** One job the fake started: its workflow run's event and how it ended. */
interface Job {
  event: string;
  ran: ActionRun | undefined;
}

export async function startGitHubSide(copy: TrialCopy, options: GitHubSideOptions): Promise<GitHubSide> {
  const dir = mkdtempSync(path.join(tmpdir(), "scenario-trial-github-"));
  const origin = path.join(dir, "origin.git");
  let bundle: { entry: string; dispose(): void } | undefined;
  let fake: GitHubFake | undefined;
  let app: AppProcess | undefined;
  let db: Db | undefined;
  const close = async () => {
    await fake?.settled();
    await db?.close();
    await app?.stop();
    await fake?.close();
    bundle?.dispose();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync("git", ["clone", "-q", "--bare", copy.dir, origin]);
    bundle = options.committedDist
      ? { entry: path.join(ROOT, "dist/index.js"), dispose: () => {} }
      : await buildDist("test", path.join(ROOT, "build", `trial-action-${process.pid}`));
    fake = await startGitHubFake();
    const repo = addRepo(fake.state, {
      owner: "trial",
      name: path.basename(copy.dir),
      defaultBranch: copy.baseBranch,
      files: { ...githubFiles(copy), ".github/workflows/scenario.yml": readFileSync(WORKFLOW, "utf8") },
      roles: { [PERSON.login]: "admin" },
      workflows: {
        "scenario.yml": {
          inputs: { command: {}, scenario: {}, params: {}, "run-id": {}, "issue-number": {} },
        },
      },
    });
    repo.branches = new OriginBranches(origin, repo.branches);
    grantToken(fake.state, JOB_TOKEN, scenarioBotApp(fake.state));
    app = await startAppProcess(fake, "trial");
    db = await openPostgres(app.databaseUrl);
    const jobs: Job[] = [];
    connect(fake, app, repo, jobs, { dir, origin, bundle: bundle.entry, timeoutMs: options.timeoutMs });
    const driver = new Driver(fake, repo, new SqlRunStore({ db }), jobs);
    return { origin, dir, drive: (id, params) => driver.drive(id, params), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The App hears the repository's events; the runner runs the scenario workflow's jobs, one clone each. */
function connect(
  fake: GitHubFake,
  app: AppProcess,
  repo: FakeRepo,
  jobs: Job[],
  runner: { dir: string; origin: string; bundle: string; timeoutMs: number },
): void {
  fake.connect({
    app: async (d) => {
      await app.deliver(d.name, d.id, d.payload);
    },
    runner: async ({ run, payload }) => {
      // The repository's own workflows may listen to comments too: started, not run here.
      if (run.workflow !== "scenario.yml") return "success";
      const job: Job = { event: run.event, ran: undefined };
      jobs.push(job);
      const workspace = path.join(runner.dir, `job-${run.id}`);
      execFileSync("git", ["clone", "-q", runner.origin, workspace]);
      try {
        const inputs = run.event === "workflow_dispatch" ? (payload.inputs as Record<string, string>) : {};
        job.ran = await spawnAction({
          entry: runner.bundle,
          apiUrl: fake.url,
          repository: `${repo.owner}/${repo.name}`,
          workspace,
          eventName: run.event,
          payload,
          runId: run.id,
          ref: `refs/heads/${run.headBranch}`,
          timeoutMs: runner.timeoutMs,
          inputs: withFromDispatch(
            { command: "", ...inputs },
            { "github-token": JOB_TOKEN, "database-url": app.databaseUrl },
          ),
        });
        const { code, timedOut, stdout, stderr } = job.ran;
        writeFileSync(
          path.join(runner.dir, `job-${run.id}.log`),
          `${run.event} ${JSON.stringify(inputs)}\nexit ${code}${timedOut ? " (timed out)" : ""}\n${stdout}${stderr}`,
        );
        return code === 0 ? "success" : "failure";
      } finally {
        rmSync(workspace, { recursive: true, force: true });
      }
    },
  });
}

/** Drives each scenario on an issue of its own: the comment, then ticks until the run stops waiting. */
class Driver {
  readonly fake: GitHubFake;
  readonly repo: FakeRepo;
  readonly store: SqlRunStore;
  readonly jobs: Job[];
  constructor(fake: GitHubFake, repo: FakeRepo, store: SqlRunStore, jobs: Job[]) {
    this.fake = fake;
    this.repo = repo;
    this.store = store;
    this.jobs = jobs;
  }

  async drive(id: string, params: Record<string, string>): Promise<Driven> {
    const issue = this.openIssue(`trial: ${id}`);
    const mark = this.fake.requests.length;
    this.fake.comment(this.repo, { issue, user: PERSON, body: commandFor(id, params) });
    await this.fake.settled();
    const runId = this.dispatchedRun(mark);
    if (runId === undefined) return withViolations(this.refused(issue));

    const ticked: string[] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const run = await this.store.getRun(runId);
      if (run?.status !== "waiting" || this.jobs.at(-1)?.ran?.timedOut) break;
      const open = (await this.store.listTasks(runId)).filter((t) => !t.done);
      const checklist = run.checklistCommentId && this.repo.comments.get(run.checklistCommentId);
      if (!checklist || open.length === 0) break;
      const steps = await this.store.listSteps(runId);
      for (const index of new Set(open.map((t) => t.stepIndex)))
        ticked.push(String(steps.find((s) => s.index === index)?.number ?? index + 1));
      this.fake.editComment(this.repo, {
        commentId: checklist.id,
        user: PERSON,
        body: checklist.body.replaceAll("- [ ]", "- [x]"),
      });
      await this.fake.settled();
    }
    return withViolations(await this.ended(runId, ticked));
  }

  private openIssue(title: string): number {
    const number = this.repo.nextNumber++;
    const at = new Date().toISOString();
    this.repo.issues.set(number, {
      number,
      title,
      body: "",
      state: "open",
      labels: [],
      user: PERSON,
      createdAt: at,
      updatedAt: at,
    });
    return number;
  }

  /** The run the App dispatched for the comment: the `run-id` of its first `run` dispatch after `mark`. */
  private dispatchedRun(mark: number): string | undefined {
    for (const request of this.fake.requests.slice(mark)) {
      if (request.operation !== "actions/create-workflow-dispatch" || request.status !== 204) continue;
      const inputs = (request.body as { inputs?: Record<string, string> }).inputs;
      if (inputs?.command === "run" && inputs["run-id"]) return inputs["run-id"];
    }
    return undefined;
  }

  /** The App dispatched nothing: its reply says why. */
  private refused(issue: number): Driven {
    const replies = [...this.repo.comments.values()].filter(
      (c) => c.issueNumber === issue && c.user.type === "Bot",
    );
    const said = (replies.at(-1)?.body ?? "the App did not answer")
      .split("\n")
      .filter((l) => l.trim() !== "" && !l.startsWith(">") && !l.startsWith("<!--"));
    return {
      outcome: "refused",
      runId: undefined,
      status: undefined,
      branch: undefined,
      ticked: [],
      reason: said.slice(0, REASON_LINES + 1),
    };
  }

  private async ended(runId: string, ticked: string[]): Promise<Driven> {
    const run = await this.store.getRun(runId);
    const last = this.jobs.at(-1)?.ran;
    if (!run) {
      const job = last ? tail(`${last.stderr}\n${last.stdout}`) : ["no job ran"];
      return { outcome: "failed", runId, status: undefined, branch: undefined, ticked, reason: job };
    }
    const steps = await this.store.listSteps(runId);
    const outcome = outcomeOf(
      run.status,
      steps.map((s) => s.status),
    );
    const reason = outcome === "succeeded" ? [] : this.why(run.status, run.error, steps, last);
    return { outcome, runId, status: run.status, branch: run.branch, ticked, reason };
  }

  private why(
    status: RunStatus,
    error: string | undefined,
    steps: Awaited<ReturnType<SqlRunStore["listSteps"]>>,
    last: ActionRun | undefined,
  ): string[] {
    const limit = last?.timedOut ? ["the job outlived its limit (--timeout) and was cancelled"] : [];
    const failed = steps.find((s) => s.status === "failed");
    if (!failed) {
      const job = last && last.code !== 0 ? tail(`${last.stderr}\n${last.stdout}`) : [];
      return [...limit, error ?? `the run ended ${status}`, ...job];
    }
    const head = `step ${failed.number} "${failed.name}" (${failed.kind}): ${failed.error ?? "failed"}`;
    const lines = withoutStack(explainingLines(failed.error ?? "", failed.outputTail ?? "")).filter(
      (l) => !head.includes(l.trim()),
    );
    return [...limit, head, ...lines.slice(0, REASON_LINES)];
  }
}

/** A request GitHub would refuse fails the scenario, whatever the run made of the fake's answer. */
function withViolations(driven: Driven): Driven {
  const found = drainViolations();
  if (found.length === 0) return driven;
  const lines = formatViolations(found).split("\n");
  return { ...driven, outcome: "failed", reason: [...lines.slice(0, REASON_LINES * 2), ...driven.reason] };
}

function tail(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(-REASON_LINES);
}

/** The folder `.github/scenarios.yml` names for the documents (`scenarios:`), `scenarios` by default. */
function configuredFolder(config: string): string {
  const named = (parse(config) as { scenarios?: unknown } | null)?.scenarios;
  return String(named ?? "scenarios").replace(/^\.?\/|\/$/g, "");
}

/**
 * The checkout's own catalog, as the App finds it: the configured folder when it holds a scenario
 * document, else undefined (the App then uses the shipped catalog).
 */
export function repositoryCatalog(checkout: string): string | undefined {
  const config = path.join(checkout, ".github/scenarios.yml");
  const folder = path.join(
    checkout,
    configuredFolder(existsSync(config) ? readFileSync(config, "utf8") : ""),
  );
  if (!existsSync(folder)) return undefined;
  const documents = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter(isScenarioDocument);
  return documents.length > 0 ? folder : undefined;
}

/**
 * What the App reads on GitHub from the default branch: the checkout's `.github/` (its config, its
 * workflows) and the documents of its catalog folder.
 */
function githubFiles(copy: TrialCopy): Record<string, string> {
  const tracked = git(copy.dir, "ls-files", "-z").split("\0").filter(Boolean);
  const show = (file: string) => git(copy.dir, "show", `${copy.baseSha}:${file}`);
  const config = tracked.includes(".github/scenarios.yml") ? show(".github/scenarios.yml") : "";
  const folder = configuredFolder(config);
  const files: Record<string, string> = {};
  for (const file of tracked)
    if (file.startsWith(".github/") || (file.startsWith(`${folder}/`) && file.endsWith(".md")))
      files[file] = show(file);
  return files;
}
