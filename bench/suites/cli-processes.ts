// What a user waits on: whole `scenario` processes, from spawn to exit, each beside its floor measured
// in the same rounds (interleaved, so the shared machine's noise hits both alike), with peak RSS.
// Floors: `node -e 0`; a process that only reads and remark-parses the same documents
// (bench/support/remark-floor.mjs); 50 bare `git add -A && git commit` in one shell.
// `npm run bench -- cli` runs only these rows.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Benchmark } from "../lib.ts";
import { ADMIN_URL, admin } from "../support/bench-database.ts";
import { BIN, envFor, NODE, root, rows, scratch, series } from "../support/cli-series.ts";
import { timeProcess } from "../support/time-process.ts";
import { generateDocument } from "./scenario-parse.ts";

const FLOOR = join(root, "bench/support/remark-floor.mjs");
const STORE_OPEN = join(root, "bench/support/store-open-floor.ts");
const STEPS = 50;
const DOCUMENTS = 1000;

/**
 * Rounds of the validate rows, each side by side with its floor: with 3, a row's ratio moved by up to a
 * third between runs of the suite on this shared machine; with 5, the cold row's moved between 1.18x
 * and 1.28x over six runs within an hour of one build (2026-11-30). 9, as the run rows.
 */
const ROUNDS = 9;
/** Rounds of the 50-step run rows (~1-2 s a round). */
const RUN_ROUNDS = 9;

const NODE_FLOOR = "cli floor: node -e 0";

/** `--help` and `list` of the shipped catalog (outside any repository) beside `node -e 0`. */
const startup: Benchmark = {
  name: "cli: scenario --help, scenario list",
  goal: "-",
  run() {},
  async collect() {
    const dir = scratch();
    const env = envFor(join(dir, "cache"));
    const floor = series(NODE_FLOOR);
    const help = series("cli: scenario --help", "<= 3x node -e 0", NODE_FLOOR, 3);
    const list = series("cli: scenario list (the shipped catalog)", "<= 4x node -e 0", NODE_FLOOR, 4);
    try {
      await timeProcess(NODE, [BIN, "list"], { cwd: dir, env });
      for (let i = 0; i < 7; i++) {
        floor.samples.push(await timeProcess(NODE, ["-e", "0"], { cwd: dir, env }));
        help.samples.push(await timeProcess(NODE, [BIN, "--help"], { cwd: dir, env }));
        list.samples.push(await timeProcess(NODE, [BIN, "list"], { cwd: dir, env }));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows([floor, help, list]);
  },
};

/** `validate` of 1,000 new documents (no cache), then again with nothing changed. */
const validate: Benchmark = {
  name: "cli: scenario validate, 1,000 documents",
  goal: "-",
  run() {},
  async collect() {
    const dir = scratch();
    const docs = join(dir, "scenarios");
    mkdirSync(docs);
    for (let i = 0; i < DOCUMENTS; i++) writeFileSync(join(docs, `s${i}.md`), generateDocument(i));
    const cache = join(dir, "cache");
    const env = envFor(cache);
    const parseFloor = series("cli floor: read + remark-parse the 1,000 documents in one process");
    // Each measured right after its floor, in the same round: the ratio is the rounds' own (Series).
    const cold = {
      ...series(
        "cli: scenario validate, 1,000 new documents (cold)",
        "<= 1.25x read + remark-parse",
        parseFloor.name,
        1.25,
      ),
      pairedWith: parseFloor,
    };
    const floor = series("cli floor: node -e 0 (beside validate)");
    const warm = {
      ...series("cli: scenario validate again, nothing changed (warm)", "<= 8x node -e 0", floor.name, 8),
      pairedWith: floor,
    };
    const validateArgs = [BIN, "validate", "--scenarios", "scenarios"];
    try {
      for (let i = 0; i < ROUNDS; i++) {
        parseFloor.samples.push(await timeProcess(NODE, [FLOOR, docs], { cwd: dir, env }));
        rmSync(cache, { recursive: true, force: true });
        cold.samples.push(await timeProcess(NODE, validateArgs, { cwd: dir, env }));
        floor.samples.push(await timeProcess(NODE, ["-e", "0"], { cwd: dir, env }));
        warm.samples.push(await timeProcess(NODE, validateArgs, { cwd: dir, env }));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return rows([parseFloor, cold, floor, warm]);
  },
};

/** A document of 50 automated steps, each writing one file under files/<tag>/. */
export function fiftyStepDocument(): string {
  const steps = Array.from({ length: STEPS }, (_, i) => {
    const pad = " ".repeat(`${i + 1}. `.length);
    return `${i + 1}. **Write file ${i + 1}** [automated]
${pad}\`\`\`text file=files/{tag}/step-${i + 1}.txt
${pad}step ${i + 1}
${pad}\`\`\``;
  }).join("\n");
  return `# Scenario: Fifty steps

Writes fifty files, one per step: the whole-process checkpoint benchmark.

## Metadata
- **ID**: \`fifty-steps\`
- **Object Type**: infra
- **Complexity**: simple
- **Automation**: 100%
- **Dependencies**: none

## Parameters
- \`tag\` (required): Folder of this run's files. Pattern: \`^[a-z0-9-]+$\`. Example: \`r1\`

## Steps
${steps}

## Post-Validation
1. [ ] The last file exists
   \`\`\`bash check
   test -f "files/{tag}/step-${STEPS}.txt"
   \`\`\`

## Rollback
1. **Remove the files**
   \`\`\`bash
   rm -rf "files/{tag}"
   \`\`\`
`;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync("git", args, { cwd, env: envFor(""), stdio: "ignore" });
}

function newRepo(withDocument: boolean): string {
  const dir = scratch();
  writeFileSync(join(dir, "README.md"), "bench\n");
  writeFileSync(join(dir, ".gitignore"), ".scenario/\n");
  if (withDocument) {
    mkdirSync(join(dir, "scenarios"));
    writeFileSync(join(dir, "scenarios", "fifty-steps.md"), fiftyStepDocument());
  }
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
  return dir;
}

const BARE_LOOP = `mkdir -p files
for i in $(seq 1 ${STEPS}); do
  echo "step $i" > "files/step-$i.txt"
  git add -A && git commit -q -m "step $i"
done`;

/** `scenario run` of 50 steps, embedded and on PostgreSQL, beside 50 bare commits in one shell. */
const run50: Benchmark = {
  name: "cli: scenario run, 50 steps",
  goal: "-",
  run() {},
  async collect() {
    const database = `scenario_bench_cli_${process.pid}`;
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${database}`);
    const embeddedRepo = newRepo(true);
    const pgRepo = newRepo(true);
    const cache = join(embeddedRepo, ".cache");
    const env = envFor(cache);
    const bare = series("cli floor: 50 bare git add -A && git commit in one shell");
    const embedded = {
      ...series(
        "cli: scenario run, 50 steps, embedded store (the default)",
        "<= 2x 50 bare commits",
        bare.name,
        2,
      ),
      pairedWith: bare,
    };
    const postgres = {
      ...series("cli: scenario run, 50 steps, PostgreSQL", "<= 1.5x 50 bare commits", bare.name, 1.5),
      pairedWith: bare,
    };
    // What the embedded store's open costs a process on its own: `scenario runs` opens the store, reads
    // the runs and closes it, on each store. The two run rows differ by about as much.
    const runsPostgres = series("cli: scenario runs (opens the store, reads, closes), PostgreSQL");
    const runsEmbedded = {
      ...series("cli: scenario runs, embedded store", "-", runsPostgres.name),
      pairedWith: runsPostgres,
    };
    // The embedded store's open alone (no CLI, no git): the part of the embedded run row no code of
    // ours runs, beside 50 bare commits as that row is.
    const storeOpen = {
      ...series(
        "cli floor: open the embedded store alone (PGlite on the run's folder, one query, close)",
        "-",
        bare.name,
      ),
      pairedWith: bare,
    };
    let n = 0;
    const runIn = (repo: string, extra: string[]) =>
      timeProcess(NODE, [BIN, "run", "fifty-steps", `tag=r${++n}`, ...extra], { cwd: repo, env });
    try {
      // Warm-up: the embedded store is created and migrated once, as on a user's first run.
      await runIn(embeddedRepo, []);
      await runIn(pgRepo, ["--database-url", url.toString()]);
      for (let i = 0; i < RUN_ROUNDS; i++) {
        const repo = newRepo(false);
        try {
          bare.samples.push(await timeProcess("bash", ["-c", BARE_LOOP], { cwd: repo, env }));
        } finally {
          rmSync(repo, { recursive: true, force: true });
        }
        embedded.samples.push(await runIn(embeddedRepo, []));
        postgres.samples.push(await runIn(pgRepo, ["--database-url", url.toString()]));
        runsPostgres.samples.push(
          await timeProcess(NODE, [BIN, "runs", "--database-url", url.toString()], { cwd: pgRepo, env }),
        );
        runsEmbedded.samples.push(await timeProcess(NODE, [BIN, "runs"], { cwd: embeddedRepo, env }));
        storeOpen.samples.push(
          await timeProcess(NODE, [STORE_OPEN, join(embeddedRepo, ".scenario", "db")], {
            cwd: embeddedRepo,
            env,
          }),
        );
      }
    } finally {
      rmSync(embeddedRepo, { recursive: true, force: true });
      rmSync(pgRepo, { recursive: true, force: true });
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
    return rows([bare, embedded, postgres, runsPostgres, runsEmbedded, storeOpen]);
  },
};

export default [startup, validate, run50];
