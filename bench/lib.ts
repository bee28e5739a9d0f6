// A tiny benchmark harness: run a function N times, report median/min/max as a table row, beside the
// baseline (the floor: bare git, `node -e 0`, a no-op handler, reading the files) measured in the same run.
// A suite is a module in bench/suites/*.ts whose default export is a Benchmark or an array of them.

export interface Benchmark {
  name: string;
  /** The target in words, shown in the table (e.g. "<= 1 s"). */
  goal: string;
  /** When set, the median is checked against it and the row says met or MISSED. */
  limitMs?: number;
  /** Name of a benchmark measured earlier in the same run: this row's floor, shown with the ratio. */
  baseline?: string;
  /** When set, median / baseline median is checked against it (e.g. 1.5). */
  ratioLimit?: number;
  /** Timed runs (default 10) after untimed warm-up runs (default 1). */
  iterations?: number;
  warmup?: number;
  /** Once, before the runs (create fixtures); not timed. */
  setup?: () => Promise<void> | void;
  run: () => Promise<unknown> | unknown;
  /**
   * Instead of timing `run`, the suite measures itself (e.g. two things interleaved so machine noise
   * hits both alike) and returns its rows; `run` is then not called.
   */
  collect?: () => Promise<Measurement[]>;
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
  /** Peak resident memory of the measured process (whole-process rows), median over the runs, KiB. */
  rssKb?: number;
  limitMs?: number;
  baseline?: string;
  baselineMs?: number;
  ratio?: number;
  ratioLimit?: number;
  verdict: "met" | "MISSED" | "-";
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A row from raw samples (for suites that `collect` their own). */
export function fromSamples(
  name: string,
  goal: string,
  samples: readonly number[],
  extra: Partial<Measurement> = {},
): Measurement {
  return {
    name,
    goal,
    runs: samples.length,
    medianMs: median(samples),
    minMs: Math.min(...samples),
    maxMs: Math.max(...samples),
    verdict: "-",
    ...extra,
  };
}

export async function measure(bench: Benchmark): Promise<Measurement[]> {
  await bench.setup?.();
  try {
    if (bench.collect) return await bench.collect();
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
    return [
      fromSamples(bench.name, bench.goal, samples, {
        cpuMs: median(cpu),
        ...(bench.limitMs === undefined ? {} : { limitMs: bench.limitMs }),
        ...(bench.baseline === undefined ? {} : { baseline: bench.baseline }),
        ...(bench.ratioLimit === undefined ? {} : { ratioLimit: bench.ratioLimit }),
      }),
    ];
  } finally {
    await bench.teardown?.();
  }
}

/** Fills in baseline figures, ratios and verdicts from the rows of the same run. */
export function judge(rows: Measurement[]): Measurement[] {
  return rows.map((m) => {
    const base = m.baseline === undefined ? undefined : rows.find((r) => r.name === m.baseline);
    const out: Measurement = { ...m };
    if (base && m.baselineMs === undefined) out.baselineMs = base.medianMs;
    if (out.baselineMs !== undefined && out.baselineMs > 0 && out.ratio === undefined)
      out.ratio = out.medianMs / out.baselineMs;
    const checks: boolean[] = [];
    if (out.limitMs !== undefined) checks.push(out.medianMs <= out.limitMs);
    if (out.ratioLimit !== undefined) checks.push(out.ratio !== undefined && out.ratio <= out.ratioLimit);
    if (m.verdict !== "-") checks.push(m.verdict === "met");
    out.verdict = checks.length === 0 ? "-" : checks.every(Boolean) ? "met" : "MISSED";
    return out;
  });
}

export const ms = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);

export const HEADER = [
  "benchmark",
  "goal",
  "median",
  "min",
  "max",
  "runs",
  "baseline (median)",
  "ratio",
  "verdict",
  "CPU (median)",
  "peak RSS",
];

export function row(m: Measurement): string[] {
  const name = m.baseline ?? "?";
  const short = name.length > 48 ? `${name.slice(0, 47)}…` : name;
  const baseline = m.baselineMs === undefined ? "-" : `${ms(m.baselineMs)} (${short})`;
  const ratio = m.ratio === undefined ? "-" : `${m.ratio.toFixed(2)}x`;
  return [
    m.name,
    m.goal,
    ms(m.medianMs),
    ms(m.minMs),
    ms(m.maxMs),
    String(m.runs),
    baseline,
    ratio,
    m.verdict,
    m.cpuMs === undefined ? "-" : ms(m.cpuMs),
    m.rssKb === undefined ? "-" : `${(m.rssKb / 1024).toFixed(0)} MiB`,
  ];
}

/** A markdown table (readable as plain text too); pipes inside cells are escaped. */
export function formatTable(rows: string[][], header: string[] = HEADER): string {
  const all = [header, ...rows].map((r) => r.map((c) => c.replace(/\|/g, "\\|")));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  const [head = [], ...body] = all;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
