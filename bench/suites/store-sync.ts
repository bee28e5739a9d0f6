// Registry sync of 1,000 generated scenarios to the real PostgreSQL server: a first sync into empty
// tables and an unchanged re-sync (which must write nothing). Goals: <= 1.5 s and <= 0.3 s (median).
// Shape: `{ name, goal, run }`; `run()` returns one row per measurement. Runs alone too:
// `npx node bench/suites/store-sync.ts`.
import pg from "pg";
import type { ScenarioDefinition, Step } from "../../src/scenario/types.ts";
import { migrate } from "../../src/store/migrations.ts";
import { openPostgres } from "../../src/store/postgres-db.ts";
import { syncRegistry } from "../../src/store/registry-sync.ts";

export const name = "store: registry sync of 1,000 scenarios (PostgreSQL)";
export const goal = "first sync <= 1.5 s, unchanged re-sync <= 0.3 s (median)";

const COUNT = 1000;
const ROUNDS = 5;
const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface BenchRow {
  name: string;
  /** Median over the rounds, milliseconds. */
  medianMs: number;
  samplesMs: number[];
  goalMs: number;
  ok: boolean;
  note?: string;
}

/** Scenarios shaped like the shipped ones: 3-7 steps, 3 parameters, up to 3 dependencies on earlier ids. */
export function generateScenarios(count: number): ScenarioDefinition[] {
  const kinds = ["automated", "validation", "manual", "checkpoint"] as const;
  return Array.from({ length: count }, (_, i) => {
    const id = `generated-scenario-${String(i).padStart(4, "0")}`;
    const file = `generated/${id}.md`;
    const at = (line: number) => ({ file, line, column: 1 });
    const steps: Step[] = Array.from({ length: 3 + (i % 5) }, (_, s) => ({
      number: s + 1,
      name: `Step ${s + 1} of ${id}`,
      kind: kinds[s % 4] ?? "automated",
      description: `What step ${s + 1} does.`,
      blocks: [],
      checklist: [],
      position: at(30 + s * 6),
    }));
    const deps = [1, 7, 31].filter((d) => i - d >= 0 && (i + d) % 3 !== 0).slice(0, 3);
    return {
      id,
      title: `Generated scenario ${i}`,
      description: `A generated scenario number ${i}, for the benchmark.`,
      objectType: (["service", "cli", "database", "ui", "proxy", "infra"] as const)[i % 6] ?? "service",
      complexity: (["simple", "medium", "complex"] as const)[i % 3] ?? "simple",
      automation: i % 101,
      dependencies: deps.map((d, k) => ({
        id: `generated-scenario-${String(i - d).padStart(4, "0")}`,
        type: (["required", "recommended", "optional"] as const)[k] ?? "required",
        position: at(8),
      })),
      parameters: [
        {
          name: "name",
          type: "string",
          required: true,
          pattern: "^[a-z][a-z0-9-]*$",
          description: "Name.",
          example: "billing",
          position: at(12),
        },
        {
          name: "mode",
          type: "enum",
          required: false,
          values: ["a", "b"],
          default: "a",
          description: "Mode.",
          example: "a",
          position: at(13),
        },
        {
          name: "port",
          type: "number",
          required: false,
          min: 1024,
          max: 65535,
          default: 8080,
          description: "Port.",
          example: "8080",
          position: at(14),
        },
      ],
      preConditions: [],
      steps,
      postValidation: [],
      rollback: [],
      triggers: [],
      template: false,
      file,
      position: at(1),
    } satisfies ScenarioDefinition;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
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

export async function run(): Promise<BenchRow[]> {
  const database = `scenario_bench_sync_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${database}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  const db = await openPostgres(url.toString());
  const scenarios = generateScenarios(COUNT);
  const first: number[] = [];
  const again: number[] = [];
  let rows = 0;
  try {
    await migrate(db);
    // One warm-up round (connection, plan caches), not counted.
    for (let round = -1; round < ROUNDS; round++) {
      await db.exec(
        "TRUNCATE sys_scenario_dependencies, sys_scenario_steps, sys_scenario_parameters, sys_scenario_definitions",
      );
      let t = performance.now();
      const report = await syncRegistry(db, scenarios);
      const firstMs = performance.now() - t;
      t = performance.now();
      const unchanged = await syncRegistry(db, scenarios);
      const againMs = performance.now() - t;
      if (unchanged.rowsWritten !== 0)
        throw new Error(`re-sync wrote ${unchanged.rowsWritten} row(s); it must write none`);
      if (round >= 0) {
        first.push(firstMs);
        again.push(againMs);
      }
      rows = report.rowsWritten;
    }
  } finally {
    await db.close();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
  const row = (label: string, samples: number[], goalMs: number, note: string): BenchRow => {
    const m = median(samples);
    return {
      name: label,
      medianMs: Math.round(m),
      samplesMs: samples.map(Math.round),
      goalMs,
      ok: m <= goalMs,
      note,
    };
  };
  return [
    row("store-sync: first sync, 1,000 scenarios", first, 1500, `${rows} rows written`),
    row("store-sync: unchanged re-sync, 1,000 scenarios", again, 300, "0 rows written"),
  ];
}

if (import.meta.main) {
  for (const r of await run()) {
    console.log(
      `${r.ok ? "ok  " : "SLOW"} ${r.name}: median ${r.medianMs} ms (goal <= ${r.goalMs} ms; ${r.samplesMs.join(", ")}) ${r.note ?? ""}`,
    );
  }
}
