// What the whole-process suites share (cli-processes.ts, cli-large-checkout.ts): the CLI as a user
// starts it, the environment of every process, and series of process samples turned into rows, each
// beside its floor.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromSamples, type Measurement, median } from "../lib.ts";
import type { ProcessSample } from "./time-process.ts";

export const root = join(import.meta.dirname, "../..");
export const NODE = join(root, "node_modules/.bin/node");
export const BIN = join(root, "bin/scenario.js");
const IDENTITY = {
  GIT_AUTHOR_NAME: "bench",
  GIT_AUTHOR_EMAIL: "bench@localhost",
  GIT_COMMITTER_NAME: "bench",
  GIT_COMMITTER_EMAIL: "bench@localhost",
};

/** The environment of every process: no DATABASE_URL (the embedded default), caches (parsed documents, the PGlite template) in `cache`. */
export function envFor(cache: string): NodeJS.ProcessEnv {
  const { DATABASE_URL: _, ...rest } = process.env;
  return { ...rest, ...IDENTITY, SCENARIO_CACHE_DIR: cache, NO_COLOR: "1" };
}

export const scratch = () => mkdtempSync(join(tmpdir(), "bench-cli-"));

export interface Series {
  name: string;
  goal: string;
  baseline?: string;
  ratioLimit?: number;
  samples: ProcessSample[];
  /**
   * The floor's series when each sample was measured right after the floor's sample of the same round:
   * the ratio is then the median of the rounds' own ratios, so a machine whose speed drifts between
   * rounds (here up to 3x within minutes) moves both sides of each ratio alike.
   */
  pairedWith?: Series;
}

export const series = (name: string, goal = "-", baseline?: string, ratioLimit?: number): Series => ({
  name,
  goal,
  samples: [],
  ...(baseline === undefined ? {} : { baseline }),
  ...(ratioLimit === undefined ? {} : { ratioLimit }),
});

export function rows(series: Series[]): Measurement[] {
  return series.map((s) => {
    const rss = s.samples.map((x) => x.rssKb).filter((x): x is number => x !== undefined);
    const cpu = s.samples.map((x) => x.cpuMs).filter((x): x is number => x !== undefined);
    const floor = s.pairedWith?.samples;
    return fromSamples(
      s.name,
      s.goal,
      s.samples.map((x) => x.ms),
      {
        ...(s.baseline === undefined ? {} : { baseline: s.baseline }),
        ...(s.ratioLimit === undefined ? {} : { ratioLimit: s.ratioLimit }),
        ...(rss.length ? { rssKb: median(rss) } : {}),
        ...(cpu.length ? { cpuMs: median(cpu) } : {}),
        ...(floor?.length === s.samples.length
          ? { ratio: median(s.samples.map((x, i) => x.ms / (floor[i]?.ms ?? Number.NaN))) }
          : {}),
      },
    );
  });
}
