// The Action's cold start, as a runner pays it: `node dist/index.js` from spawn to its first line
// (bundle loaded, inputs and event read; goal <= 250 ms) beside `node -e 0`, the floor; then to the
// first scenario step of a real run (git, store, catalog, plan, branch), against the loopback GitHub
// fake, a bare origin and PostgreSQL. The bundle's size is in the row's name.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createGitOrigin, type GitOrigin, OriginBranches } from "../../test/support/git-origin.ts";
import { addRepo, type GitHubFake, startGitHubFake } from "../../test/support/github-fake/index.ts";
import type { Benchmark } from "../lib.ts";

const root = join(import.meta.dirname, "../..");
const NODE = join(root, "node_modules/.bin/node");
const ENTRY = join(root, "dist/index.js");
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Spawns node with `args` and resolves when a stdout line matches (then kills it) or it exits. */
function until(args: string[], env: NodeJS.ProcessEnv, match: RegExp, cwd = root): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let done = false;
    child.stdout.on("data", (d) => {
      out += d;
      if (!done && match.test(out)) {
        done = true;
        child.kill("SIGKILL");
        resolve();
      }
    });
    child.on("close", (code) => {
      if (done) return;
      if (match.source === "$" || code === 0) resolve();
      else reject(new Error(`exited ${code} before ${match}: ${out.slice(-500)}`));
    });
  });
}

function runnerEnv(dir: string, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const event = join(dir, "event.json");
  writeFileSync(
    event,
    JSON.stringify({ inputs: {}, ref: "refs/heads/main", repository: { default_branch: "main" } }),
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

const scratch = mkdtempSync(join(tmpdir(), "scenario-bench-action-"));
const coldEnv = runnerEnv(scratch, {
  GITHUB_API_URL: "http://127.0.0.1:9",
  GITHUB_WORKSPACE: scratch,
  INPUT_COMMAND: "check",
});

const floor: Benchmark = {
  name: "node -e 0 (floor)",
  goal: "-",
  iterations: 10,
  run: () => until(["-e", "0"], coldEnv, /$/),
};

const coldStart: Benchmark = {
  name: "action cold start: node dist/index.js to its first line",
  goal: "<= 250 ms",
  limitMs: 250,
  baseline: "node -e 0 (floor)",
  iterations: 10,
  setup: () => {
    const kb = Math.round(statSync(ENTRY).size / 1024);
    coldStart.name = `action cold start: node dist/index.js (${kb} KiB) to its first line`;
    // The real run's first step is measured beside the bare start of the same bundle.
    firstStep.baseline = coldStart.name;
  },
  run: () => until([ENTRY], coldEnv, /scenario-bot: check/),
};

// To the first step of a real run: each iteration gets its own checkout and target (the lock key).
let fake: GitHubFake | undefined;
let origin: GitOrigin | undefined;
const database = `scenario_bench_action_${process.pid}`;
let iteration = 0;
const checkouts: string[] = [];

const firstStep: Benchmark = {
  name: "action: node dist/index.js to the first step of create-shared-service (PostgreSQL)",
  goal: "- (git, store, catalog, plan, branch)",
  iterations: 5,
  setup: async () => {
    fake = await startGitHubFake({ record: false, checkRequests: false });
    origin = createGitOrigin({
      copyDirs: { ".": join(root, "examples/monorepo"), scenarios: join(root, "scenarios") },
      files: {},
    });
    const repo = addRepo(fake.state, { owner: "acme", name: "bench" });
    repo.branches = new OriginBranches(origin.bare);
    for (let i = 0; i < 6; i++) checkouts.push(origin.freshCheckout(`bench-${i}`));
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
  },
  run: async () => {
    const i = iteration++;
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    const workspace = checkouts[i] as string;
    const env = runnerEnv(mkdtempSync(join(scratch, "job-")), {
      GITHUB_API_URL: fake?.url,
      GITHUB_WORKSPACE: workspace,
      INPUT_COMMAND: "run",
      INPUT_SCENARIO: "create-shared-service",
      INPUT_PARAMS: JSON.stringify({ name: `bench-service-${i}` }),
      "INPUT_DATABASE-URL": url.toString(),
    });
    await until([ENTRY], env, /\[1\/\d+\] /, workspace);
  },
  teardown: async () => {
    await fake?.close();
    origin?.dispose();
    rmSync(scratch, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    execFileSync("true");
  },
};

export default [floor, coldStart, firstStep];
