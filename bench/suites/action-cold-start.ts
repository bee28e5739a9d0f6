// The Action's cold start, as a runner pays it: `node dist/index.js` from spawn to its first line
// (bundle loaded, inputs and event read; goal <= 250 ms) beside `node -e 0`, the floor; then to the
// first scenario step of a real run (git, store, catalog, plan, branch), against the loopback GitHub
// fake and a bare origin: with PostgreSQL, and zero-server (no database-url: the job's memory, no
// initdb; goal <= 1.5x the same with PostgreSQL). The four take turns round by round, so the shared
// machine's noise hits them alike; each row has the process's peak RSS (read when its line appears,
// just before it is stopped). The bundle's size is in the row's name.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createGitOrigin, OriginBranches } from "../../test/support/git-origin.ts";
import { addRepo, startGitHubFake } from "../../test/support/github-fake/index.ts";
import { type Benchmark, fromSamples, type Measurement, median, peakRssKb } from "../lib.ts";
import { type ProcessSample, timeProcess } from "../support/time-process.ts";

const root = join(import.meta.dirname, "../..");
const NODE = join(root, "node_modules/.bin/node");
const ENTRY = join(root, "dist/index.js");
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const ROUNDS = 5;

/**
 * Spawns node with `args` and resolves when a stdout line matches: the time since the spawn and the
 * process's peak RSS then (it is stopped right after).
 */
function until(args: string[], env: NodeJS.ProcessEnv, match: RegExp, cwd = root): Promise<ProcessSample> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(NODE, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let done = false;
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.stdout.on("data", (d) => {
      out += d;
      if (!done && match.test(out)) {
        done = true;
        const ms = performance.now() - start;
        const rssKb = child.pid === undefined ? undefined : peakRssKb(child.pid);
        child.kill("SIGKILL");
        resolve({ ms, stdout: out, ...(rssKb === undefined ? {} : { rssKb }) });
      }
    });
    child.on("close", (code) => {
      if (!done) reject(new Error(`exited ${code} before ${match}: ${(out + err).slice(-800)}`));
    });
  });
}

function runnerEnv(dir: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const event = join(dir, "event.json");
  writeFileSync(
    event,
    // Dispatched by a person with write access (checked against the repository's policy).
    JSON.stringify({
      inputs: {},
      ref: "refs/heads/main",
      repository: { default_branch: "main" },
      sender: { login: "Codertocat", type: "User" },
    }),
  );
  writeFileSync(join(dir, "output"), "");
  return {
    PATH: `${join(root, "node_modules/.bin")}:${process.env.PATH}`,
    HOME: process.env.HOME,
    GITHUB_REPOSITORY: "acme/bench",
    GITHUB_EVENT_NAME: "workflow_dispatch",
    GITHUB_EVENT_PATH: event,
    GITHUB_OUTPUT: join(dir, "output"),
    GITHUB_REF: "refs/heads/main",
    "INPUT_GITHUB-TOKEN": "ghs_bench",
    INPUT_PARAMS: "{}",
    ...extra,
  };
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function rowOf(name: string, goal: string, samples: ProcessSample[], extra: Partial<Measurement> = {}) {
  const rss = samples.map((s) => s.rssKb).filter((x): x is number => x !== undefined);
  const cpu = samples.map((s) => s.cpuMs).filter((x): x is number => x !== undefined);
  return fromSamples(
    name,
    goal,
    samples.map((s) => s.ms),
    {
      ...(rss.length ? { rssKb: median(rss) } : {}),
      ...(cpu.length ? { cpuMs: median(cpu) } : {}),
      ...extra,
    },
  );
}

const FLOOR = "node -e 0 (floor)";
const PG_STEP = "action: node dist/index.js to the first step of create-shared-service (PostgreSQL)";

const bench: Benchmark = {
  name: "action: cold start and first step",
  goal: "-",
  run() {},
  async collect(): Promise<Measurement[]> {
    const scratch = mkdtempSync(join(tmpdir(), "scenario-bench-action-"));
    const coldEnv = runnerEnv(scratch, {
      GITHUB_API_URL: "http://127.0.0.1:9",
      GITHUB_WORKSPACE: scratch,
      INPUT_COMMAND: "check",
    });
    const fake = await startGitHubFake({ record: false, checkRequests: false });
    const origin = createGitOrigin({
      copyDirs: { ".": join(root, "examples/monorepo"), scenarios: join(root, "scenarios") },
      files: {},
    });
    const database = `scenario_bench_action_${process.pid}`;
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    let job = 0;
    // To the first step of a real run: each job gets its own checkout and target (the lock key).
    const firstStep = (databaseUrl?: string) => {
      const i = job++;
      const workspace = origin.freshCheckout(`bench-${i}`);
      const env = runnerEnv(mkdtempSync(join(scratch, "job-")), {
        GITHUB_API_URL: fake.url,
        GITHUB_WORKSPACE: workspace,
        INPUT_COMMAND: "run",
        INPUT_SCENARIO: "create-shared-service",
        INPUT_PARAMS: JSON.stringify({ name: `bench-service-${i}` }),
        ...(databaseUrl ? { "INPUT_DATABASE-URL": databaseUrl } : {}),
      });
      return until([ENTRY], env, /\[1\/\d+\] /, workspace);
    };
    const floor: ProcessSample[] = [];
    const cold: ProcessSample[] = [];
    const postgres: ProcessSample[] = [];
    const zero: ProcessSample[] = [];
    try {
      const repo = addRepo(fake.state, { owner: "acme", name: "bench", roles: { Codertocat: "write" } });
      repo.branches = new OriginBranches(origin.bare);
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${database}`);
      // Warm-up: the migrations are applied once, as on a database the App already uses.
      await firstStep(url.toString());
      await firstStep();
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < 2; i++) {
          floor.push(await timeProcess(NODE, ["-e", "0"], { env: coldEnv }));
          cold.push(await until([ENTRY], coldEnv, /scenario-bot: check/));
        }
        postgres.push(await firstStep(url.toString()));
        zero.push(await firstStep());
      }
    } finally {
      await fake.close();
      origin.dispose();
      rmSync(scratch, { recursive: true, force: true });
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
    const kb = Math.round(statSync(ENTRY).size / 1024);
    const coldName = `action cold start: node dist/index.js (${kb} KiB) to its first line`;
    return [
      rowOf(FLOOR, "-", floor),
      rowOf(coldName, "<= 250 ms", cold, { limitMs: 250, baseline: FLOOR }),
      rowOf(PG_STEP, "- (git, store, catalog, plan, branch)", postgres, { baseline: coldName }),
      rowOf(
        "action: the same zero-server (no database-url: the job's memory, no initdb)",
        "<= 1.5x with PostgreSQL",
        zero,
        { baseline: PG_STEP, ratioLimit: 1.5 },
      ),
    ];
  },
};

export default bench;
