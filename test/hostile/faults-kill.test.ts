// The process killed at each phase of a step's checkpoint (before the commit; after the commit,
// before the store row; after the store row, before the check run), then resumed by a new process:
// the branch, the store and the check runs end as after an unbroken run, with no duplicate commit and
// no duplicate check run. The Action's runner-side adapters run in a child process against a bare
// origin, the loopback GitHub fake and PostgreSQL. CI runs the middle step of each phase;
// HOSTILE_FULL=1 runs every step.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SqlRunStore } from "../../src/store/run-store.ts";
import { useEngineDb } from "../support/engine-harness.ts";
import { createGitOrigin, type GitOrigin, OriginBranches } from "../support/git-origin.ts";
import { addRepo, type FakeRepo, type GitHubFake, startGitHubFake } from "../support/github-fake/index.ts";
import type { ChildConfig } from "./support/fault-child.ts";
import { PHASES, type Phase } from "./support/fault-scenario.ts";

const store = useEngineDb("hostile_kill");
const NODE = path.resolve("node_modules/.bin/node");
const CHILD = path.resolve("test/hostile/support/fault-child.ts");
const STEPS = process.env.HOSTILE_FULL ? [0, 1, 2] : [1];

let fake: GitHubFake;
const origins: GitOrigin[] = [];
beforeAll(async () => {
  fake = await startGitHubFake({ record: false });
});
afterAll(() => fake.close());
afterEach(() => {
  for (const o of origins.splice(0)) o.dispose();
});

let repos = 0;
function newRepo(): { origin: GitOrigin; repo: FakeRepo } {
  const origin = createGitOrigin({ files: { "README.md": "# fault\n" } });
  origins.push(origin);
  const repo = addRepo(fake.state, { owner: "acme", name: `fault${++repos}` });
  repo.branches = new OriginBranches(origin.bare);
  return { origin, repo };
}

function child(config: ChildConfig): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve) => {
    const p = spawn(NODE, [CHILD, JSON.stringify(config)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    p.stdout.on("data", (d) => {
      out += d;
    });
    p.stderr.on("data", (d) => {
      out += d;
    });
    p.on("close", (code, signal) => resolve({ code, signal, out }));
  });
}

interface EndState {
  /** Per checkpoint on origin: its step trailer and tree. */
  checkpoints: string[];
  /** Commits on the run branch after main. */
  commits: number;
  status: string | undefined;
  steps: string[];
  /** Completed check runs per step check name, with their conclusion. */
  checks: string[];
  /** Check runs of the run still queued or in progress, on any commit. */
  open: string[];
}

async function endState(origin: GitOrigin, repo: FakeRepo, runId: string): Promise<EndState> {
  const branch = `scenario/three-steps/${runId}`;
  const log = origin
    .git(
      origin.bare,
      "log",
      "--reverse",
      "--format=%(trailers:key=Scenario-Step,valueonly)%x09%T",
      `main..${branch}`,
    )
    .split("\n")
    .filter((l) => /^\d/.test(l));
  const run = await new SqlRunStore({ db: store.db }).getRun(runId);
  const steps = await new SqlRunStore({ db: store.db }).listSteps(runId);
  const checks = [...repo.checkRuns.values()];
  return {
    checkpoints: log.map((l) => l.replace(/\s+/, " ")),
    commits: Number(origin.git(origin.bare, "rev-list", "--count", `main..${branch}`)),
    status: run?.status,
    steps: steps.map((s) => `${s.index} ${s.status} ${s.commitSha === undefined ? "no commit" : "commit"}`),
    checks: checks
      .filter((c) => c.status === "completed" && c.conclusion !== "neutral" && c.name.includes(". "))
      .map((c) => `${c.name}: ${c.conclusion}`)
      .sort(),
    open: checks
      .filter((c) => c.status !== "completed" && c.externalId?.startsWith(runId))
      .map((c) => `${c.name} on ${c.headSha.slice(0, 7)}`),
  };
}

function config(origin: GitOrigin, repo: FakeRepo, runId: string, extra: Partial<ChildConfig>): ChildConfig {
  return {
    db: store.url,
    checkout: origin.checkout,
    runId,
    apiUrl: fake.url,
    owner: "acme",
    repo: repo.name,
    mode: "run",
    ...extra,
  };
}

let unbroken: EndState | undefined;
async function expected(): Promise<EndState> {
  if (unbroken) return unbroken;
  const { origin, repo } = newRepo();
  const runId = "20261124-unbrkn";
  const r = await child(config(origin, repo, runId, {}));
  expect(r.out).toContain("succeeded");
  unbroken = await endState(origin, repo, runId);
  return unbroken;
}

describe("killed at each phase of a checkpoint, then resumed", () => {
  const cases: [Phase, number][] = PHASES.flatMap((phase) =>
    STEPS.map((step): [Phase, number] => [phase, step]),
  );
  it.each(cases)("%s of step %i: same end state as an unbroken run", async (phase, step) => {
    const want = await expected();
    expect(want.commits).toBeGreaterThanOrEqual(3);
    expect(want.open).toEqual([]);
    const { origin, repo } = newRepo();
    const runId = `20261124-k${phase.slice(0, 3)}${step}`.slice(0, 15);
    const killed = await child(config(origin, repo, runId, { fault: { phase, step } }));
    expect(killed.signal, killed.out).toBe("SIGKILL");
    expect((await new SqlRunStore({ db: store.db }).getRun(runId))?.status).toBe("running");
    const resumed = await child(config(origin, repo, runId, { mode: "resume" }));
    expect(resumed.out.trim(), resumed.out).toBe("succeeded");
    const got = await endState(origin, repo, runId);
    expect(got.checkpoints).toEqual(want.checkpoints);
    expect(got.commits).toBe(want.commits);
    expect(got.status).toBe("succeeded");
    expect(got.steps).toEqual(want.steps);
    // Never a duplicate: at most one verdict per step.
    expect(new Set(got.checks).size).toBe(got.checks.length);
    // Killed between the step's store row and its check run, the resumed job creates the owed one.
    expect(got.checks).toEqual(want.checks);
    expect(got.open).toEqual([]);
  });

  it("rolled back after a kill mid-run: the branch is back at its base and no check of the run stays in progress", async () => {
    const { origin, repo } = newRepo();
    const runId = "20261124-krollb";
    const killed = await child(config(origin, repo, runId, { fault: { phase: "after-commit", step: 1 } }));
    expect(killed.signal, killed.out).toBe("SIGKILL");
    const rolled = await child(config(origin, repo, runId, { mode: "rollback" }));
    expect(rolled.out.trim(), rolled.out).toBe("rolled_back");
    const got = await endState(origin, repo, runId);
    expect(got.status).toBe("rolled_back");
    expect(got.commits).toBe(0);
    expect(got.open).toEqual([]);
  });
});
