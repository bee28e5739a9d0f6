// Every PGlite this project opens is made here. PGlite is PostgreSQL compiled to ~10 MB of
// WebAssembly. V8 runs it with its baseline compiler (Liftoff) and, by default, recompiles the
// functions that run most with its optimizing compiler (TurboFan) on background threads. PostgreSQL's
// hot functions are huge (the SQL grammar, the expression interpreter): for a process that opens the
// database for seconds (every CLI command, a scratch database per check), that recompilation was most
// of the CPU and memory (a 1-step `scenario run` on the embedded store: ~2.3x the CPU time and 440 MB
// resident instead of 270 MB; a 50-step run ~1.5x the CPU and 710-860 MB instead of 280 MB) and never
// paid for itself. So this process keeps the baseline code. V8 reads these flags when it compiles a
// module, so they take effect for every WebAssembly module compiled after the first database is opened.
// PostgreSQL's default 128 MB of shared buffers are zeroed at every start, in the WebAssembly memory:
// ~0.6 s of CPU and 130 MB resident per process for databases of a few MB, whose pages the operating
// system caches anyway. The WAL is written on every commit whatever their size, so what a killed
// process committed is kept as before.
// V8 also validates a module's ~9 MB of functions before it can start, though a run calls a small
// part of PostgreSQL: with lazy validation each function is checked when first called (the module
// ships with PGlite, already valid), so opening the database no longer waits for the whole
// (WebAssembly.compile of pglite.wasm: ~77 ms CPU -> ~18 ms; a PGlite open ~560-610 -> ~380-590 ms).
import v8 from "node:v8";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";

/**
 * Ample for the run store, the registry and a scratch database (1 MiB holds 128 pages; a page not held
 * is read from the operating system's cache). Opening spends time in proportion to it: opening a run
 * store took ~465 ms with 16 MB and ~435 ms with 4 MB here, 2 MB and 1 MB saving no more.
 */
const SHARED_BUFFERS = "4MB";

let baselineOnly = false;

export function createPglite(dataDir: string, options?: PGliteOptions): Promise<PGlite> {
  if (!baselineOnly) {
    v8.setFlagsFromString("--no-wasm-tier-up --no-wasm-dynamic-tiering --wasm-lazy-validation");
    baselineOnly = true;
  }
  return PGlite.create(dataDir, {
    ...options,
    startParams: [
      ...PGlite.defaultStartParams,
      "-c",
      `shared_buffers=${SHARED_BUFFERS}`,
      // Opening an existing folder starts PostgreSQL's startup-progress timer (every 10 s), which the
      // single-user backend never stops: a Node timer that kept a process alive forever when a path
      // forgot to close the database. Its only use is a log line nobody sees here.
      "-c",
      "log_startup_progress_interval=0",
    ],
  });
}
