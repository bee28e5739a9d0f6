// Bundles the `scenario` CLI into build/cli/ (git-ignored; built by `npm install` through `prepare`,
// and by `npm run build:cli`). One JavaScript file to start from and one chunk per command's work
// (each command imports it when it runs), so `scenario --help` pays neither type stripping nor the
// ~400 modules of the parser, the engine and the store. bin/scenario.js runs the bundle only while
// every source file it was built from is unchanged (build/cli/inputs.json); otherwise the sources.
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Where bin/scenario.js looks. Two folders below the root, like src/<layer>/, so the modules' own
 * `new URL("../../package.json", import.meta.url)` and `../../migrations/` resolve the same. */
export const CLI_BUNDLE = join(root, "build", "cli");

/** What the bundle was built from, as bin/scenario.js checks it: path from the root, size, mtime. */
export type Inputs = [path: string, size: number, mtimeMs: number][];

export async function buildCli(outdir: string = CLI_BUNDLE): Promise<void> {
  const { build } = await import("esbuild");
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(root, "src/cli/main.ts")],
    outdir,
    splitting: true,
    chunkNames: "[name]-[hash]",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
    // Loaded from node_modules as they are: they find their WebAssembly next to their own files.
    external: ["pg-native", "@electric-sql/pglite", "libpg-query"],
    // CommonJS dependencies inside an ESM bundle still call require(): give them one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  // The project's own files and the lock file (a dependency upgrade rebuilds through `prepare`).
  const files = Object.keys(result.metafile.inputs)
    .map((p) => relative(root, resolve(process.cwd(), p)))
    .filter((p) => !p.startsWith("node_modules/") && !p.startsWith(".."));
  const inputs: Inputs = [];
  for (const path of [...files.sort(), "package-lock.json", "package.json"]) {
    const info = await stat(join(root, path)).catch(() => undefined);
    if (info) inputs.push([path, info.size, info.mtimeMs]);
  }
  await writeFile(join(outdir, "inputs.json"), JSON.stringify(inputs));
}

async function main(): Promise<number> {
  try {
    await import("esbuild");
  } catch {
    // Installed without devDependencies: the CLI runs from its TypeScript sources, only slower to start.
    process.stdout.write("esbuild is not installed: the scenario CLI will run from its sources\n");
    return 0;
  }
  await buildCli();
  process.stdout.write(`built ${relative(root, CLI_BUNDLE)}/\n`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
