// The engine's checkpoint overhead: a 50-step run (each step writes one file; the engine commits it with
// trailers and records the step in the store) against 50 bare `git add -A && git commit` of the same
// files, measured in the same process. Goal: the run takes <= 1.5x the bare commits (median).
// `npm run bench -- engine` or alone: `npx node bench/suites/engine-checkpoints.ts`.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { buildPlan } from "../../src/engine/plan/build-plan.ts";
import type { Reporter } from "../../src/engine/ports.ts";
import { executeRun } from "../../src/engine/run/execute.ts";
import { FileTaskSink } from "../../src/local/file-task-sink.ts";
import { GitWorkspace } from "../../src/local/git-workspace.ts";
import type { ScenarioDefinition } from "../../src/scenario/types.ts";
import type { Db } from "../../src/store/db.ts";
import { SqlRunStore } from "../../src/store/run-store.ts";
import { type Benchmark, fromSamples, median, withPeakRss } from "../lib.ts";
import { benchDatabase } from "../support/bench-database.ts";

const STEPS = 50;
const RATIO_GOAL = 1.5;
const exec = promisify(execFile);
const IDENTITY = ["-c", "user.name=bench", "-c", "user.email=bench@localhost"];

const silent: Reporter = { runStarted() {}, stepStarted() {}, stepFinished() {}, runFinished() {}, log() {} };

/** 50 automated steps, each writing `files/step-N.txt`, as the parser would produce them. */
export function fiftySteps(): ScenarioDefinition {
  const file = "bench/fifty-steps.md";
  const at = (line: number) => ({ file, line, column: 1 });
  return {
    id: "fifty-steps",
    title: "Fifty steps",
    description: "",
    objectType: "infra",
    complexity: "simple",
    automation: 100,
    dependencies: [],
    parameters: [],
    preConditions: [],
    steps: Array.from({ length: STEPS }, (_, i) => ({
      number: i + 1,
      name: `Step ${i + 1}`,
      kind: "automated" as const,
      description: "",
      blocks: [
        {
          lang: "text",
          kind: "file" as const,
          path: `files/step-${i + 1}.txt`,
          append: false,
          check: false,
          content: `step ${i + 1}\n`,
          position: at(i + 1),
        },
      ],
      checklist: [],
      position: at(i + 1),
    })),
    postValidation: [],
    rollback: [],
    triggers: [],
    template: false,
    file,
    position: at(1),
  };
}

async function newRepo(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-checkpoints-"));
  writeFileSync(path.join(dir, "README.md"), "bench\n");
  await exec("git", ["init", "-q", "-b", "main"], { cwd: dir });
  await exec("git", [...IDENTITY, "commit", "-q", "--allow-empty", "-m", "initial"], { cwd: dir });
  return dir;
}

async function bareCommits(): Promise<number> {
  const dir = await newRepo();
  try {
    const start = performance.now();
    mkdirSync(path.join(dir, "files"));
    for (let i = 1; i <= STEPS; i++) {
      writeFileSync(path.join(dir, "files", `step-${i}.txt`), `step ${i}\n`);
      await exec("git", ["add", "-A"], { cwd: dir });
      await exec("git", [...IDENTITY, "commit", "-q", "-m", `step ${i}`], { cwd: dir });
    }
    return performance.now() - start;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let round = 0;
async function engineRun(db: Db, scenario: ScenarioDefinition): Promise<number> {
  const dir = await newRepo();
  await exec("git", ["config", "user.name", "bench"], { cwd: dir });
  await exec("git", ["config", "user.email", "bench@localhost"], { cwd: dir });
  try {
    const runId = `20261124-b${String(++round).padStart(5, "0")}`;
    const start = performance.now();
    const store = new SqlRunStore({ db });
    const plan = buildPlan({
      catalog: [scenario],
      scenarioId: scenario.id,
      rawParams: {},
      runId,
      now: new Date(),
    });
    const run = await executeRun(
      plan,
      {
        workspace: await GitWorkspace.open({ repo: dir, runId }),
        store,
        reporter: silent,
        tasks: new FileTaskSink({ dir: path.join(dir, ".scenario", "tasks"), store }),
      },
      { repository: dir, baseBranch: "main" },
    );
    const took = performance.now() - start;
    if (run.status !== "succeeded") throw new Error(`bench run ended ${run.status}: ${run.error}`);
    return took;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Interleaved rounds of both, so machine noise hits them alike. Returns the medians and their ratio. */
export async function compare(rounds = 5): Promise<{
  bareMs: number;
  engineMs: number;
  ratio: number;
  bare: number[];
  engine: number[];
  /** This process's peak RSS during each, median over the rounds (git's own is not in it). */
  bareRssKb?: number;
  engineRssKb?: number;
}> {
  const database = benchDatabase("engine");
  await database.open();
  const db = database.db;
  try {
    const scenario = fiftySteps();
    const bare: number[] = [];
    const engine: number[] = [];
    const bareRss: number[] = [];
    const engineRss: number[] = [];
    await bareCommits();
    await engineRun(db, scenario);
    for (let i = 0; i < rounds; i++) {
      const b = await withPeakRss(bareCommits);
      bare.push(b.value);
      if (b.rssKb !== undefined) bareRss.push(b.rssKb);
      const e = await withPeakRss(() => engineRun(db, scenario));
      engine.push(e.value);
      if (e.rssKb !== undefined) engineRss.push(e.rssKb);
    }
    const bareMs = median(bare);
    const engineMs = median(engine);
    return {
      bareMs,
      engineMs,
      ratio: engineMs / bareMs,
      bare,
      engine,
      ...(bareRss.length ? { bareRssKb: median(bareRss) } : {}),
      ...(engineRss.length ? { engineRssKb: median(engineRss) } : {}),
    };
  } finally {
    await database.close();
  }
}

export const name = "engine: 50 checkpointed steps vs 50 bare git add+commit";
export const goal = `ratio <= ${RATIO_GOAL}x`;

const BARE = "git: 50 bare add+commit of the same files (baseline)";

/** Both rows from one interleaved comparison: the bare commits are the engine row's baseline. */
const bench: Benchmark = {
  name,
  goal,
  run() {},
  async collect() {
    const r = await compare();
    return [
      fromSamples(BARE, "-", r.bare, r.bareRssKb === undefined ? {} : { rssKb: r.bareRssKb }),
      fromSamples(name, goal, r.engine, {
        baseline: BARE,
        ratioLimit: RATIO_GOAL,
        ...(r.engineRssKb === undefined ? {} : { rssKb: r.engineRssKb }),
      }),
    ];
  },
};
export default bench;

export async function run(): Promise<{
  name: string;
  ok: boolean;
  ratio: number;
  bareMs: number;
  engineMs: number;
}> {
  const { bareMs, engineMs, ratio } = await compare();
  return { name, ok: ratio <= RATIO_GOAL, ratio, bareMs, engineMs };
}

if (import.meta.main) {
  const r = await run();
  console.log(
    `${r.ok ? "ok  " : "SLOW"} ${r.name}: engine ${Math.round(r.engineMs)} ms, bare ${Math.round(r.bareMs)} ms, ratio ${r.ratio.toFixed(2)}x (goal <= ${RATIO_GOAL}x, median of 5 interleaved rounds)`,
  );
}
