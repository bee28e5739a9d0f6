// A tiny benchmark harness: run a function N times, report median/min/max as a table row, beside the
// baseline (the floor: bare git, `node -e 0`, a no-op handler, reading the files) measured in the same run.
// A suite is a module in bench/suites/*.ts whose default export is a Benchmark or an array of them.
import { readFileSync, writeFileSync } from "node:fs";

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
  /**
   * Peak resident memory of the process doing the work, median over the runs, KiB: the spawned process
   * for whole-process rows, this one for in-process rows (its peak reset before each run).
   */
  rssKb?: number;
  limitMs?: number;
  /** What median, min, max and the baseline count: milliseconds (default), or KiB for a memory row. */
  unit?: "ms" | "KiB";
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

/**
 * Starts a new peak of this process's resident memory at its current size (Linux: writing 5 to
 * /proc/self/clear_refs resets VmHWM). False where that is not possible: then no in-process peak is shown.
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

/** This process's peak resident memory since the last reset (VmHWM), KiB. */
export function peakRssKb(pid: number | "self" = "self"): number | undefined {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** `fn` with this process's peak resident memory while it ran (undefined where it cannot be known). */
export async function withPeakRss<T>(fn: () => Promise<T> | T): Promise<{ value: T; rssKb?: number }> {
  const resettable = resetPeakRss();
  const value = await fn();
  const rssKb = resettable ? peakRssKb() : undefined;
  return rssKb === undefined ? { value } : { value, rssKb };
}

export async function measure(bench: Benchmark): Promise<Measurement[]> {
  await bench.setup?.();
  try {
    if (bench.collect) {
      // A suite that measures itself in this process: rows it gives no peak get the peak of the whole
      // collection (the rows of one collection then share it).
      const { value: rows, rssKb } = await withPeakRss(() =>
        (bench.collect as () => Promise<Measurement[]>)(),
      );
      return rows.map((r) => (r.rssKb === undefined && rssKb !== undefined ? { ...r, rssKb } : r));
    }
    for (let i = 0; i < (bench.warmup ?? 1); i++) await bench.run();
    const samples: number[] = [];
    const cpu: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < (bench.iterations ?? 10); i++) {
      const resettable = resetPeakRss();
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      await bench.run();
      samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      const peak = resettable ? peakRssKb() : undefined;
      if (peak !== undefined) rss.push(peak);
    }
    return [
      fromSamples(bench.name, bench.goal, samples, {
        cpuMs: median(cpu),
        ...(rss.length ? { rssKb: median(rss) } : {}),
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
export const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;

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
  const figure = m.unit === "KiB" ? mib : ms;
  const baseline = m.baselineMs === undefined ? "-" : `${figure(m.baselineMs)} (${short})`;
  const ratio = m.ratio === undefined ? "-" : `${m.ratio.toFixed(2)}x`;
  return [
    m.name,
    m.goal,
    figure(m.medianMs),
    figure(m.minMs),
    figure(m.maxMs),
    String(m.runs),
    baseline,
    ratio,
    m.verdict,
    m.cpuMs === undefined ? "-" : ms(m.cpuMs),
    m.rssKb === undefined ? "-" : mib(m.rssKb),
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
