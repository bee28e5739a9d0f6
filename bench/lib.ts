// A tiny benchmark harness: run a function N times, report median/min/max as a table row.
// A suite is a module in bench/suites/*.ts whose default export is a Benchmark or an array of them.

export interface Benchmark {
  name: string;
  /** The target in words, shown in the table (e.g. "<= 1 s"). */
  goal: string;
  /** When set, the median is checked against it and the row says met or MISSED. */
  limitMs?: number;
  /** Timed runs (default 10) after untimed warm-up runs (default 1). */
  iterations?: number;
  warmup?: number;
  /** Once, before the runs (create fixtures); not timed. */
  setup?: () => Promise<void> | void;
  run: () => Promise<unknown> | unknown;
  /** Once, after the runs (remove fixtures); not timed. */
  teardown?: () => Promise<void> | void;
}

export interface Measurement {
  name: string;
  goal: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median CPU time of the process per run (user + system): steadier than wall time on a shared machine. */
  cpuMs?: number;
  verdict: "met" | "MISSED" | "-";
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function measure(bench: Benchmark): Promise<Measurement> {
  await bench.setup?.();
  try {
    for (let i = 0; i < (bench.warmup ?? 1); i++) await bench.run();
    const samples: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < (bench.iterations ?? 10); i++) {
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      await bench.run();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
    }
    const medianMs = median(samples);
    return {
      name: bench.name,
      goal: bench.goal,
      runs: samples.length,
      medianMs,
      minMs: Math.min(...samples),
      maxMs: Math.max(...samples),
      cpuMs: median(cpu),
      verdict: bench.limitMs === undefined ? "-" : medianMs <= bench.limitMs ? "met" : "MISSED",
    };
  } finally {
    await bench.teardown?.();
  }
}

const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);

export const HEADER = ["benchmark", "goal", "median", "min", "max", "cpu (median)", "runs", "verdict"];

export function row(m: Measurement): string[] {
  const cpu = m.cpuMs === undefined ? "-" : ms(m.cpuMs);
  return [m.name, m.goal, ms(m.medianMs), ms(m.minMs), ms(m.maxMs), cpu, String(m.runs), m.verdict];
}

/** A markdown table (readable as plain text too). */
export function formatTable(rows: string[][]): string {
  const all = [HEADER, ...rows];
  const widths = HEADER.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(HEADER), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}
