// `npm run bench`: runs every suite in bench/suites/ (several runs each) and writes bench/RESULTS.md:
// the machine, each figure as median/min/max beside its baseline measured in the same run, the ratio
// and the goal, with the missed rows (a table) and failed suites at the top, then every row: the
// whole processes a user waits on first, then the in-process ones. Speed claims come from here only.
// `npm run bench -- <filter>` runs the suites or rows whose name or file matches and only prints
// (RESULTS.md stays whole). Each suite runs in a process of its own (this file with --suite), so an
// in-process row measures a heap and a peak RSS that no earlier suite left behind.
import { execFileSync, fork } from "node:child_process";
import { readdir, writeFile } from "node:fs/promises";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { type Benchmark, formatTable, judge, type Measurement, measure, ms, row } from "./lib.ts";

/** Suites in this order first (what a user waits on: whole processes), then the rest by name. */
const FIRST = ["cli-processes.ts", "action-cold-start.ts", "app-deliveries.ts"];
const order = (f: string) => (FIRST.includes(f) ? FIRST.indexOf(f) : FIRST.length);

/** A benchmark that takes longer is reported as failed, so the whole run stays within 10 minutes. */
const LIMIT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 180_000);

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish within ${ms(LIMIT_MS)} (BENCH_TIMEOUT_MS)`)),
      LIMIT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Failure {
  where: string;
  error: string;
}

const gib = (n: number) => `${(n / 1024 ** 3).toFixed(1)} GiB`;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");

function machine(started: Date, startLoad: string, tookMs: number): string {
  const cpu = cpus();
  return [
    `- Date: ${started.toISOString()} (the whole run took ${ms(tookMs)})`,
    `- CPU: ${cpu.length} cores, ${cpu[0]?.model ?? "unknown model"}`,
    `- Memory: ${gib(totalmem())} total, ${gib(freemem())} free at the end`,
    `- Node ${process.version} on ${process.platform} ${process.arch}`,
    `- Load average (1, 5, 15 min): ${startLoad} at the start, ${load()} at the end`,
  ].join("\n");
}

function report(results: Measurement[], failures: Failure[], about: string): string {
  const missed = results.filter((m) => m.verdict === "MISSED");
  const top: string[] = [];
  if (missed.length) top.push(formatTable(missed.map(row)), "");
  for (const f of failures) top.push(`- FAILED: ${f.where}: ${f.error}`);
  if (top.length === 0) top.push("Every figure with a goal met it; no suite failed.");
  return [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (bench/run.ts). Each figure is the median of several runs with min and max,",
    "beside its baseline (the floor) measured in the same run, the ratio to it and the goal. The validate",
    "and 50-step run rows are measured in rounds, each right after its floor: their ratio is the median of",
    "the rounds' own ratios, which a machine whose speed drifts between rounds moves less. CPU is user + system time",
    "of the measured process; peak RSS is that of the process doing the work (the spawned one for",
    "whole-process rows, the benchmark's own while the row ran for in-process rows). Each suite runs in a",
    "process of its own, so no suite's heap is left to the next.",
    "",
    "## Missed goals and failures",
    "",
    ...top,
    "",
    "## Machine",
    "",
    about,
    "",
    "## Figures",
    "",
    formatTable(results.map(row)),
    "",
  ].join("\n");
}

/**
 * A user's `scenario` runs the bundle `npm install` builds (bin/scenario.js falls back to the TypeScript
 * sources once any source differs from it, which is several times slower to start): built here first,
 * so the whole-process rows measure what a user runs, whatever was edited since the install.
 */
function buildCliBundle(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL("../scripts/build-cli.ts", import.meta.url))], {
    stdio: "ignore",
  });
}

interface SuiteOutcome {
  results: Measurement[];
  failures: Failure[];
}

/** The benchmarks of one suite file whose name or file matches `filter`, measured in this process. */
async function runSuite(file: string, filter: string | undefined): Promise<SuiteOutcome> {
  const outcome: SuiteOutcome = { results: [], failures: [] };
  let benches: Benchmark[];
  try {
    const mod = (await import(new URL(file, SUITES).href)) as { default?: Benchmark | Benchmark[] };
    benches = mod.default === undefined ? [] : Array.isArray(mod.default) ? mod.default : [mod.default];
  } catch (error) {
    outcome.failures.push({
      where: `bench/suites/${file}`,
      error: String((error as Error)?.message ?? error),
    });
    return outcome;
  }
  if (benches.length === 0)
    outcome.failures.push({ where: `bench/suites/${file}`, error: "no default export of benchmarks" });
  for (const bench of benches) {
    if (filter && !bench.name.includes(filter) && !file.includes(filter)) continue;
    process.stderr.write(`running ${bench.name} ...\n`);
    try {
      outcome.results.push(...(await withTimeout(measure(bench), bench.name)));
    } catch (error) {
      const message = String((error as Error)?.message ?? error).split("\n")[0] ?? "";
      outcome.failures.push({ where: `${file}: ${bench.name}`, error: message });
      process.stderr.write(`  failed: ${message}\n`);
    }
  }
  return outcome;
}

/** runSuite in a child process; its outcome comes back over IPC (a child that dies is a failure). */
function runSuiteAlone(file: string, filter: string | undefined): Promise<SuiteOutcome> {
  const child = fork(fileURLToPath(import.meta.url), ["--suite", file, ...(filter ? [filter] : [])], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    // Structured clone: a ratio of NaN (a floor that failed) arrives as NaN, not as null.
    serialization: "advanced",
  });
  let outcome: SuiteOutcome | undefined;
  child.on("message", (message: SuiteOutcome) => {
    outcome = message;
  });
  return new Promise((resolve) => {
    child.on("exit", (code, signal) =>
      resolve(
        outcome ?? {
          results: [],
          failures: [
            { where: `bench/suites/${file}`, error: `its process ended (${signal ?? code}) with no figures` },
          ],
        },
      ),
    );
  });
}

const SUITES = new URL("./suites/", import.meta.url);

async function main(argv: string[]): Promise<number> {
  const filter = argv.find((a, i) => !a.startsWith("--") && argv[i - 1] !== "--suite");
  const suite = argv[argv.indexOf("--suite") + 1];
  if (argv.includes("--suite") && suite) {
    const outcome = await runSuite(suite, filter);
    await new Promise<void>((resolve) => process.send?.(outcome, () => resolve()) ?? resolve());
    return 0;
  }
  buildCliBundle();
  const started = new Date();
  const startLoad = load();
  const t0 = performance.now();
  const files = (await readdir(SUITES))
    .filter((f) => f.endsWith(".ts"))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const results: Measurement[] = [];
  const failures: Failure[] = [];
  for (const file of files) {
    const outcome = await runSuiteAlone(file, filter);
    results.push(...outcome.results);
    failures.push(...outcome.failures);
  }
  const judged = judge(results);
  const text = report(judged, failures, machine(started, startLoad, performance.now() - t0));
  process.stdout.write(text);
  if (!filter && !argv.includes("--no-write")) {
    await writeFile(new URL("./RESULTS.md", import.meta.url), text);
    process.stderr.write("wrote bench/RESULTS.md\n");
  }
  return failures.length ? 1 : 0;
}

// Exit explicitly: a timed-out benchmark may still hold sockets or timers.
process.exit(await main(process.argv.slice(2)));
