// `npm run bench [-- <filter>] [-- --write]`: runs every suite in bench/suites/, prints one table.
// `--write` also writes bench/RESULTS.md. Speed claims in this project come from here only.
import { readdir, writeFile } from "node:fs/promises";
import { cpus, loadavg } from "node:os";
import { type Benchmark, formatTable, type Measurement, measure, row } from "./lib.ts";

/** A suite is either `export default Benchmark | Benchmark[]`, or `{ name, goal, run }` named exports. */
interface SuiteModule {
  default?: Benchmark | Benchmark[];
  name?: string;
  goal?: string;
  run?: () => Promise<unknown>;
}

/** Rows a `{ name, goal, run }` suite measured itself: `{ name, medianMs, samplesMs?, goalMs?, ok? }`. */
function fromRows(rows: unknown, goal: string): Measurement[] {
  const list = Array.isArray(rows) ? rows : [rows];
  return list
    .filter((r): r is { name: string; medianMs: number } => typeof r?.medianMs === "number")
    .map((r) => {
      const {
        samplesMs = [r.medianMs],
        goalMs,
        ok,
      } = r as { samplesMs?: number[]; goalMs?: number; ok?: boolean };
      return {
        name: r.name,
        goal: goalMs === undefined ? goal : `<= ${goalMs} ms`,
        runs: samplesMs.length,
        medianMs: r.medianMs,
        minMs: Math.min(...samplesMs),
        maxMs: Math.max(...samplesMs),
        verdict: ok === undefined ? "-" : ok ? "met" : "MISSED",
      };
    });
}

async function main(argv: string[]): Promise<number> {
  const write = argv.includes("--write");
  const filter = argv.find((a) => !a.startsWith("--"));
  const dir = new URL("./suites/", import.meta.url);
  const files = (await readdir(dir)).filter((f) => f.endsWith(".ts")).sort();
  const results: Measurement[] = [];
  for (const file of files) {
    const mod = (await import(new URL(file, dir).href)) as { default?: Benchmark | Benchmark[] };
    const benches = mod.default === undefined ? [] : Array.isArray(mod.default) ? mod.default : [mod.default];
    if (benches.length === 0)
      process.stderr.write(`bench/suites/${file}: no default export of benchmarks; skipped\n`);
    for (const bench of benches) {
      if (filter && !bench.name.includes(filter) && !file.includes(filter)) continue;
      process.stderr.write(`running ${bench.name} ...\n`);
      results.push(await measure(bench));
    }
  }
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");
  const machine = `Node ${process.version}, ${cpus().length} CPU (${cpus()[0]?.model ?? "unknown"}), load average ${load} at the end`;
  const table = formatTable(results.map(row));
  process.stdout.write(`${table}\n\n${machine}\n`);
  if (write) {
    const text = `# Benchmarks\n\nWritten by \`npm run bench -- --write\` on ${new Date().toISOString()}.\n${machine}.\n\n${table}\n`;
    await writeFile(new URL("./RESULTS.md", import.meta.url), text);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
