// Registry sync of 1,000 generated scenarios to the real PostgreSQL server: a first sync into empty
// tables and an unchanged re-sync (which must write nothing). Goals: <= 1.5 s and <= 0.3 s (median).
// `npm run bench -- store` runs it; each benchmark has a database of its own on the server.
import type { ScenarioDefinition, Step } from "../../src/scenario/types.ts";
import { syncRegistry } from "../../src/store/registry-sync.ts";
import type { Benchmark } from "../lib.ts";
import { benchDatabase } from "../support/bench-database.ts";

const COUNT = 1000;

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

/** A database of its own per benchmark, migrated, dropped by teardown. */
const scenarios = generateScenarios(COUNT);
const first = benchDatabase("sync_first");
const again = benchDatabase("sync_again");

const benchmarks: Benchmark[] = [
  {
    name: "store: registry sync, 1,000 scenarios, first run (PostgreSQL; includes emptying the 4 tables)",
    goal: "<= 1.5 s",
    limitMs: 1500,
    baseline: "PostgreSQL: the same registry rows, one INSERT per table (floor)",
    iterations: 5,
    setup: () => first.open(),
    run: async () => {
      await first.db.exec(
        "TRUNCATE sys_scenario_dependencies, sys_scenario_steps, sys_scenario_parameters, sys_scenario_definitions",
      );
      const report = await syncRegistry(first.db, scenarios);
      if (report.added.length !== COUNT)
        throw new Error(`first sync added ${report.added.length}, expected ${COUNT}`);
    },
    teardown: () => first.close(),
  },
  {
    name: "store: registry sync, 1,000 scenarios, unchanged re-run (PostgreSQL; writes no row)",
    goal: "<= 0.3 s",
    limitMs: 300,
    baseline: "PostgreSQL: read the 4 registry tables whole (floor)",
    iterations: 10,
    setup: async () => {
      await again.open();
      await syncRegistry(again.db, scenarios);
    },
    run: async () => {
      const report = await syncRegistry(again.db, scenarios);
      if (report.rowsWritten !== 0)
        throw new Error(`re-sync wrote ${report.rowsWritten} row(s); it must write none`);
    },
    teardown: () => again.close(),
  },
];

export default benchmarks;
