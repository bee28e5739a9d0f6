// `scenario scratch-db` without a server: an in-memory PGlite per check. A new one runs initdb; one
// from the template kept in the cache folder loads a copy (src/store/pglite-template.ts).
// Each row opens the database and applies a one-table migration with RLS, as a check would.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { openPglite, wrapPglite } from "../../src/store/pglite-db.ts";
import type { Benchmark } from "../lib.ts";

const MIGRATION =
  "CREATE TABLE notes (id int PRIMARY KEY, owner uuid); ALTER TABLE notes ENABLE ROW LEVEL SECURITY;";
let cache = "";

const NEW = "scratch database: a new in-memory PGlite (initdb) + one migration (baseline)";

const benchmarks: Benchmark[] = [
  {
    name: NEW,
    goal: "-",
    iterations: 5,
    run: async () => {
      const db = wrapPglite(await PGlite.create("memory://"));
      await db.exec(MIGRATION);
      await db.close();
    },
  },
  {
    name: "scratch database: in-memory PGlite from the cached template + one migration",
    goal: "-",
    baseline: NEW,
    iterations: 10,
    setup: async () => {
      cache = await mkdtemp(join(tmpdir(), "scenario-bench-cache-"));
    },
    // The warm-up run makes the template.
    run: async () => {
      const db = await openPglite({ dataDir: "memory://", env: { SCENARIO_CACHE_DIR: cache } });
      await db.exec(MIGRATION);
      await db.close();
    },
    teardown: async () => {
      await rm(cache, { recursive: true, force: true });
    },
  },
];

export default benchmarks;
