// Bundles the GitHub Action into dist/ (committed: a runner executes dist/index.js as it is).
// esbuild: one fast pass, one file, ESM and TypeScript as they are, no config beyond this script.
// `--check` builds into a temporary folder and fails when it differs from the committed dist/.
import { cp, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Files an embedded dependency loads next to the bundle at run time: PGlite's WebAssembly and data, the
 * extensions a scratch database loads (src/store/scratch/pglite-extensions.ts points them here), and
 * the SQL parser's WebAssembly (libpg-query reads it from `__dirname`, the banner's).
 */
const ASSETS = [
  "node_modules/@electric-sql/pglite/dist/pglite.wasm",
  "node_modules/@electric-sql/pglite/dist/pglite.data",
  "node_modules/@electric-sql/pglite/dist/initdb.wasm",
  "node_modules/@electric-sql/pglite/dist/pgcrypto.tar.gz",
  "node_modules/@electric-sql/pglite/dist/uuid-ossp.tar.gz",
  "node_modules/libpg-query/wasm/libpg-query.wasm",
];

/** `entry` is for tests only (an entry that passes test options to run()); dist/ is always built from src/action/index.ts. */
export async function buildAction(outdir: string, entry = join(root, "src/action/index.ts")): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  await build({
    // dist/scenario.js: the CLI, for steps that call scenario-bot's helpers (src/action/scenario-cli.ts).
    entryPoints: [entry, { in: join(root, "src/cli/entry.ts"), out: "scenario" }],
    outdir,
    // Commands load on demand (dynamic import): the entry stays small, so the job starts fast and
    // each command pays only for what it uses (PGlite, the parser, probot-free GitHub code).
    splitting: true,
    chunkNames: "[name]-[hash]",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node24",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    // pg loads its optional native binding only when asked; the action never asks.
    external: ["pg-native"],
    // CommonJS dependencies inside an ESM bundle still call require() and read __dirname (libpg-query
    // finds its WebAssembly there): give them both, for the chunk's own folder, dist/.
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        "import { fileURLToPath as __fileURLToPath } from 'node:url';",
        "const require = __createRequire(import.meta.url);",
        "const __filename = __fileURLToPath(import.meta.url);",
        "const __dirname = __fileURLToPath(new URL('.', import.meta.url)).slice(0, -1);",
      ].join(" "),
    },
  });
  // The store's SQL migrations, read at run time from next to the bundle.
  await cp(join(root, "migrations"), join(outdir, "migrations"), { recursive: true });
  for (const asset of ASSETS) {
    const from = join(root, asset);
    try {
      await cp(from, join(outdir, asset.split("/").pop() as string));
    } catch {
      // Not every build bundles PGlite; only copy what exists.
    }
  }
}

async function listFiles(dir: string, top: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    const files: string[] = [];
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) files.push(...(await listFiles(path, top)));
      else files.push(path.slice(top.length + 1));
    }
    return files.sort();
  } catch {
    return [];
  }
}

/** Lists what differs between two dist folders; empty when they are the same. */
export async function diffDist(expected: string, actual: string): Promise<string[]> {
  const a = await listFiles(expected, expected);
  const b = await listFiles(actual, actual);
  const problems: string[] = [];
  for (const name of new Set([...a, ...b])) {
    if (!a.includes(name)) problems.push(`${name}: in dist/ but not produced by the build`);
    else if (!b.includes(name)) problems.push(`${name}: produced by the build but missing from dist/`);
    else if (!(await readFile(join(expected, name))).equals(await readFile(join(actual, name)))) {
      problems.push(`${name}: differs from a fresh build`);
    }
  }
  return problems;
}

async function main(argv: string[]): Promise<number> {
  const dist = join(root, "dist");
  if (!argv.includes("--check")) {
    await buildAction(dist);
    process.stdout.write(`built ${dist}\n`);
    return 0;
  }
  const tmp = await mkdtemp(join(tmpdir(), "scenario-dist-"));
  try {
    await buildAction(tmp);
    const problems = await diffDist(tmp, dist);
    if (problems.length === 0) {
      process.stdout.write("dist/ matches a fresh build\n");
      return 0;
    }
    process.stderr.write(
      `dist/ is stale:\n  ${problems.join("\n  ")}\nRun \`npm run build\` and commit dist/.\n`,
    );
    return 1;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
