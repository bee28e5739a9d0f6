// The embedded store's open on its own, as a process: the PGlite the CLI opens (createPglite, the same
// flags and settings) on the folder a run used, one query, closed. What `scenario run` cannot do
// without on the embedded default, beside what it adds.
import { createPglite } from "../../src/store/pglite-create.ts";

const folder = process.argv[2];
if (!folder) throw new Error("usage: node bench/support/store-open-floor.ts <the store's folder>");
const db = await createPglite(folder);
await db.query("SELECT count(*) FROM scenario_runs");
await db.close();
