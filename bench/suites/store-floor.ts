// The floors for the registry sync rows (bench/suites/store-sync.ts): the same 1,000 scenarios' rows
// written with one INSERT ... SELECT per table in one transaction (what any sync must at least write),
// and the four tables read back whole (what an unchanged re-sync must at least read).
import { registryRows } from "../../src/store/registry-rows.ts";
import { syncRegistry } from "../../src/store/registry-sync.ts";
import type { Benchmark } from "../lib.ts";
import { benchDatabase } from "../support/bench-database.ts";
import { generateScenarios } from "./store-sync.ts";

const TABLES = {
  definitions: "sys_scenario_definitions",
  dependencies: "sys_scenario_dependencies",
  steps: "sys_scenario_steps",
  parameters: "sys_scenario_parameters",
} as const;
export const WRITE_FLOOR = "PostgreSQL: the same registry rows, one INSERT per table (floor)";
export const READ_FLOOR = "PostgreSQL: read the 4 registry tables whole (floor)";

const scenarios = generateScenarios(1000);
const rows = registryRows(scenarios);
const write = benchDatabase("floor_write");
const read = benchDatabase("floor_read");

const benchmarks: Benchmark[] = [
  {
    name: WRITE_FLOOR,
    goal: "-",
    iterations: 5,
    setup: () => write.open(),
    run: () =>
      write.db.transaction(async (tx) => {
        await tx.exec(`TRUNCATE ${Object.values(TABLES).reverse().join(", ")}`);
        for (const [key, table] of Object.entries(TABLES)) {
          const list = rows[key as keyof typeof TABLES] as Record<string, unknown>[];
          const columns = Object.keys(list[0] ?? {}).join(", ");
          if (!columns) continue;
          await tx.query(
            `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_populate_recordset(null::${table}, $1::json)`,
            [JSON.stringify(list)],
          );
        }
      }),
    teardown: () => write.close(),
  },
  {
    name: READ_FLOOR,
    goal: "-",
    iterations: 10,
    setup: async () => {
      await read.open();
      await syncRegistry(read.db, scenarios);
    },
    run: async () => {
      for (const table of Object.values(TABLES)) await read.db.query(`SELECT * FROM ${table}`);
    },
    teardown: () => read.close(),
  },
];

export default benchmarks;
