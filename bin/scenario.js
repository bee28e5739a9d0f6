#!/usr/bin/env node
// The `scenario` command. Runs the bundle in build/cli/ (scripts/build-cli.ts, built on `npm install`)
// when every source file it was built from is unchanged, else the TypeScript sources directly (Node 24
// strips types natively), so an edited source is always what runs. SCENARIO_FROM_SOURCES=1 forces the
// sources. V8's compile cache keeps parsed code between runs.
import { readFileSync, statSync } from "node:fs";
import module from "node:module";

module.enableCompileCache?.();

/** The bundle's entry when it is current, else undefined. Costs one stat per source file (~2 ms). */
function bundled() {
  if (process.env.SCENARIO_FROM_SOURCES) return undefined;
  const root = new URL("../", import.meta.url);
  try {
    const inputs = JSON.parse(readFileSync(new URL("build/cli/inputs.json", root), "utf8"));
    for (const [path, size, mtimeMs] of inputs) {
      const info = statSync(new URL(path, root));
      if (info.size !== size || info.mtimeMs !== mtimeMs) return undefined;
    }
    return new URL("build/cli/main.js", root).href;
  } catch {
    return undefined;
  }
}

const { exitWith, main } = await import(bundled() ?? "../src/cli/main.ts");
await exitWith(await main(process.argv.slice(2)));
